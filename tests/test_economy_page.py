"""The Ekonomi page's callbacks on the small fixture warehouse (no browser): totals, drill-down, exports."""

import base64
import io

import dash
import docx
import openpyxl
import pytest

import app  # noqa: F401  registers the pages
from data.formatting import tkr
from pages import ekonomi
from tests.monthly_fixture import report_warehouse
from tests.plotted import plotted
from tests.test_components import run_js


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(report_warehouse(tmp_path / "w.duckdb")))
    monkeypatch.setenv("STYRKEDJAN_REPORTS", str(tmp_path / "rapporter"))
    return tmp_path


def test_municipality_view_rows_and_pinned_total(db):
    kpis, scope, note, rows, options, forecast, curve, bars = ekonomi.update("2581", "2025-09", None, {"x": 1})
    assert [(r["name"], r["outcome_ytd"], r["deviation_ytd"], r["state"]) for r in rows] == [
        ("Barn- och utbildningsnämnden", -635.0, -35.0, "▼ Underskott"),
        ("Kommunstyrelsen", None, None, "Ingen rapport inlämnad"),
        ("Kultur- och fritidsnämnden", None, None, "Ingen rapport inlämnad"),
        ("Miljö- och byggnämnden", None, None, "Ingen rapport inlämnad"),
        ("Samhällsbyggnadsnämnden", None, None, "Ingen rapport inlämnad"),
        ("Socialnämnden", -385.0, 15.0, "▲ Överskott"),
    ]
    total = options["pinnedBottomRowData"][0]
    assert options["x"] == 1
    assert (total["name"], total["outcome_ytd"], total["forecast_deviation"]) == ("Summa hela kommunen", -1020.0, -40.0)
    assert sum(r["outcome_ytd"] for r in rows if r["outcome_ytd"] is not None) == total["outcome_ytd"]
    assert scope == ("Nämnder i hela kommunen, september 2025. Belopp i tkr. Summaraden längst ned summerar raderna.")
    assert note is None
    assert [card.children.children[1].children for card in kpis] == [
        "−1\u00a0020\u00a0tkr",
        "▼ −20\u00a0tkr underskott",
        "▼ −40\u00a0tkr underskott",
        "2 av 6",
    ]
    assert plotted(forecast).data[-1].name == "Prognosen försämrad tre månader i rad"
    assert list(plotted(curve).data[1].y) == [-155.0, -310.0, -650.0, -1020.0]
    # largest underskott on top
    assert list(plotted(bars).data[0].y) == ["Barn- och utbildningsnämnden", "Socialnämnden"]


def test_drill_down_to_activities(db):
    committees = [{"code": "BUN", "level": "committee"}, {"code": "SN", "level": "committee"}]
    # After sorting, the second row of rowData is shown first: rowIndex 0 but rowId "1".
    assert ekonomi.drill_down({"rowIndex": 0, "rowId": "1"}, committees) == "SN"
    assert ekonomi.drill_down({"rowIndex": 0, "rowId": "b-0"}, committees) is dash.no_update  # the pinned total
    assert ekonomi.drill_down({"rowIndex": 0, "rowId": "0"}, [{"code": "BUN", "level": "activity"}]) is dash.no_update
    _, scope, _, rows, options, forecast, _, _ = ekonomi.update("2581", "2025-09", "BUN", {})
    assert [(r["name"], r["level"], r["budget_ytd"], r["outcome_ytd"]) for r in rows] == [
        ("Förskola", "activity", -200.0, -200.0),
        ("Grundskola", "activity", -400.0, -435.0),
    ]
    total = options["pinnedBottomRowData"][0]
    assert (total["name"], total["budget_ytd"], total["outcome_ytd"]) == (
        "Summa Barn- och utbildningsnämnden",
        -600.0,
        -635.0,
    )
    assert scope.startswith("Verksamheter i Barn- och utbildningsnämnden, september 2025.")
    assert plotted(forecast).data[0].name == "Barn- och utbildningsnämnden"


def test_committee_without_report_says_so(db):
    _, _, note, rows, options, _, _, _ = ekonomi.update("2581", "2025-09", "SBN", {})
    assert rows == [] and options["pinnedBottomRowData"] == []
    assert note.children[0].children == "Ingen rapport inlämnad för perioden"


def test_excel_export_of_the_table(db):
    sent = ekonomi.export(1, "2581", "2025-09", None)
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    assert sent["filename"] == "ekonomi_2581_2025-09.xlsx"
    assert [c.value for c in sheet[1]][:3] == ["Nämnd / verksamhet", "Årsbudget, tkr", "Budget hittills, tkr"]
    assert [c.value for c in sheet[2]][:5] == ["Barn- och utbildningsnämnden", -1800, -600, -635, -35]
    assert sheet["A8"].value == "Hela kommunen" and sheet["D8"].value == -1020


def test_report_download_from_the_page_is_archived(db):
    sent = ekonomi.make_report("docx", "2581", "2025-09")
    assert sent["filename"].startswith("manadsrapport_2581_2025-09_") and sent["filename"].endswith(".docx")
    document = docx.Document(io.BytesIO(base64.b64decode(sent["content"])))
    assert document.paragraphs[0].text == "Månadsuppföljning september 2025"
    assert len(list((db / "rapporter" / "2581" / "2025-09").glob("*.docx"))) == 1


def test_positive_deviation_is_signed_in_the_table_as_on_the_overview():
    formatters = {c["field"]: c["valueFormatter"]["function"] for c in ekonomi._columns() if "valueFormatter" in c}
    assert formatters["deviation_ytd"] == "svNumber(params.value, 0, null, true)"
    assert formatters["forecast_deviation_pct"] == "svNumber(params.value, 1, null, true)"
    assert formatters["budget_ytd"] == "svNumber(params.value, 0, null)"
    assert run_js(
        "[f.svNumber(190, 0, null, true), f.svNumber(-190, 0, null, true), f.svNumber(0.4, 0, null, true)]"
    ) == [
        "+190",
        "\u2212190",
        "0",
    ]
    assert tkr(190, signed=True) == "+190\u00a0tkr"
