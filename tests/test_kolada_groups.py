"""`python -m etl kolada` reads Kolada's municipality groups and both API versions' JSON, and says which it read."""

import json

import duckdb

from etl.__main__ import main
from tests.network_fixture import build_network

V3_GROUPS = {
    "count": 2,
    "values": [
        {
            "id": "G124006",
            "title": "Liknande kommuner, Piteå, 2024",
            "members": [
                {"member_id": "2581", "member_title": "Piteå"},
                {"member_id": "0884", "member_title": "Vimmerby"},
                {"member_id": "1441", "member_title": "Lerum"},
            ],
        },
        {"id": "G33", "title": "Pendlingskommun nära större stad", "members": [{"member_id": "1441"}]},
    ],
    "next_url": None,
    "previous_url": None,
}


def groups(db) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select group_id, title, municipality_code, source_file from kolada_group order by all"
        ).fetchall()


def test_v3_municipality_groups_are_imported(tmp_path, capsys):
    db = build_network(tmp_path / "lager.duckdb")
    path = tmp_path / "municipality_groups.json"
    path.write_text(json.dumps(V3_GROUPS), encoding="utf-8")
    assert main(["kolada", str(path), "--db", str(db)]) == 0
    assert capsys.readouterr().out == (
        "Importerade 2 kommungrupper med 4 medlemskap från municipality_groups.json (Koladas API v3, "
        f"kommungrupper). Lagret {db} är uppdaterat.\n"
    )
    assert groups(db) == [
        ("G124006", "Liknande kommuner, Piteå, 2024", "0884", "municipality_groups.json"),
        ("G124006", "Liknande kommuner, Piteå, 2024", "1441", "municipality_groups.json"),
        ("G124006", "Liknande kommuner, Piteå, 2024", "2581", "municipality_groups.json"),
        ("G33", "Pendlingskommun nära större stad", "1441", "municipality_groups.json"),
    ]
    # v2 names members {"id", "title"} and pages with next_page; a re-import replaces the group.
    v2 = {"count": 1, "values": [{"id": "G33", "title": "Pendlingskommun", "members": [{"id": "0182"}]}]}
    path.write_text(json.dumps({**v2, "next_page": None}), encoding="utf-8")
    assert main(["kolada", str(path), "--db", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["api_version"], report["kind"], report["groups"], report["memberships"]) == ("v2", "groups", 1, 1)
    assert groups(db)[-1] == ("G33", "Pendlingskommun", "0182", "municipality_groups.json")
    assert len(groups(db)) == 4


def test_v3_data_skips_deleted_values_and_says_v3(tmp_path, capsys):
    db = build_network(tmp_path / "lager.duckdb")
    path = tmp_path / "data.json"
    entry = {
        "kpi": "N15419",
        "municipality": "2581",
        "period": 2024,
        "values": [
            {"gender": "T", "count": 1, "status": "", "value": 80.5, "isdeleted": False},
            {"gender": "K", "count": 1, "status": "", "value": 99.0, "isdeleted": True},
        ],
    }
    path.write_text(json.dumps({"values": [entry], "next_url": None}), encoding="utf-8")
    assert main(["kolada", str(path), "--db", str(db)]) == 0
    assert "(Koladas API v3, nyckeltalsvärden)" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select gender, value from kolada").fetchall() == [("T", 80.5)]


def test_bad_group_members_are_located(tmp_path, capsys):
    db = build_network(tmp_path / "lager.duckdb")
    path = tmp_path / "grupper.json"
    bad = {"values": [{"id": "G1", "title": "Grupp", "members": [{"member_id": 2581}, {"member_id": "9999"}]}]}
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["kolada", str(path), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Kolada-filen grupper.json lästes inte in (2 fel). Inget har importerats.",
        "  grupper.json: grupp 1 i values, medlem 1, fält member_id: Medlemmen ska ha member_id med fyra siffror "
        "som text, t.ex. \"0884\". (värde: '2581')",
        "  grupper.json: grupp 1 i values, medlem 2, fält member_id: Okänd kommunkod: finns inte bland Sveriges "
        "kommuner. (värde: '9999')",
    ]
