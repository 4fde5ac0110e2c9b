"""Economy read side on a small published warehouse (tests/monthly_fixture.py)."""

import pytest

from data import economy
from tests.monthly_fixture import economy_warehouse


@pytest.fixture
def db(tmp_path, read_from):
    return read_from(economy_warehouse(tmp_path / "w.duckdb"))


def test_committee_rows_for_september(db):
    table = economy.economy_table("2581", "2025-09")
    bun = table.committee("BUN")
    assert (bun.annual_budget, bun.budget_ytd, bun.outcome_ytd, bun.forecast) == (-1800.0, -600.0, -635.0, -1850.0)
    assert bun.deviation_ytd == -35.0
    assert round(bun.deviation_ytd_pct, 2) == -5.83
    assert bun.forecast_deviation == -50.0
    assert round(bun.forecast_deviation_pct, 2) == -2.78
    sn = table.committee("SN")
    # The corrected September file (outcome −195) supersedes the first one (−300).
    assert (sn.budget_ytd, sn.outcome_ytd, sn.deviation_ytd, sn.forecast_deviation) == (-400.0, -385.0, 15.0, 10.0)


def test_committee_rows_add_up_to_the_municipality_total(db):
    table = economy.economy_table("2581", "2025-09")
    reported = [r for r in table.committees if r.has_data]
    for field in ("annual_budget", "budget_ytd", "outcome_ytd", "forecast"):
        assert sum(getattr(r, field) for r in reported) == getattr(table.total, field)
    assert (table.total.annual_budget, table.total.budget_ytd, table.total.outcome_ytd) == (-4200.0, -1000.0, -1020.0)
    assert (table.total.deviation_ytd, table.total.forecast_deviation) == (-20.0, -40.0)


def test_activity_rows_add_up_to_their_committee(db):
    table = economy.economy_table("2581", "2025-09")
    for code, rows in table.activities.items():
        committee = table.committee(code)
        for field in ("annual_budget", "budget_ytd", "outcome_ytd", "forecast"):
            assert sum(getattr(r, field) for r in rows) == getattr(committee, field)
    assert [(r.name, r.outcome_ytd) for r in table.activities["BUN"]] == [("Förskola", -200.0), ("Grundskola", -435.0)]
    assert [(r.name, r.activity) for r in table.activities["SN"]] == [("Hela nämnden", None)]


def test_committee_without_report_is_listed_without_figures(db):
    table = economy.economy_table("2581", "2025-09")
    assert [(r.committee_code, r.reported) for r in table.committees] == [
        ("BUN", True),
        ("KS", False),
        ("KFN", False),
        ("MBN", False),
        ("SBN", False),
        ("SN", True),
    ]
    sbn = table.committee("SBN")
    assert (sbn.budget_ytd, sbn.deviation_ytd, sbn.has_data) == (None, None, False)


def test_august_counts_sbn_and_not_other_municipalities(db):
    table = economy.economy_table("2581", "2025-08")
    assert table.committee("SBN").outcome_ytd == -80.0
    assert table.total.outcome_ytd == -730.0  # BUN −460, SN −190, SBN −80
    assert economy.economy_table("2463", "2025-09").total.outcome_ytd == -999.0


def test_forecast_history_marks_three_worsening_months_in_a_row(db):
    history = economy.forecast_history("2581", "2025-09")
    bun = [(p.month, p.forecast_deviation, p.streak, p.flagged) for p in history if p.committee_code == "BUN"]
    assert bun == [
        ("2025-06", -10.0, 0, False),
        ("2025-07", -20.0, 1, False),
        ("2025-08", -30.0, 2, False),
        ("2025-09", -50.0, 3, True),
    ]
    assert [p.committee_code for p in economy.worsening_committees(history, "2025-09")] == ["BUN"]


def test_streak_restarts_after_an_improvement_or_a_gap():
    rows = [
        ("A", "2025-01", -100, -110),
        ("A", "2025-02", -100, -120),
        ("A", "2025-03", -100, -115),
        ("A", "2025-04", -100, -130),
        ("A", "2025-06", -100, -140),
        ("B", "2025-07", -100, -150),
    ]
    assert [p.streak for p in economy.mark_streaks(rows)] == [0, 1, 0, 1, 0, 0]


def test_monthly_curve_ends_at_the_table_total(db):
    points = economy.monthly("2581", "2025-09")
    assert [(p.month, p.budget_ytd, p.outcome_ytd) for p in points] == [
        ("2025-06", -150.0, -155.0),
        ("2025-07", -300.0, -310.0),
        ("2025-08", -650.0, -650.0),
        ("2025-09", -1000.0, -1020.0),
    ]
    assert [(p.month, p.outcome_ytd) for p in economy.monthly("2581", "2025-09", "SN")] == [
        ("2025-08", -190.0),
        ("2025-09", -385.0),
    ]
