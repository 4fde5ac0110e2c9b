"""etl/spec.py and etl/sql/schema.sql name the same columns: a column in only one of them fails here, not in silence."""

import duckdb
import pytest

from etl import spec
from etl.store import TABLES, Staging
from etl.warehouse import sql
from tests.fixtures import workbook

# Every fact row knows its submission; these columns come from it, not from a sheet.
SUBMISSION_COLUMNS = {"submission_id", "municipality_code", "committee_code"}
# Columns a fact table takes from the submission's "Om rapporten" (etl/store.py: _derived) or from its period cell.
DERIVED_COLUMNS = {"goal": {"period", "period_end"}, "indicator": {"period_end"}, "project": {"report_date"}}


def schema_columns() -> dict[str, set[str]]:
    """Table -> its columns, from running etl/sql/schema.sql in a fresh in-memory database."""
    with duckdb.connect() as con:
        con.execute(sql("schema"))
        rows = con.execute("select table_name, column_name from information_schema.columns").fetchall()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(table, set()).add(column)
    return out


def test_every_fact_sheet_has_a_table():
    assert sorted(TABLES[sheet.key] for sheet in spec.FACT_SHEETS) == [
        "assignment",
        "deviation",
        "economy",
        "employee",
        "goal",
        "indicator",
        "meeting",
        "network_target",
        "project",
        "suggestion",
    ]


@pytest.mark.parametrize("sheet", spec.FACT_SHEETS, ids=lambda s: s.key)
def test_spec_columns_and_schema_columns_agree(sheet):
    table = TABLES[sheet.key]
    in_spec = {column.key for column in sheet.columns}
    in_schema = schema_columns()[table]
    assert in_spec - in_schema == set(), f"in etl/spec.py but not in table {table} of etl/sql/schema.sql"
    extra = in_schema - in_spec - SUBMISSION_COLUMNS - DERIVED_COLUMNS.get(table, set())
    assert extra == set(), f"in table {table} of etl/sql/schema.sql but not in sheet {sheet.name} of etl/spec.py"


def test_a_fact_column_missing_from_the_schema_is_refused_when_stored(tmp_path):
    row = {"body": "KF", "meeting_date": "2025-04-28", "room": "Sessionssalen"}
    staging = Staging(tmp_path / "w.duckdb", fresh=True)
    try:
        with pytest.raises(ValueError, match="table meeting has no column room"):
            staging.add([workbook("2581", "KS", "2025-03", meetings=[row])])
    finally:
        staging.discard()
