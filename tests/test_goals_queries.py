"""data.goals on the steering fixture warehouse."""

from datetime import date

from data import goals
from data.vocabulary import INDICATOR_STATUS


def test_goals_as_of_april_with_previous_assessment(steering_db):
    goal_list = goals.goals("2581", "2025-04")
    rows = [(g.goal_id, g.assessment, g.period, g.previous_assessment, g.change) for g in goal_list]
    assert rows == [
        ("G1", "met", "2025-T1", "partly_met", "improved"),
        ("G2", "partly_met", "2025-T1", "partly_met", "unchanged"),
        ("G3", "not_met", "2025-T1", "met", "worsened"),
    ]


def test_goals_before_the_tertial_report_are_the_december_ones(steering_db):
    rows = [(g.goal_id, g.assessment, g.previous_assessment, g.change) for g in goals.goals("2581", "2025-03")]
    assert rows == [("G1", "partly_met", None, "new"), ("G2", "partly_met", None, "new"), ("G3", "met", None, "new")]


def test_goals_filtered_by_committee(steering_db):
    assert goals.goals("2581", "2025-04", "SN") == []
    assert len(goals.goals("2581", "2025-04", "BUN")) == 3


def test_goal_carries_chain_and_comment(steering_db):
    g1 = goals.goals("2581", "2025-04")[0]
    assert (g1.committee, g1.council_goal_id, g1.council_goal) == (
        "Barn- och utbildningsnämnden",
        "KF-1",
        "Alla barn och unga ska lyckas i skolan",
    )
    assert (g1.perspective, g1.comment) == ("citizen", "Resultaten har förbättrats.")


def test_attainment_by_committee_and_perspective(steering_db):
    goal_list = goals.goals("2581", "2025-04")
    assert goals.attainment(goal_list, "committee") == {
        "Barn- och utbildningsnämnden": {"met": 1, "partly_met": 1, "not_met": 1, "not_assessed": 0}
    }
    assert goals.attainment(goal_list, "perspective") == {
        "citizen": {"met": 1, "partly_met": 0, "not_met": 0, "not_assessed": 0},
        "process": {"met": 0, "partly_met": 1, "not_met": 0, "not_assessed": 0},
        "employee": {"met": 0, "partly_met": 0, "not_met": 1, "not_assessed": 0},
    }


def test_trend_per_assessment_period(steering_db):
    assert goals.trend("2581", "2025-04") == {
        "2024-12": {"met": 1, "partly_met": 2, "not_met": 0, "not_assessed": 0},
        "2025-04": {"met": 1, "partly_met": 1, "not_met": 1, "not_assessed": 0},
    }
    assert goals.trend("2581", "2025-03") == {"2024-12": {"met": 1, "partly_met": 2, "not_met": 0, "not_assessed": 0}}


def test_indicators_latest_row_and_status(steering_db):
    rows = [(i.key, i.period, i.outcome, i.target, i.status, i.kolada_kpi) for i in goals.indicators("2581", "2025-04")]
    assert rows == [
        ("BUN|BUN-1.1", "2024", 76.5, 80.0, "off_target", "N15419"),
        ("BUN|BUN-2.1", "2024", 4.0, 5.0, "on_target", None),
        ("BUN|BUN-3.1", "2024", 71.0, None, "no_target", None),
    ]


def test_indicator_series_oldest_first(steering_db):
    points = goals.indicator_series("2581", "BUN|BUN-1.1", "2025-04")
    assert [(p.period, p.period_end, p.outcome, p.target) for p in points] == [
        ("2023", date(2023, 12, 31), 74.0, 80.0),
        ("2024", date(2024, 12, 31), 76.5, 80.0),
    ]


def test_indicator_status_follows_direction():
    assert goals.indicator_status(80.0, 80.0, "higher") == "on_target"
    assert goals.indicator_status(79.9, 80.0, "higher") == "off_target"
    assert goals.indicator_status(5.1, 5.0, "lower") == "off_target"
    assert goals.indicator_status(5.0, 5.0, "lower") == "on_target"
    assert goals.indicator_status(5.0, None, "lower") == "no_target"
    assert goals.indicator_status(None, 5.0, "lower") == "no_outcome"
    assert goals.indicator_status(None, None, "lower") == "no_target"


def test_indicator_with_target_and_no_outcome_is_labelled_no_outcome():
    assert INDICATOR_STATUS.label(goals.indicator_status(None, 90.0, "higher")) == "Inget utfall"
    assert INDICATOR_STATUS.label(goals.indicator_status(87.5, None, "higher")) == "Inget målvärde"


def test_assessment_change():
    assert goals.assessment_change("not_met", "partly_met") == "improved"
    assert goals.assessment_change("met", "partly_met") == "worsened"
    assert goals.assessment_change("not_assessed", "met") == "changed"
    assert goals.assessment_change(None, "met") == "new"
    assert goals.assessment_change("met", "met") == "unchanged"
