"""The Avvikelser page's layout and callbacks on the small fixture warehouse (no browser)."""

import base64
import io
import json

import openpyxl
import pytest

import app  # noqa: F401  registers the pages
from pages import avvikelser
from tests.monthly_fixture import deviation_warehouse
from tests.plotted import plotted

MARKUP = '<script>alert(1)</script> <b>fet</b> & "citat"'


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(deviation_warehouse(tmp_path / "w.duckdb")))


def test_serious_open_first_new_marked_and_markup_kept_as_text(db):
    kpis, serious, scope, rows, status_fig, type_fig = avvikelser.update("2581", "2025-09", None, None, None, None)
    assert [(r["flag"], r["deviation_id"], r["status"], r["age_days"]) for r in rows] == [
        ("⚠ Allvarlig · ★ Ny", "AV-3", "Öppen", 15),
        ("⚠ Allvarlig", "AV-1", "Åtgärd pågår", 57),
        ("★ Ny", "SN-7", "Öppen", 28),
        ("", "AV-2", "Stängd", 21),
    ]
    assert rows[0]["description"] == MARKUP
    assert scope == "4 avvikelser enligt senaste rapport till och med september 2025."
    assert serious.children[0].children == "⚠ Allvarlig: 2 öppna avvikelser med hög allvarlighet"
    # The description goes into the page as a text child of a Span: Dash escapes it, nothing renders it as HTML.
    first = serious.children[1].children[0]
    assert first.children[1].to_plotly_json() == {
        "props": {"children": MARKUP},
        "type": "Span",
        "namespace": "dash_html_components",
    }
    assert [card.children.children[1].children for card in kpis] == ["2", "2", "3", "1"]
    assert plotted(status_fig).data[0].name == "Öppen"
    assert list(plotted(type_fig).data[3].y)[-1] == 1  # one incident reported in September


def test_no_column_renders_html():
    columns = json.dumps(avvikelser._columns())
    assert "cellRenderer" not in columns and "dangerously" not in columns
    assert [c["field"] for c in avvikelser._columns()][:5] == [
        "flag",
        "committee",
        "description",
        "action",
        "responsible_role",
    ]


def test_filters_come_from_the_url(db):
    layout = avvikelser.layout(kommun="2581", period="2025-09", typ="incident", allvarlighet="nonsense")
    dropdowns = {}

    def walk(node):
        if hasattr(node, "id") and isinstance(getattr(node, "id", None), str) and hasattr(node, "value"):
            dropdowns[node.id] = node.value
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(layout)
    assert dropdowns["avvikelser-typ"] == "incident"
    assert dropdowns["avvikelser-allvarlighet"] is None
    assert dropdowns["avvikelser-period"] == "2025-09"
    _, _, _, rows, _, _ = avvikelser.update("2581", "2025-09", "BUN", "incident", None, None)
    assert [r["deviation_id"] for r in rows] == ["AV-3"]


def test_excel_export_neutralises_formulas(db):
    sent = avvikelser.export(1, "2581", "2025-09", None, None, None, None)
    assert sent["filename"] == "avvikelser_2581_2025-09.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active
    assert [c.value for c in sheet[1]][:4] == ["Flagga", "Nämnd", "Beskrivning", "Åtgärd"]
    action = sheet["D2"]
    assert (action.value, action.data_type, action.quotePrefix) == ("=1+1", "s", True)
    assert sheet["C2"].value == MARKUP
