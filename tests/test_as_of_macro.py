"""The "as of a month" rule for snapshot facts, defined once (etl/sql/as_of.sql): latest period by the month's end."""

from datetime import date

import duckdb

from tests.fixtures import build_warehouse, project_row, workbook
from tests.steering_fixture import goal


def test_project_as_of_takes_the_latest_report_ending_by_the_day(tmp_path):
    path = build_warehouse(
        tmp_path / "w.duckdb",
        [
            workbook("2581", "KS", "2026-01", projects=[project_row("P1", "Skola", phase="planning")]),
            workbook("2581", "KS", "2026-03", projects=[project_row("P1", "Skola", phase="execution")]),
            workbook("2581", "KS", "2026-02", projects=[project_row("P1", "Skola", phase="closure")]),
            workbook("2580", "KS", "2026-03", projects=[project_row("P1", "Annan", phase="closure")]),
        ],
    )
    query = "select phase, snapshot_end, first_seen, is_latest from project_as_of(?, '2581', ?) order by snapshot_end"
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute(query, [None, date(2026, 2, 28)]).fetchall() == [
            ("planning", date(2026, 1, 31), date(2026, 1, 31), False),
            ("closure", date(2026, 2, 28), date(2026, 1, 31), True),
        ]
        assert [r for r in con.execute(query, [None, date(2026, 3, 31)]).fetchall() if r[3]] == [
            ("execution", date(2026, 3, 31), date(2026, 1, 31), True)
        ]
        # At the data version of the first two submissions the February report was not loaded yet.
        assert [r[0] for r in con.execute(query, [2, date(2026, 2, 28)]).fetchall() if r[3]] == ["planning"]


def test_goal_as_of_marks_each_goal_s_latest_assessment_by_the_day(tmp_path):
    assessed = [("2025-T1", "not_met"), ("2025-T2", "met")]
    books = [workbook("2581", "BUN", period, goals=[goal("G1", "KM1", "Ett gott liv", "Mål", "citizen", a)])
             for period, a in assessed]  # fmt: skip
    path = build_warehouse(tmp_path / "w.duckdb", books)
    query = "select period, assessment, is_latest from goal_as_of(null, '2581', ?) order by period_end"
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute(query, [date(2025, 7, 31)]).fetchall() == [("2025-T1", "not_met", True)]
        assert con.execute(query, [date(2025, 8, 31)]).fetchall() == [
            ("2025-T1", "not_met", False),
            ("2025-T2", "met", True),
        ]
