"""Projects with a red light, defined once (data.projects.Project.red_light) and counted alike everywhere."""

from datetime import date

import pytest

import app  # noqa: F401  registers the pages
from data import overview, projects
from pages import oversikt, projekt
from reports import monthly
from tests.fixtures import build_warehouse, project_row, workbook
from tests.test_network_pages import find
from tests.test_overview_links import card_links

TODAY = date(2025, 4, 15)


@pytest.fixture
def portfolio(tmp_path, monkeypatch):
    """Piteå KS, March 2025: red in execution, red in Avslut before BP4, red after BP4, and a green one."""
    rows = [
        project_row("P-EXE", "Genomförs", light_cost="red"),
        project_row("P-AVS", "Avslutas", phase="closure", decision_point="BP3", light_time="red"),
        project_row("P-BP4", "Avslutad", phase="closure", decision_point="BP4", final_report="yes", light_time="red"),
        project_row("P-OK", "Frisk"),
    ]
    path = build_warehouse(tmp_path / "w.duckdb", [workbook("2581", "KS", "2025-03", projects=rows)])
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    return path


def test_red_in_any_phase_until_bp4_is_decided(portfolio):
    every = projects.portfolio("2581", "2025-03", today=TODAY)
    assert {p.project_id: p.red_light for p in every} == {"P-EXE": True, "P-AVS": True, "P-BP4": False, "P-OK": False}
    assert [p.project_id for p in projects.select(every, flag=projects.RED_LIGHT)] == ["P-AVS", "P-EXE"]


def test_overview_report_and_projekt_count_the_same_projects(portfolio):
    summaries = overview.committee_summaries("2581", "2025-03", today=TODAY)
    assert {s.committee_code: s.red_projects for s in summaries}["KS"] == 2
    assert overview.totals(summaries).red_projects == 2
    assert [p.project_id for p in monthly.collect("2581", "2025-03", today=TODAY).red_projects] == ["P-AVS", "P-EXE"]


def test_demo_pitea_october_2026_has_two_everywhere(demo_read):
    today = date(2026, 12, 2)
    every = projects.portfolio("2581", "2026-10", today=today)
    assert [p.project_id for p in projects.select(every, flag=projects.RED_LIGHT)] == ["P-2025-04", "P-2025-12"]
    assert overview.totals(overview.committee_summaries("2581", "2026-10", today=today)).red_projects == 2
    assert len(monthly.collect("2581", "2026-10", today=today).red_projects) == 2


def test_the_overview_number_links_to_projekt_filtered_to_those_projects(demo_read):
    kpis, *_ = oversikt.update("2581", "2026-10")
    assert card_links(kpis)["Projekt med rött ljus"] == ("2", "/projekt?kommun=2581&period=2026-10&flagga=rott-ljus")
    assert find(projekt.layout(kommun="2581", period="2026-10", flagga="rott-ljus"), "projekt-flagga").value == (
        "rott-ljus"
    )
    rows = projekt.update("2581", "2026-10", None, None, "rott-ljus")[2]
    assert [r["project_id"] for r in rows] == ["P-2025-04", "P-2025-12"]
    help_text = str(find(projekt.layout(kommun="2581", period="2026-10"), "projekt-flag-help"))
    assert "i varje fas (även Avslut), tills beslutspunkt BP4" in help_text
