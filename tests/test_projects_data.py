"""The project portfolio's read side: as-of rows, the five flags, a project's history and its events."""

from datetime import date

import pytest

from data import projects
from tests.fixtures import build_warehouse, project_row, workbook

TODAY = date(2025, 3, 31)


@pytest.fixture
def one_per_flag(tmp_path, monkeypatch):
    """Härnösand, March 2025: one healthy project and one project per flag."""
    rows = [
        project_row("P-OK", "Frisk"),
        project_row("P-STALE", "Gammal statusrapport", last_status_report=date(2025, 1, 29)),
        project_row("P-NOSTATUS", "Aldrig statusrapport", last_status_report=None, start_date=date(2025, 1, 1)),
        project_row("P-LATE", "Sen", forecast_end=date(2026, 9, 30)),
        project_row("P-OVER", "Dyr", cost_to_date=1250.0),
        project_row("P-NOBP2", "Utan plan", decision_point="BP1"),
        project_row("P-NODP", "Utan beslut", decision_point=None, decision_date=None),
        project_row("P-NOFINAL", "Utan slutrapport", phase="closure", decision_point="BP4", final_report="no"),
        project_row("P-DONE", "Klar", phase="closure", decision_point="BP4", final_report="yes"),
        project_row("P-CLOSING", "Avslutas", phase="closure", decision_point="BP3", final_report=None),
        project_row("P-PLAN", "Planeras", phase="planning", decision_point="BP1", last_status_report=None),
    ]
    db = build_warehouse(tmp_path / "w.duckdb", [workbook("2280", "KS", "2025-03", projects=rows)])
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    return db


def flag_codes(portfolio):
    return {p.project_id: [f.code for f in p.flags] for p in portfolio}


def test_each_flag_on_its_own_project(one_per_flag):
    assert flag_codes(projects.portfolio("2280", "2025-03", today=TODAY)) == {
        "P-OK": [],
        "P-STALE": ["status_report_missing"],
        "P-NOSTATUS": ["status_report_missing"],
        "P-LATE": ["forecast_late"],
        "P-OVER": ["over_budget"],
        "P-NOBP2": ["execution_without_bp2"],
        "P-NODP": ["execution_without_bp2"],
        "P-NOFINAL": ["closed_without_final_report"],
        "P-DONE": [],
        "P-CLOSING": [],
        "P-PLAN": [],
    }


def test_flag_explanations_are_swedish_sentences_about_the_project(one_per_flag):
    texts = {p.project_id: [f.text for f in p.flags] for p in projects.portfolio("2280", "2025-03", today=TODAY)}
    assert texts["P-STALE"] == [
        "Senaste statusrapporten är från 2025-01-29, 61 dagar sedan. "
        "Ett projekt i genomförande ska lämna statusrapport minst var 60:e dag."
    ]
    assert texts["P-NOSTATUS"] == [
        "Ingen statusrapport är lämnad sedan start 2025-01-01, 89 dagar sedan. "
        "Ett projekt i genomförande ska lämna statusrapport minst var 60:e dag."
    ]
    assert texts["P-LATE"] == ["Prognosen för slutdatum (2026-09-30) ligger 92 dagar efter planerat slut (2026-06-30)."]
    assert texts["P-OVER"] == [
        "Kostnaden hittills, 1\u00a0250\u00a0tkr, är 250\u00a0tkr över budget "
        "(1\u00a0000\u00a0tkr, 125\u00a0% av budget)."
    ]
    assert texts["P-NOBP2"] == [
        "Projektet är i genomförande men senaste beslutspunkt är BP1. "
        "BP2 (projektplanen leder till målet) ska vara beslutad innan genomförandet börjar."
    ]
    assert texts["P-NODP"] == [
        "Projektet är i genomförande men ingen beslutspunkt är passerad. "
        "BP2 (projektplanen leder till målet) ska vara beslutad innan genomförandet börjar."
    ]
    assert texts["P-NOFINAL"] == [
        "Projektet är avslutat (BP4 beslutad 2025-01-20) men har ingen slutrapport. "
        "Slutrapporten visar vad projektet levererade och är underlaget för BP4."
    ]
    assert [f.label for p in projects.portfolio("2280", "2025-03", today=TODAY) for f in p.flags] == [
        "Ingen aktuell statusrapport",
        "Kostnad över budget",
        "Ingen aktuell statusrapport",
        "Prognos efter planerat slut",
        "Genomförande utan BP2",
        "Genomförande utan BP2",
        "Avslutat utan slutrapport",
    ]


