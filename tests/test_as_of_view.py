"""The as-of view: ?version=<id> shows the dashboard as it was at that data version (only what was loaded by then,
corrections as they stood), says so in a banner with a link back, and carries the version to every callback."""

import json
from datetime import date, datetime

import pytest

import app
from accounts.testing import logged_in_client
from data import db, provenance, versions
from tests.callback_http import callback_body, page_body
from tests.fixtures import publish
from tests.monthly_fixture import bun_september_correction, economy_workbooks

FIRST_PUBLISH = datetime(2025, 10, 14, 7, 30)
SECOND_PUBLISH = datetime(2025, 10, 20, 12, 0)
CORRECTION = bun_september_correction(date(2025, 10, 19))


@pytest.fixture
def two_versions(tmp_path, read_from):
    path = read_from(tmp_path / "w.duckdb")
    v1 = publish(path, economy_workbooks(), FIRST_PUBLISH, FIRST_PUBLISH, fresh=True)
    v2 = publish(path, [CORRECTION], SECOND_PUBLISH, SECOND_PUBLISH)
    return v1, v2


def _total(response) -> float:
    return response.json["response"]["ekonomi-table"]["dashGridOptions"]["pinnedBottomRowData"][0]["outcome_ytd"]


def test_callbacks_read_the_version_in_the_address(two_versions):
    v1, v2 = two_versions
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json

    def total(version):
        body = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}], version)
        return _total(client.post("/_dash-update-component", json=body))

    assert (total(v1), total(v2), total(None)) == (-1020.0, -1120.0, -1120.0)


def test_page_shows_the_banner_and_links_carry_the_version(two_versions):
    v1, _ = two_versions
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json
    body = page_body(dependencies, "/ekonomi", f"?kommun=2581&period=2025-09&version={v1}", v1)
    content = client.post("/_dash-update-component", json=body).json["response"]["_pages_content"]["children"]
    banner = content["props"]["children"][0]
    assert banner["props"]["id"] == "asof-banner"
    shown = banner["props"]["children"][0]["props"]["children"]
    assert shown == f"Visar läget per 2025-10-14 07:30 (dataversion {v1}). "
    assert banner["props"]["children"][2]["props"]["href"] == "/ekonomi?kommun=2581&period=2025-09"
    text = json.dumps(content, ensure_ascii=False)
    assert "Dataversionen finns inte" not in text


def test_sources_as_they_stood_at_each_version(two_versions):
    v1, v2 = two_versions
    with db.pinned(v1):
        before = provenance.sources("2581", "2025-09", "economy", "BUN")
    with db.pinned(v2):
        after = provenance.sources("2581", "2025-09", "economy", "BUN")
    assert [(s.period, s.loaded_at, s.corrects_file) for s in before][:1] == [("2025-09", FIRST_PUBLISH, None)]
    assert [(s.period, s.loaded_at, s.corrects_file) for s in after][:1] == [
        ("2025-09", SECOND_PUBLISH, "2581_BUN_2025-09.xlsx")
    ]
    assert [v.version_id for v in versions.versions()] == [v2, v1]


def test_meeting_mode_pinned_to_a_version_says_so(two_versions):
    v1, _ = two_versions
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json
    body = page_body(dependencies, "/sammantrade", f"?kommun=2581&period=2025-09&version={v1}", v1)
    text = json.dumps(client.post("/_dash-update-component", json=body).json, ensure_ascii=False)
    assert f"Visar läget per 2025-10-14 07:30 (dataversion {v1})" in text
