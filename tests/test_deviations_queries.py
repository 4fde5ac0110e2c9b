"""Deviation read side on a small published warehouse (tests/monthly_fixture.py)."""

from datetime import date

import pytest

from data import deviations
from data.deviations import DeviationFilter
from tests.monthly_fixture import deviation_warehouse


@pytest.fixture
def db(tmp_path, read_from):
    return read_from(deviation_warehouse(tmp_path / "w.duckdb"))


def test_september_serious_open_first_then_new(db):
    rows = deviations.deviations("2581", "2025-09")
    assert [(d.deviation_id, d.status, d.serious, d.is_new, d.age_days) for d in rows] == [
        ("AV-3", "open", True, True, 15),
        ("AV-1", "in_progress", True, False, 57),
        ("SN-7", "open", False, True, 28),
        ("AV-2", "closed", False, False, 21),
    ]
    assert rows[1].committee == "Barn- och utbildningsnämnden"
    assert rows[1].action == "Ny upphandling"


def test_august_view_uses_only_august_submissions(db):
    rows = deviations.deviations("2581", "2025-08")
    assert [(d.deviation_id, d.status, d.is_new) for d in rows] == [
        ("AV-1", "open", True),
        ("AV-2", "in_progress", True),
    ]


def test_filters(db):
    def ids(**kw):
        return [d.deviation_id for d in deviations.deviations("2581", "2025-09", DeviationFilter(**kw))]

    assert ids(committee="SN") == ["SN-7"]
    assert ids(type="economy") == ["AV-1"]
    assert ids(severity="high") == ["AV-3", "AV-1"]
    assert ids(status="closed") == ["AV-2"]
    assert ids(committee="BUN", severity="low") == ["AV-2"]


def test_age_counts_to_the_as_of_day(db):
    rows = deviations.deviations("2581", "2025-09", as_of=date(2025, 9, 20))
    assert {d.deviation_id: d.age_days for d in rows} == {"AV-3": 5, "AV-1": 47, "SN-7": 18, "AV-2": 21}


def test_counts_over_time(db):
    assert deviations.counts("2581", "2025-09") == {
        "status": [
            ("2025-08", "in_progress", 1),
            ("2025-08", "open", 1),
            ("2025-09", "closed", 1),
            ("2025-09", "in_progress", 1),
            ("2025-09", "open", 2),
        ],
        "type": [
            ("2025-08", "economy", 1),
            ("2025-08", "quality", 1),
            ("2025-09", "incident", 1),
            ("2025-09", "operations", 1),
        ],
    }
    assert deviations.counts("2581", "2025-09", DeviationFilter(committee="SN")) == {
        "status": [("2025-09", "open", 1)],
        "type": [("2025-09", "operations", 1)],
    }
    # The status chart ignores the status filter (it shows the split) but follows the type filter, and vice versa.
    assert deviations.counts("2581", "2025-09", DeviationFilter(type="economy", status="closed")) == {
        "status": [("2025-08", "open", 1), ("2025-09", "in_progress", 1)],
        "type": [("2025-08", "quality", 1)],
    }