def test_status_report_limit_is_a_setting(one_per_flag, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_STATUS_REPORT_DAYS", "90")
    flagged = {p.project_id for p in projects.portfolio("2280", "2025-03", today=TODAY) if p.flags}
    assert "P-STALE" not in flagged and "P-NOSTATUS" not in flagged
    monkeypatch.setenv("STYRKEDJAN_STATUS_REPORT_DAYS", "29")
    assert flag_codes(projects.portfolio("2280", "2025-03", today=TODAY))["P-OK"] == ["status_report_missing"]


def test_flags_are_judged_on_today_when_the_month_has_not_ended(one_per_flag):
    # Mid-March only 44 days have passed since 2025-01-29.
    assert flag_codes(projects.portfolio("2280", "2025-03", today=date(2025, 3, 14)))["P-STALE"] == []


def test_portfolio_row_values_and_swedish_order(one_per_flag):
    portfolio = projects.portfolio("2280", "2025-03", today=TODAY)
    assert [p.name for p in portfolio] == [
        "Aldrig statusrapport",
        "Avslutas",
        "Dyr",
        "Frisk",
        "Gammal statusrapport",
        "Klar",
        "Planeras",
        "Sen",
        "Utan beslut",
        "Utan plan",
        "Utan slutrapport",
    ]
    over = next(p for p in portfolio if p.project_id == "P-OVER")
    assert (over.owner, over.owner_name, over.budget, over.cost_to_date, over.cost_share) == (
        "KS",
        "Kommunstyrelsen",
        1000.0,
        1250.0,
        125.0,
    )
    late = next(p for p in portfolio if p.project_id == "P-LATE")
    assert (late.slip_days, late.report_date, late.period) == (92, date(2025, 3, 31), "2025-03")


@pytest.fixture
def story(tmp_path, read_from):
    """One project reported by KS in three months; the February report is superseded by a correction."""

    def p1(**columns):
        return project_row(
            "P-1", "Nytt resecentrum", budget=5000.0, start_date=date(2024, 9, 1), planned_end=date(2025, 12, 31),
            **columns,
        )  # fmt: skip

    def ks(period: str, reported: date, *projects: dict):
        return workbook("2280", "KS", period, reported, projects=list(projects))

    execution = {"phase": "execution", "decision_point": "BP2", "decision_date": date(2025, 2, 20)}
    planning = {"phase": "planning", "decision_point": "BP1", "decision_date": date(2024, 10, 1)}
    reports = [
        ks(
            "2025-01",
            date(2025, 2, 5),
            p1(**planning, cost_to_date=500.0, forecast_end=date(2025, 12, 31)),
            project_row("P-2", "Ny skolgård", owner="BUN", phase="preparation", decision_point=None),
        ),
        ks("2025-02", date(2025, 3, 5), p1(cost_to_date=999.0)),
        ks(
            "2025-02",
            date(2025, 3, 7),
            p1(**execution, cost_to_date=1200.0, light_time="yellow", forecast_end=date(2026, 2, 28)),
        ),
        ks(
            "2025-03",
            date(2025, 4, 4),
            p1(**execution, cost_to_date=2100.0, light_time="red", forecast_end=date(2026, 1, 31)),
        ),
    ]
    return read_from(build_warehouse(tmp_path / "w.duckdb", reports))


def test_history_uses_non_superseded_submissions_in_report_order(story):
    reports = projects.history("2280", "P-1", "2025-03")
    assert [(r.report_date, r.phase, r.cost_to_date, r.forecast_end) for r in reports] == [
        (date(2025, 2, 5), "planning", 500.0, date(2025, 12, 31)),
        (date(2025, 3, 7), "execution", 1200.0, date(2026, 2, 28)),
        (date(2025, 4, 4), "execution", 2100.0, date(2026, 1, 31)),
    ]
    assert [r.report_date for r in projects.history("2280", "P-1", "2025-02")] == [date(2025, 2, 5), date(2025, 3, 7)]
    assert projects.history("2280", "P-404", "2025-03") == []


def test_portfolio_as_of_a_month_keeps_projects_last_reported_earlier(story):
    march = projects.portfolio("2280", "2025-03", today=date(2025, 4, 30))
    assert [(p.project_id, p.phase, p.report_date) for p in march] == [
        ("P-2", "preparation", date(2025, 2, 5)),
        ("P-1", "execution", date(2025, 4, 4)),
    ]
    january = projects.portfolio("2280", "2025-01", today=date(2025, 4, 30))
    assert [(p.project_id, p.phase) for p in january] == [("P-2", "preparation"), ("P-1", "planning")]
    assert [p.project_id for p in projects.portfolio("2280", "2025-03", committee="BUN")] == ["P-2"]
    assert projects.portfolio("2280", "2024-12") == []


def test_events_tell_the_story_report_by_report(story):
    assert [(e.day, e.text) for e in projects.events(projects.history("2280", "P-1", "2025-03"))] == [
        (date(2025, 2, 5), "Första rapporten: fas Planering, senaste beslutspunkt BP1, prognos slut 2025-12-31."),
        (date(2025, 2, 20), "BP2 beslutad."),
        (date(2025, 3, 7), "Fas ändrad från Planering till Genomförande."),
        (date(2025, 3, 7), "Prognos slut flyttad från 2025-12-31 till 2026-02-28 (59 dagar senare)."),
        (date(2025, 3, 7), "Trafikljus tid: Grön → Gul."),
        (date(2025, 4, 4), "Prognos slut flyttad från 2026-02-28 till 2026-01-31 (28 dagar tidigare)."),
        (date(2025, 4, 4), "Trafikljus tid: Gul → Röd."),
    ]


def test_thin_history_is_said_in_words():
    assert projects.thin_history_text(0) == "Projektet finns inte i någon rapport till och med vald period."
    assert projects.thin_history_text(1) == (
        "Projektet finns bara i en rapport hittills. En utveckling visas som linje först från 3 rapporter."
    )
    assert projects.thin_history_text(2) == (
        "Projektet finns bara i 2 rapporter hittills. En utveckling visas som linje först från 3 rapporter."
    )
    assert projects.thin_history_text(3) is None


def test_story_gives_the_portfolio_row_and_the_reports(story):
    on = date(2025, 4, 30)
    current, reports = projects.story("2280", "P-1", "2025-03", today=on)
    assert current == next(p for p in projects.portfolio("2280", "2025-03", today=on) if p.project_id == "P-1")
    assert ([f.code for f in current.flags], current.report_date, len(reports)) == (
        ["forecast_late"],
        date(2025, 4, 4),
        3,
    )
    february, _ = projects.story("2280", "P-1", "2025-02", today=on)
    assert (february.report_date, february.cost_to_date) == (date(2025, 3, 7), 1200.0)
    assert projects.story("2280", "P-404", "2025-03") == (None, [])
