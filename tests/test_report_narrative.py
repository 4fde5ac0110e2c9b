"""The monthly report's narrative and content, every number checked against the fixture's data."""

from datetime import date

import pytest

from reports import monthly
from reports.narrative import balance, change, join_sv, narrative
from tests.monthly_fixture import REPORT_TOTAL_ROW, report_warehouse


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(report_warehouse(tmp_path / "w.duckdb")))
    return monthly.collect("2581", "2025-09", today=date(2025, 11, 1))


def test_narrative_of_september(data):
    assert narrative(data) == [
        "2 av 6 nämnder har rapporterat för september 2025. Ingen rapport har kommit från Kommunstyrelsen, "
        "Kultur- och fritidsnämnden, Miljö- och byggnämnden och Samhällsbyggnadsnämnden.",
        "Nämnderna som rapporterat prognostiserar tillsammans ett underskott på 40\u00a0tkr för helåret "
        "(1,0\u00a0% av årsbudgeten −4\u00a0200\u00a0tkr). Hittills i år är utfallet −1\u00a0020\u00a0tkr mot budget "
        "−1\u00a0000\u00a0tkr, ett underskott på 20\u00a0tkr (2,0\u00a0%). Jämfört med augusti 2025 är det en "
        "försämring med 30\u00a0tkr för de nämnder som rapporterat prognos båda månaderna (2 av 2).",
        "1 nämnd prognostiserar underskott för helåret: Barn- och utbildningsnämnden, underskott på 50\u00a0tkr "
        "(2,8\u00a0%), en försämring med 20\u00a0tkr sedan augusti 2025. Överskott prognostiseras av Socialnämnden "
        "(10\u00a0tkr).",
        "Prognosen har försämrats minst tre månader i rad för Barn- och utbildningsnämnden (3 månader).",
        "Sedan förra månaden har 2 nya avvikelser rapporterats, varav 1 allvarlig. 2 allvarliga avvikelser är inte "
        "stängda. Inga målbedömningar har ändrats sedan augusti 2025. 1 projekt har rött trafikljus och "
        "1 uppdrag är försenat.",
    ]


def test_report_content_lists(data):
    assert [(d.deviation_id, d.serious, d.is_new) for d in data.deviations] == [
        ("AV-3", True, True),
        ("AV-1", True, False),
        ("SN-7", False, True),
    ]
    assert data.goal_changes == []
    assert [p.project_id for p in data.red_projects] == ["P-1"]
    assert [(a.case_number, a.days_late(data.as_of)) for a in data.overdue] == [("KS 2025/1", 92)]
    assert data.version.submission_ids == (1, 2, 3, 4, 5, 7, 8, 10)


def test_economy_table_rows_use_swedish_format_and_signs(data):
    rows = monthly.economy_table(data).rows
    assert rows[0] == (
        "Barn- och utbildningsnämnden",
        "−1\u00a0800",
        "−600",
        "−635",
        "−35",
        "−5,8\u00a0%",
        "−1\u00a0850",
        "−50",
        "−2,8\u00a0%",
    )
    assert rows[1][:3] == ("Kommunstyrelsen", "Ingen rapport inlämnad", "–")
    assert rows[-1] == REPORT_TOTAL_ROW
    assert rows[-2][4] == "+15"


def test_summary_table_counts_per_committee(data):
    rows = {row[0]: row[1:] for row in monthly.summary_table(data).rows}
    assert rows["Barn- och utbildningsnämnden"] == ("Ja", "−50", "2 (2)", "0", "1", "1")
    assert rows["Socialnämnden"] == ("Ja", "+10", "1 (0)", "0", "0", "0")
    assert rows["Samhällsbyggnadsnämnden"] == ("Ingen rapport inlämnad", "–", "0 (0)", "0", "0", "0")


def test_narrative_helpers():
    assert join_sv(["A", "B", "C"]) == "A, B och C"
    assert balance(-1234.4) == "underskott på 1\u00a0234\u00a0tkr"
    assert balance(0.3) == "budget i balans"
    # Inside a sentence the phrase takes its article ("prognostiserar ett underskott", never "ett budget i balans").
    assert balance(-1234.4, article=True) == "ett underskott på 1\u00a0234\u00a0tkr"
    assert balance(0.3, article=True) == "ett resultat i nivå med budget"
    assert change(-30, -50) == "en försämring med 20\u00a0tkr"
    assert change(-30, -10) == "en förbättring med 20\u00a0tkr"
    assert change(-30, -30.2) == "oförändrat"


def test_goal_changes_are_counted_since_the_previous_months_report(data):
    # Assessed in April and August: September's report has no news, August's has both changes since July.
    assert data.goal_changes == []
    august = monthly.collect("2581", "2025-08", today=date(2025, 11, 1))
    assert [(g.goal_id, g.previous_assessment, g.assessment) for g in august.goal_changes] == [
        ("BUN-1", "partly_met", "met"),
        ("BUN-2", "met", "not_met"),
    ]
    assert narrative(august)[-1].split(". ")[2] == (
        "2 målbedömningar har ändrats sedan juli 2025 (1 förbättrad, 1 försämrad)"
    )
