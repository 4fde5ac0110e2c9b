"""Provenance: each figure section names the submitted files it is read from (committee, file, sha256, when,
what it corrects), behind a 'Källa' button that opens a text panel."""

import json
import re
from datetime import datetime

import dash
import pytest

import app
from accounts.testing import logged_in_client
from data import comparison, provenance
from data import db as db_module
from pages import ekonomi
from tests.monthly_fixture import report_warehouse
from tests.network_fixture import build_comparison


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(report_warehouse(tmp_path / "w.duckdb")))
    return tmp_path


def test_economy_sources_for_a_month_name_every_file_in_force(db):
    found = provenance.sources("2581", "2025-09", "economy")
    assert [(s.committee, s.period, s.file_name, s.corrects_file) for s in found] == [
        ("Barn- och utbildningsnämnden", "2025-09", "2581_BUN_2025-09.xlsx", None),
        ("Barn- och utbildningsnämnden", "2025-08", "2581_BUN_2025-08.xlsx", None),
        ("Barn- och utbildningsnämnden", "2025-07", "2581_BUN_2025-07.xlsx", None),
        ("Barn- och utbildningsnämnden", "2025-06", "2581_BUN_2025-06.xlsx", None),
        ("Samhällsbyggnadsnämnden", "2025-08", "2581_SBN_2025-08.xlsx", None),
        ("Socialnämnden", "2025-09", "2581_SN_2025-09.xlsx", "2581_SN_2025-09.xlsx"),
        ("Socialnämnden", "2025-08", "2581_SN_2025-08.xlsx", None),
    ]
    corrected = found[5]
    assert (corrected.loaded_at, corrected.corrects_loaded_at) == (datetime(2025, 10, 14, 7, 30),) * 2
    assert corrected.sha256 == "ed9d2a37" + corrected.sha256[8:] and len(corrected.sha256) == 64


def test_snapshot_sources_keep_each_committees_latest_report_and_committee_filter(db):
    projects = provenance.sources("2581", "2025-09", "project")
    assert [(s.committee, s.period) for s in projects] == [("Barn- och utbildningsnämnden", "2025-09")]
    goals = provenance.sources("2581", "2025-09", "goal", committee="BUN")
    assert [s.period for s in goals] == ["2025-08", "2025-04"]
    assert provenance.sources("2581", "2025-05", "economy") == []
    assert [s.municipality for s in provenance.sources(None, "2025-09", "economy", "BUN")][-1] == "Åsele"
    assert provenance.window("deviation", "2025-09")[0].isoformat() == "2024-10-01"


