"""data.overview on the steering fixture warehouse (numbers computed by hand in tests/steering_fixture.py)."""

from datetime import date

from data import overview
from tests.fixtures import PITEA_COMMITTEES


def summaries(month="2025-04", municipality="2581"):
    return {s.committee_code: s for s in overview.committee_summaries(municipality, month)}


def test_every_committee_of_the_municipality_in_swedish_order(steering_db):
    names = [s.name for s in overview.committee_summaries("2581", "2025-04")]
    assert names == PITEA_COMMITTEES


def test_reported_is_about_the_chosen_month(steering_db):
    april = summaries("2025-04")
    assert (april["BUN"].reported, april["BUN"].report_date) == (True, date(2025, 5, 7))
    assert (april["SN"].reported, april["SN"].report_date) == (False, None)
    assert summaries("2025-03")["SN"].reported is True


def test_goal_attainment_as_of_the_month_and_change(steering_db):
    bun = summaries()["BUN"]
    assert (bun.goals_met, bun.goals_partly_met, bun.goals_not_met, bun.goals_not_assessed) == (1, 1, 1, 0)
    assert (bun.goals_improved, bun.goals_worsened) == (1, 1)
    assert [round(bun.goal_share(code), 1) for code in ("met", "partly_met", "not_met")] == [33.3, 33.3, 33.3]


def test_goals_in_march_are_the_december_assessments(steering_db):
    bun = summaries("2025-03")["BUN"]
    assert (bun.goals_met, bun.goals_partly_met, bun.goals_not_met) == (1, 2, 0)
    assert (bun.goals_improved, bun.goals_worsened) == (0, 0)


def test_economy_year_to_date_and_forecast(steering_db):
    bun = summaries()["BUN"]
    assert (bun.budget_ytd, bun.outcome_ytd, bun.deviation_ytd) == (-400.0, -435.0, -35.0)
    assert bun.deviation_ytd_pct == -8.75
    assert (bun.annual_budget, bun.forecast, bun.forecast_deviation) == (-1200.0, -1260.0, -60.0)
    assert bun.forecast_deviation_pct == -5.0
    assert bun.forecast_change == -10.0


def test_no_report_means_no_figures_not_zero(steering_db):
    sn = summaries()["SN"]
    assert (sn.budget_ytd, sn.forecast, sn.deviation_ytd, sn.forecast_deviation_pct) == (None, None, None, None)


def test_snapshot_counts_as_of_the_month(steering_db):
    march, april = summaries("2025-03")["BUN"], summaries("2025-04")["BUN"]
    # New = first seen in a submission after the previous month (as on /avvikelser): AV-2, dated 1 February but
    # first reported in the March submission, is new in March.
    assert (march.open_deviations, march.new_deviations) == (1, 2)
    assert (april.open_deviations, april.new_deviations) == (1, 1)
    assert (march.overdue_assignments, april.overdue_assignments) == (1, 1)
    assert (march.red_projects, april.red_projects) == (1, 1)


def test_other_municipalities_never_leak(steering_db):
    asele = {s.committee_code: s for s in overview.committee_summaries("2463", "2025-02")}
    assert asele["BUN"].reported is True
    assert (asele["BUN"].budget_ytd, asele["BUN"].forecast_deviation) == (-75.0, -50.0)
    assert asele["BUN"].goals_total == 0


def test_overdue_is_judged_today_while_the_month_is_not_over(steering_db):
    # The assignment is due 2025-03-15: in a March that is still running it is overdue only after that day.
    before = overview.committee_summaries("2581", "2025-03", today=date(2025, 3, 10))
    after = overview.committee_summaries("2581", "2025-03", today=date(2025, 3, 20))
    bun_before = next(s for s in before if s.committee_code == "BUN")
    bun_after = next(s for s in after if s.committee_code == "BUN")
    assert (bun_before.overdue_assignments, bun_after.overdue_assignments) == (0, 1)
