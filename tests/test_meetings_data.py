"""The meeting mode's content on the Piteå spring 2025 warehouse of test_assignments_data."""

from datetime import date, datetime

import pytest

from data import economy
from data.meetings import Stamp, committee_economy, economy_months, slides, stamp
from tests.test_assignments_data import build_scenario


@pytest.fixture
def warehouse(tmp_path, read_from):
    return read_from(build_scenario(tmp_path / "warehouse.duckdb"))


def test_slides_one_per_committee_in_swedish_order(warehouse):
    deck = slides("2581", "2025-03", date(2025, 4, 28), date(2025, 3, 31))
    assert [(s.name, s.reported) for s in deck] == [
        ("Barn- och utbildningsnämnden", True),
        ("Kommunstyrelsen", True),
        ("Kultur- och fritidsnämnden", False),
        ("Miljö- och byggnämnden", False),
        ("Samhällsbyggnadsnämnden", False),
        ("Socialnämnden", True),
    ]
    bun = deck[0]
    assert [a.case_number for a in bun.overdue] == ["KF 2024/10"]
    # Due by the meeting and not already overdue: done but not reported, and due on the meeting day.
    assert [a.case_number for a in bun.due] == ["KS 2025/5", "KF 2025/7"]
    assert bun.goal_counts == {"met": 1, "partly_met": 1, "not_met": 1, "not_assessed": 0}
    assert (bun.economy.deviation_ytd, bun.economy.forecast_deviation) == (-17.0, -25.0)
    assert [(p.month, p.outcome_ytd - p.budget_ytd) for p in bun.economy_months] == [
        ("2025-01", 5.0),
        ("2025-02", -5.0),
        ("2025-03", -17.0),
    ]
    sn = deck[-1]
    assert (sn.overdue, sn.due, sn.goal_counts, sn.economy, sn.economy_months) == ([], [], {}, None, [])


def test_slides_take_each_goals_latest_assessment_and_need_economy_for_the_month(warehouse):
    # In April the T1 report re-assesses BUN-1 as not met; there is no April economy, so none is shown.
    bun = slides("2581", "2025-04", None, date(2025, 4, 30))[0]
    assert bun.goal_counts == {"met": 0, "partly_met": 1, "not_met": 2, "not_assessed": 0}
    assert (bun.economy, bun.economy_months) == (None, [])


def test_slides_without_a_meeting_have_nothing_due(warehouse):
    deck = slides("2581", "2025-03", None, date(2025, 3, 31))
    assert deck[0].due == []
    assert [a.case_number for a in deck[0].overdue] == ["KF 2024/10"]


def test_stamp(warehouse):
    assert stamp("2581") == Stamp("Piteå", datetime(2025, 4, 2, 8, 30), False)
    assert stamp("9999") == Stamp("9999", None, False)


def test_economy_months_match_the_economy_pages_monthly_curve(warehouse):
    months = economy_months("2581", "2025-03")
    assert list(months) == ["BUN"]
    assert months["BUN"] == economy.monthly("2581", "2025-03", "BUN")


def test_committee_economy_is_the_economy_tables_row(warehouse):
    months = economy_months("2581", "2025-03")["BUN"]
    row = committee_economy("BUN", "Barn- och utbildningsnämnden", months, "2025-03")
    assert row == economy.economy_table("2581", "2025-03").committee("BUN")
    assert committee_economy("BUN", "Barn- och utbildningsnämnden", months, "2025-04") is None
