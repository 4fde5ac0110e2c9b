"""The submissions in force, defined once (etl/sql/in_force.sql): a correction supersedes, a cut-off goes back."""

from datetime import date, datetime

import duckdb
import pytest

from data.db import OutdatedWarehouse, query_rows
from etl.store import Staging
from tests.fixtures import build_warehouse, workbook


def economy(month: str, outcome: float) -> list[dict]:
    """One whole-committee economy row."""
    return [
        {"month": month, "activity": None, "annual_budget": -1200.0, "budget": -100.0, "outcome": outcome,
         "forecast": -1200.0}
    ]  # fmt: skip


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    """1: BUN March, 2: SN March, 3: BUN March corrected, 4: BUN April (ids in load order)."""
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    return build_warehouse(
        path,
        [
            workbook("2581", "BUN", "2025-03", economy=economy("2025-03", -110.0)),
            workbook("2581", "SN", "2025-03", economy=economy("2025-03", -90.0)),
            workbook("2581", "BUN", "2025-03", date(2025, 4, 10), economy=economy("2025-03", -120.0)),
            workbook("2581", "BUN", "2025-04", economy=economy("2025-04", -105.0)),
        ],
    )


def in_force(path, cutoff) -> list[int]:
    """Submission ids in force at a cut-off, read straight from the warehouse file."""
    with duckdb.connect(str(path), read_only=True) as con:
        return [r[0] for r in con.execute("select submission_id from in_force(?) order by 1", [cutoff]).fetchall()]


def test_a_correction_supersedes_the_earlier_submission(warehouse):
    assert in_force(warehouse, None) == [2, 3, 4]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # The loader's superseded_by agrees with the macro.
        assert con.execute(
            "select submission_id from submission where superseded_by is null order by 1"
        ).fetchall() == [
            (2,),
            (3,),
            (4,),
        ]
        assert con.execute(
            "select outcome from current_economy where committee_code = 'BUN' order by month"
        ).fetchall() == [
            (-120,),
            (-105,),
        ]


def test_a_cutoff_before_the_correction_keeps_the_earlier_submission_in_force(warehouse):
    assert in_force(warehouse, 1) == [1]
    assert in_force(warehouse, 2) == [1, 2]
    assert in_force(warehouse, 3) == [2, 3]
    assert in_force(warehouse, 4) == [2, 3, 4]


def test_queries_read_the_latest_unless_given_a_cutoff(warehouse):
    april_end = date(2025, 4, 30)
    sources = "economy_report_sources"
    assert query_rows(sources, municipality="2581", month_end=april_end)[0][3] == [2, 3, 4]
    assert query_rows(sources, municipality="2581", month_end=april_end, cutoff=2)[0][3] == [1, 2]
    assert query_rows("meta_info")[0][3] == 3


def test_a_warehouse_without_the_macro_is_refused_until_published_again(warehouse):
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop macro table in_force")
    refused = r"w\.duckdb: publicerat av en äldre version av Styrkedjan \(saknar makrot in_force\)"
    with pytest.raises(OutdatedWarehouse, match=refused):
        query_rows("meta_months", municipality="2581")
    staging = Staging(warehouse)
    staging.publish()
    assert query_rows("meta_months", municipality="2581") == [("2025-04",), ("2025-03",)]


def test_a_withdrawn_correction_brings_the_earlier_submission_back_at_every_cutoff(warehouse):
    staging = Staging(warehouse)
    staging.withdraw(3, "Personuppgifter i fritext", "controller", datetime(2025, 4, 20, 9, 0))
    staging.publish()
    assert in_force(warehouse, None) == [1, 2, 4]
    assert in_force(warehouse, 3) == [1, 2]
    assert in_force(warehouse, 2) == [1, 2]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(
            "select outcome from current_economy where committee_code = 'BUN' order by month"
        ).fetchall() == [
            (-110,),
            (-105,),
        ]
    assert query_rows("economy_report_sources", municipality="2581", month_end=date(2025, 4, 30))[0][3] == [1, 2, 4]
