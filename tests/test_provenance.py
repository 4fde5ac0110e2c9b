"""Provenance: each figure section names the submitted files it is read from (committee, file, sha256, when,
what it corrects), behind a 'Källa' button that opens a text panel."""

import json
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
    assert comparison.source_scope("2024-T3") == (None, "2024-12", None)
    assert comparison.source_scope(None) == (None, None, None)
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
    assert network == {"/forbattringsforslag": 3, "/jamforelse": 4}