def test_ekonomi_sections_have_a_source_button_each(db):
    tree = json.loads(json.dumps(ekonomi.layout(kommun="2581", period="2025-09"), default=lambda c: c.to_plotly_json()))
    buttons = []

    def walk(node):
        if isinstance(node, dict):
            node_id = node.get("props", {}).get("id") if "props" in node else None
            if isinstance(node_id, dict) and node_id.get("type") == "ekonomi-kalla-knapp":
                buttons.append((node_id["fact"], node_id["section"], node["props"]["aria-expanded"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    assert buttons == [
        ("economy", "nyckeltal-for-ekonomin", "false"),
        ("economy", "per-namnd-och-verksamhet", "false"),
        ("economy", "prognosens-utveckling", "false"),
    ]


def test_source_button_opens_a_text_panel_over_http(db):
    client = logged_in_client(app.server)
    button = {"type": "ekonomi-kalla-knapp", "fact": "economy", "section": "prognosens-utveckling"}
    panel = {**button, "type": "ekonomi-kalla"}
    spec = next(d for d in client.get("/_dash-dependencies").json if "ekonomi-kalla" in d["output"])

    def click(n_clicks, committee):
        body = {
            "output": spec["output"],
            "outputs": [
                {"id": panel, "property": "children"},
                {"id": panel, "property": "hidden"},
                {"id": button, "property": "aria-expanded"},
            ],
            "inputs": [
                {"id": button, "property": "n_clicks", "value": n_clicks},
                {"id": "ekonomi-kommun", "property": "value", "value": "2581"},
                {"id": "ekonomi-period", "property": "value", "value": "2025-09"},
                {"id": "ekonomi-namnd", "property": "value", "value": committee},
            ],
            "state": [],
            "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
        }
        answer = client.post("/_dash-update-component", json=body)
        assert answer.status_code == 200
        return answer.json["response"]

    opened = click(1, "SN")
    key = json.dumps(panel, sort_keys=True, separators=(",", ":"))
    button_key = json.dumps(button, sort_keys=True, separators=(",", ":"))
    assert opened[key]["hidden"] is False
    assert opened[button_key]["aria-expanded"] == "true"
    content = opened[key]["children"]["props"]["children"]
    assert content[0]["props"]["children"] == "2 inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet."
    table = content[1]["props"]["children"]["props"]["children"]
    assert [th["props"]["children"] for th in table[0]["props"]["children"]["props"]["children"]] == [
        "Nämnd", "Period", "Inlämnad fil", "Inläst", "Rättelse", "SHA-256",
    ]  # fmt: skip
    first = [td["props"]["children"] for td in table[1]["props"]["children"][0]["props"]["children"]]
    assert first[:5] == [
        "Socialnämnden",
        "2025-09",
        "2581_SN_2025-09.xlsx",
        "2025-10-14 07:30",
        "Ersätter 2581_SN_2025-09.xlsx (inläst 2025-10-14 07:30)",
    ]
    assert first[5]["props"]["children"] == provenance.sources("2581", "2025-09", "economy", "SN")[0].sha256
    closed = click(2, "SN")
    assert (closed[key]["hidden"], closed[button_key]["aria-expanded"]) == (True, "false")


def test_jamforelse_sources_cover_every_municipality_up_to_the_chosen_period(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(build_comparison(tmp_path / "n.duckdb")))
    assert comparison.source_scope("2024-T3") == provenance.Scope(None, "2024-12")
    assert comparison.source_scope(None) == provenance.Scope(None, None)
    found = provenance.sources(None, "2024-12", "indicator")
    assert sorted({(s.municipality, s.period) for s in found}) == [
        ("Motala", "2024"),
        ("Piteå", "2024"),
        ("Vimmerby", "2024"),
        ("Västerås", "2024"),
    ]


def _source_buttons(path: str, **query) -> int:
    page = next(p for p in dash.page_registry.values() if p["relative_path"] == path)
    with db_module.pinned():
        tree = page["layout"](**query)
    return json.dumps(tree, default=lambda c: c.to_plotly_json()).count("-kalla-knapp")


def test_every_figure_section_has_a_source_button(db, tmp_path, monkeypatch):
    municipal = ("/", "/mal", "/ekonomi", "/avvikelser", "/projekt", "/uppdrag")
    counts = {path: _source_buttons(path, kommun="2581", period="2025-09") for path in municipal}
    assert counts == {"/": 4, "/mal": 4, "/ekonomi": 3, "/avvikelser": 2, "/projekt": 3, "/uppdrag": 4}
    monkeypatch.setenv("STYRKEDJAN_DB", str(build_comparison(tmp_path / "n.duckdb")))
    network = {path: _source_buttons(path, kommun="2581") for path in ("/forbattringsforslag", "/jamforelse")}
    assert network == {"/forbattringsforslag": 3, "/jamforelse": 5}  # four sections and the Kolada figures


def click_source(client, button: dict, inputs: list[tuple[str, object]], states: list[tuple[str, object]] = ()):
    """Open a 'Källa' panel through the real callback: the panel's children as JSON (inputs/states: id, value)."""
    panel = {**button, "type": button["type"].replace("-kalla-knapp", "-kalla")}
    spec = next(
        d for d in client.get("/_dash-dependencies").json if f'"type":"{panel["type"]}"}}.children' in d["output"]
    )
    item = lambda cid, prop, value: {"id": cid, "property": prop, "value": value}  # noqa: E731
    body = {
        "output": spec["output"],
        "outputs": [{"id": panel, "property": p} for p in ("children", "hidden")]
        + [{"id": button, "property": "aria-expanded"}],
        "inputs": [item(button, "n_clicks", 1)] + [item(cid, "value", v) for cid, v in inputs],
        "state": [item(cid, "data", v) for cid, v in states],
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer.json["response"][json.dumps(panel, sort_keys=True, separators=(",", ":"))]["children"]


def table_cells(children) -> tuple[str, list[list]]:
    """The sentence above a source table and its rows (cell texts; a sha256 cell as its text)."""
    sentence, wrapper = children["props"]["children"]
    body = wrapper["props"]["children"]["props"]["children"][1]["props"]["children"]

    def text(cell):
        inner = cell["props"]["children"]
        return inner["props"]["children"] if isinstance(inner, dict) else inner

    return sentence["props"]["children"], [[text(td) for td in tr["props"]["children"]] for tr in body]


def test_a_project_page_lists_only_that_projects_reports(demo_read):
    every = provenance.sources("2280", "2026-10", "project_history")
    own = provenance.sources("2280", "2026-10", "project_history", project="P-2024-04")
    assert (len(every), len(own), {s.committee for s in own}) == (139, 31, {"Miljö- och hälsoskyddsnämnden"})
    client = logged_in_client(app.server)
    button = {"type": "projekt-historik-kalla-knapp", "fact": "project_history", "section": "historik"}
    filters = [("projekt-historik-kommun", "2280"), ("projekt-historik-period", "2026-10")]
    sentence, rows = table_cells(click_source(client, button, filters, [("projekt-historik-id", "P-2024-04")]))
    assert sentence == "31 inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet."
    assert rows[0][:3] == ["Miljö- och hälsoskyddsnämnden", "2026-10", "2280_MHN_2026-10.xlsx"]
    assert rows[0][5][:12] == "93a7a8709ad2"
    flags = {**button, "fact": "project", "section": "flaggor"}
    _, rows = table_cells(click_source(client, flags, filters, [("projekt-historik-id", "P-2024-04")]))
    assert [row[:3] for row in rows] == [["Miljö- och hälsoskyddsnämnden", "2026-10", "2280_MHN_2026-10.xlsx"]]


def test_jamforelse_names_the_kolada_file_behind_the_national_figures(demo_read):
    assert comparison.source_scope("2025-T3", "kpi:N15419") == provenance.Scope(None, "2025-12", kpi="N15419")
    assert comparison.source_scope("2025-T3", "namn:antal felanmälningar").kpi is None
    assert provenance.kolada_imports("N15419") == [
        provenance.KoladaImport("N15419", "kolada_demo.json", datetime(2026, 11, 1), "2023", "2025", 2617)
    ]
    client = logged_in_client(app.server)
    button = {"type": "jamforelse-kalla-knapp", "fact": "kolada", "section": "rikets-siffror-fran-kolada"}
    inputs = [("jamforelse-tid", "2025-T3"), ("jamforelse-indikator", "kpi:N15419")]
    sentence, rows = table_cells(click_source(client, button, inputs))
    assert sentence == "Rikets siffror kommer från Kolada (RKA), importerade med python -m etl kolada."
    assert rows == [["N15419", "kolada_demo.json", "2026-11-01 00:00", "2023–2025", "2\u00a0617"]]
    layout = json.dumps(app.dash.page_registry["pages.jamforelse"]["layout"](), default=lambda c: c.to_plotly_json())
    assert '"fact": "kolada", "section": "rikets-siffror-fran-kolada"' in layout


def test_every_meeting_slide_has_its_source_and_a_committee_slide_names_that_committees_files(demo_read):
    deck = json.dumps(
        app.dash.page_registry["pages.sammantrade"]["layout"](kommun="2581"), default=lambda c: c.to_plotly_json()
    )
    buttons = re.findall(r'"type": "sammantrade-kalla-knapp", "fact": "([a-z]+)", "section": "([^"]+)"', deck)
    assert buttons == [
        ("any", "kommunen"),
        *[("any", f"namnd-{code}") for code in ("BUN", "KS", "KFN", "MBN", "SBN", "SN")],
        ("deviation", "allvarliga"),
        ("assignment", "aterrapportera"),
    ]
    client = logged_in_client(app.server)
    shown = [("sammantrade-shown-kommun", "2581"), ("sammantrade-shown-period", "2026-10")]
    button = {"type": "sammantrade-kalla-knapp", "fact": "any", "section": "namnd-BUN"}
    sentence, rows = table_cells(click_source(client, button, [], shown))
    assert sentence == "10 inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet."
    assert [row[2] for row in rows[:2]] == ["2581_BUN_2026-10.xlsx", "2581_BUN_2026-09.xlsx"]
    assert {row[0] for row in rows} == {"Barn- och utbildningsnämnden"} and rows[0][5][:8] == "b6286f7a"
    whole = {**button, "section": "kommunen"}
    assert table_cells(click_source(client, whole, [], shown))[0].startswith("60 inlämnade rapporter")
