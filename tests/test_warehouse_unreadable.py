"""A corrupt, truncated or foreign warehouse file gives the Swedish 'cannot be read' page, never an HTTP 500,
is logged with its cause, and a good file published afterwards is shown without a restart."""

import json
import logging
import sqlite3

import duckdb
import pytest

import app
from accounts.testing import logged_in_client
from data import db, meta
from tests.callback_http import callback_body, page_body
from tests.monthly_fixture import report_warehouse

UNREADABLE_MESSAGE = "Datalagret kan inte läsas just nu. Ladda om sidan när ett fungerande lager har publicerats."


@pytest.fixture(scope="module")
def good_file(tmp_path_factory):
    return report_warehouse(tmp_path_factory.mktemp("good") / "w.duckdb").read_bytes()


def _garbage(path, good):
    path.write_bytes(b"Detta ar ingen databas\n" * 400)


def _empty(path, good):
    path.write_bytes(b"")


def _truncated(path, good):
    path.write_bytes(good[: len(good) // 2])


def _damaged_middle(path, good):
    start, end = len(good) // 20, len(good) * 19 // 20
    path.write_bytes(good[:start] + bytes(b ^ 0xFF for b in good[start:end]) + good[end:])


def _foreign_duckdb(path, good):
    with duckdb.connect(str(path)) as con:
        con.execute("create table orders (id integer)")


def _sqlite(path, good):
    with sqlite3.connect(path) as con:
        con.execute("create table meta (key text, value text)")


BAD_FILES = [_garbage, _empty, _truncated, _damaged_middle, _foreign_duckdb, _sqlite]


def _publish(path, content: bytes) -> None:
    part = path.with_suffix(".part")
    part.write_bytes(content)
    part.replace(path)


@pytest.mark.parametrize("spoil", BAD_FILES, ids=lambda f: f.__name__.strip("_"))
def test_bad_file_gives_swedish_page_and_message_then_recovers(spoil, good_file, tmp_path, monkeypatch, caplog):
    path = tmp_path / "lager.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    spoil(path, good_file)
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json
    page = page_body(dependencies, "/ekonomi", "?kommun=2581&period=2025-09")
    update = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}])

    with caplog.at_level(logging.ERROR, logger="styrkedjan.data"):
        shell = client.get("/_dash-layout")
        shown = client.post("/_dash-update-component", json=page)
        answered = client.post("/_dash-update-component", json=update)
    assert (shell.status_code, shown.status_code, answered.status_code) == (200, 200, 200)
    assert "Inget datalager är publicerat." in json.dumps(shell.json, ensure_ascii=False)
    title = shown.json["response"]["_pages_content"]["children"]["props"]["children"][0]["props"]["children"]
    assert title == "Datalagret kan inte läsas"
    assert answered.json["sideUpdate"] == {"app-alert": {"children": UNREADABLE_MESSAGE}}
    assert answered.json["response"] == {}
    assert caplog.records and caplog.records[0].getMessage().startswith(f"Datalagret kan inte läsas: {path}: ")

    _publish(path, good_file)  # a good file is published: the next request shows it, the server never restarted
    answered = client.post("/_dash-update-component", json=update)
    kpis = answered.json["response"]["ekonomi-kpis"]["children"]
    assert kpis[0]["props"]["children"]["props"]["children"][1]["props"]["children"] == "−1\u00a0020\u00a0tkr"


def test_foreign_file_names_what_is_missing(tmp_path, monkeypatch):
    path = tmp_path / "lager.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    _foreign_duckdb(path, b"")
    with pytest.raises(db.WarehouseUnreadable) as caught:
        meta.info()
    assert str(caught.value) == f"{path}: inte ett datalager från Styrkedjan (saknar meta, submission)"


def test_unreadable_is_remembered_per_file_and_logged_once(tmp_path, monkeypatch, caplog):
    path = tmp_path / "lager.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    _garbage(path, b"")
    with caplog.at_level(logging.ERROR, logger="styrkedjan.data"):
        for _ in range(3):
            with pytest.raises(db.WarehouseUnreadable):
                meta.municipalities()
    assert len(caplog.records) == 1


def test_unknown_version_in_the_address_gives_a_swedish_page_and_message(good_file, tmp_path, monkeypatch):
    path = tmp_path / "lager.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    _publish(path, good_file)
    client = logged_in_client(app.server)
    dependencies = client.get("/_dash-dependencies").json
    page = page_body(dependencies, "/ekonomi", "?kommun=2581&version=zzz", version="zzz")
    update = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}], version="zzz")
    shown = client.post("/_dash-update-component", json=page)
    answered = client.post("/_dash-update-component", json=update)
    content = shown.json["response"]["_pages_content"]["children"]["props"]["children"]
    assert [part["props"]["children"] for part in content[:2]] == [
        "Dataversionen finns inte",
        "Datalagret har ingen dataversion med id zzz. Kontrollera länken.",
    ]
    assert content[2]["props"]["children"]["props"]["href"] == "/ekonomi"
    assert answered.status_code == 200
    assert answered.json["sideUpdate"] == {
        "app-alert": {"children": "Dataversionen zzz finns inte i datalagret. Välj det senaste läget i menyn."}
    }
