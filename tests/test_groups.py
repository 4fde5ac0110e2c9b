"""Comparison groups: size bands, counties, a user's list and Kolada's imported municipality groups."""

import json

from data import groups
from etl.__main__ import main
from tests.network_fixture import build_network


def test_size_bands_and_labels():
    assert groups.size_band(42_600) == (25_000, 50_000)
    assert groups.size_band(2_750) == (0, 10_000)
    assert groups.size_band(250_000) == (200_000, None)
    assert groups.band_label((25_000, 50_000)) == "25\u00a0000–49\u00a0999 invånare"
    assert groups.band_label((0, 10_000)) == "under 10\u00a0000 invånare"
    assert groups.band_label((200_000, None)) == "minst 200\u00a0000 invånare"


def test_groups_for_a_municipality_with_kolada_groups(tmp_path, monkeypatch):
    db = build_network(tmp_path / "lager.duckdb")
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    assert [g.key for g in groups.choices("2581")] == ["alla", "natverk", "lan"]  # no inhabitants: no size band
    assert sorted(groups.resolve("lan", "2581").codes)[:3] == ["2505", "2506", "2510"]
    assert len(groups.resolve("lan", "2581").codes) == 14
    assert groups.resolve("egen", "2581", "0884, 9999,0884").codes == ("0884", "2581")
    assert groups.resolve("okänd", "2581").key == "alla"
    path = tmp_path / "grupper.json"
    members = [{"member_id": c} for c in ("0884", "1441")]
    path.write_text(json.dumps({"values": [{"id": "G7", "title": "Liknande kommuner, Piteå", "members": members}]}))
    assert main(["kolada", str(path), "--db", str(db)]) == 0
    chosen = groups.resolve("kolada-G7", "2581")
    assert (chosen.label, chosen.codes) == ("Kolada: Liknande kommuner, Piteå", ("0884", "1441", "2581"))
    assert [g.key for g in groups.choices("0884")][-1] == "kolada-G7"
    assert [g.key for g in groups.choices("0163")][-1] == "lan"
