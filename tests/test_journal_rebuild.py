"""Data versions, the load journal, `etl rebuild` and `etl withdraw`, on real files and real DuckDB warehouses."""

import getpass
import json
from datetime import datetime

import duckdb
import pytest

from accounts import audit
from data.versions import UnknownVersion, cutoff, find, versions
from etl import journal
from etl.__main__ import main
from etl.load import load_paths
from etl.rebuild import rebuild
from etl.withdraw import withdraw
from tests.report_files import GOALS, write_report


@pytest.fixture(autouse=True)
def archive(tmp_path, monkeypatch):
    """Archive raw files and the journal under tmp_path, never in the repository's data/."""
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    return tmp_path / "arkiv"


def _goal(comment: str) -> list[list]:
    return [GOALS[0], [*GOALS[1][:6], comment]]


def _rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _tables(db) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order (meta without the creation time)."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {
            name: con.execute(
                f"select * from {name} where key != 'created_at' order by all"
                if name == "meta"
                else f"select * from {name} order by all"
            ).fetchall()
            for name in names
        }


def test_each_publish_is_a_data_version_listed_newest_first(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    write_report(tmp_path / "v2.xlsx", sheets={"Mål": _goal("Rättad")})
    write_report(tmp_path / "sn.xlsx", about={"Nämnd": "SN"}, sheets={"Mål": GOALS})
    first = load_paths([tmp_path / "v1.xlsx", tmp_path / "sn.xlsx"], db).data_version
    second = load_paths([tmp_path / "v2.xlsx"], db).data_version
    assert (len(first), len(second), first != second) == (10, 10, True)
    assert main(["versions", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["versions"]
    assert [(v["version_id"], v["cutoff"], v["in_force"], v["note"], v["current"]) for v in listed] == [
        (second, 3, 2, "Inläsning: 1 fil (v2.xlsx)", True),
        (first, 2, 2, "Inläsning: 2 filer (v1.xlsx, sn.xlsx)", False),
    ]
    assert _rows(db, "select value from meta where key = 'data_version'") == [(second,)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert (cutoff(first, con), cutoff(second, con), find("0000000000", con)) == (2, 3, None)
        assert [v.version_id for v in versions(con)] == [second, first]
        with pytest.raises(UnknownVersion):
            cutoff("0000000000", con)
    assert main(["versions", "--db", str(db)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0] == "dataversion  publicerad           i kraft  anteckning"
    assert text[1].startswith(second) and text[1].endswith("       2  Inläsning: 1 fil (v2.xlsx) (aktuell)")


def test_the_journal_records_every_file_in_order_with_outcome_and_who(tmp_path, archive):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    (tmp_path / "kopia.xlsx").write_bytes((tmp_path / "a.xlsx").read_bytes())
    write_report(tmp_path / "fel.xlsx", about={"Period": "2025-13"}, sheets={"Mål": GOALS})
    report = load_paths([tmp_path / "a.xlsx", tmp_path / "fel.xlsx"], db, by="controller.pitea")
    load_paths([tmp_path / "kopia.xlsx"], db, by="controller.pitea")
    entries = journal.read(archive)
    assert [(e["seq"], e["action"], e.get("file_name"), e.get("outcome"), e.get("submission_id")) for e in entries] == [
        (1, "load", "a.xlsx", "loaded", 1),
        (2, "load", "fel.xlsx", "rejected", None),
        (3, "publish", None, None, None),
        (4, "load", "kopia.xlsx", "skipped", None),
    ]
    assert {e["by"] for e in entries if e["action"] == "load"} == {"controller.pitea"}
    assert entries[0]["sha256"] == entries[3]["sha256"] and len(entries[0]["sha256"]) == 64
    assert entries[2]["version_id"] == report.data_version
    assert entries[0]["run"] == entries[2]["run"] != entries[3]["run"]
    warehouse = _rows(db, "select value from meta where key = 'warehouse_id'")[0][0]
    assert {e["warehouse"] for e in entries} == {warehouse}


def test_a_torn_last_line_is_ignored_and_does_not_swallow_the_next_entry(tmp_path):
    journal.append(tmp_path, [{"action": "load", "run": "r1", "time": "t"}])
    with journal.path(tmp_path).open("a") as f:
        f.write('{"action": "load", "ru')  # power cut in the middle of a write
    journal.append(tmp_path, [{"action": "publish", "run": "r1", "time": "t"}])
    assert [(e["seq"], e["action"]) for e in journal.read(tmp_path)] == [(1, "load"), (2, "publish")]


def test_rebuild_replays_a_folder_and_twenty_corrections_into_identical_tables(tmp_path, capsys):
    db, folder = tmp_path / "lager.duckdb", tmp_path / "in"
    folder.mkdir()
    write_report(folder / "bun.xlsx", sheets={"Mål": GOALS})
    write_report(folder / "sn.xlsx", about={"Nämnd": "SN"})
    write_report(folder / "ks.xlsx", about={"Nämnd": "KS", "Period": "2025-03"}, sheets={"Mål": GOALS})
    assert load_paths([folder], db).count("loaded") == 3
    for n in range(1, 21):
        path = write_report(tmp_path / f"bun_rättelse_{n:02}.xlsx", sheets={"Mål": _goal(f"Rättelse {n}")})
        assert load_paths([path], db, workers=1).count("loaded") == 1
    withdraw(db, 23, "Personnummer i kommentaren", by="registrator")
    assert _rows(db, "select submission_id, comment from current_goal where committee_code = 'BUN'") == [
        (22, "Rättelse 19")
    ]  # the correction the withdrawn one replaced is in force again
    assert main(["rebuild", "--db", str(tmp_path / "ny.duckdb"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["runs"]) == ("ok", 22)
    original, rebuilt = _tables(db), _tables(tmp_path / "ny.duckdb")
    assert {name: len(rows) for name, rows in rebuilt.items()} == {
        "assignment": 1, "committee": 59, "current_assignment": 1, "current_deviation": 2, "current_economy": 3,
        "current_employee": 1, "current_goal": 3, "current_indicator": 2, "current_meeting": 1,
        "current_network_target": 0, "current_project": 1, "current_suggestion": 1, "data_version": 22,
        "deviation": 2, "economy": 3, "employee": 1, "goal": 22, "indicator": 2, "kolada": 0, "kolada_group": 0,
        "meeting": 1, "meta": 6, "municipality": 290, "network_target": 0, "project": 1, "report_deadline": 0,
        "submission": 23, "suggestion": 1,
    }  # fmt: skip
    assert rebuilt == original
    assert result["data_version"] == _rows(db, "select value from meta where key = 'data_version'")[0][0]


def test_rebuild_refuses_an_existing_file_and_a_journal_it_cannot_reproduce(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "a.xlsx"], db)
    assert main(["rebuild", "--db", str(db)]) == 1
    assert capsys.readouterr().err == (
        f"Fel: {db} finns redan. Ombyggnaden skriver bara en ny fil: välj ett annat namn.\n"
    )
    assert not list(tmp_path.glob("*.tmp"))


def test_withdraw_deletes_the_facts_keeps_who_and_why_and_brings_the_earlier_correction_back(tmp_path, capsys, archive):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    v2 = write_report(tmp_path / "v2.xlsx", sheets={"Mål": _goal("Kontakta 19121212-1212")})
    load_paths([tmp_path / "v1.xlsx"], db)
    before = load_paths([v2], db).data_version
    sha2 = _rows(db, "select sha256 from submission where submission_id = 2")[0][0]
    assert (archive / sha2[:2] / f"{sha2}.xlsx").exists()
    code = main(["withdraw", "2", "--reason", "Personuppgifter i kommentar", "--by", "registrator", "--db", str(db),
                 "--json"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["status"], out["back_in_force"], out["by"], out["reason"]) == (
        "withdrawn", 1, "registrator", "Personuppgifter i kommentar"
    )  # fmt: skip
    assert out["data_version"] not in (before, None)
    assert _rows(db, "select submission_id, superseded_by, withdrawn_by, withdraw_reason from submission") == [
        (1, None, None, None),
        (2, None, "registrator", "Personuppgifter i kommentar"),
    ]
    assert _rows(db, "select submission_id from goal") == [(1,)]
    assert _rows(db, "select submission_id, comment from current_goal") == [(1, "Bättre än i fjol")]
    assert not (archive / sha2[:2] / f"{sha2}.xlsx").exists()  # the personal data is gone from the archive too
    last = journal.read(archive)[-2]
    assert (last["action"], last["outcome"], last["by"], last["reason"], last["submission_id"]) == (
        "withdraw", "withdrawn", "registrator", "Personuppgifter i kommentar", 2
    )  # fmt: skip
    line = audit.entries(action="withdraw")[0][0]
    assert (line.who, line.target, line.detail, line.remote) == (
        f"cli:{getpass.getuser()}",
        "inlämning 2 (v2.xlsx)",
        f"kommun 2581 nämnd BUN period 2025-T1, av registrator: Personuppgifter i kommentar (dataversion "
        f"{out['data_version']})",
        "lokal",
    )
    assert main(["withdraw", "2", "--reason", "igen", "--db", str(db)]) == 1
    assert capsys.readouterr().err.startswith("Fel: Inlämning 2 är redan återkallad (")
    assert main(["withdraw", "9", "--reason", "x", "--db", str(db), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "status": "refused",
        "message": "Inlämning 9 finns inte i lagret. Se python -m etl status.",
    }
    # a rebuild reproduces the withdrawal although the raw file is gone
    rebuild(tmp_path / "ny.duckdb")
    assert _tables(tmp_path / "ny.duckdb") == _tables(db)
    assert (
        _rows(tmp_path / "ny.duckdb", "select loaded_at from submission where submission_id = 2")[0][0]
        == (_rows(db, "select loaded_at from submission where submission_id = 2")[0][0])
    )


def test_status_shows_a_withdrawn_submission_as_withdrawn_and_its_period_as_missing_when_nothing_is_left(
    tmp_path, capsys
):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    write_report(tmp_path / "v2.xlsx", sheets={"Mål": _goal("Rättad")})
    write_report(tmp_path / "sn.xlsx", about={"Nämnd": "SN"}, sheets={"Mål": GOALS})
    for name in ("v1", "v2", "sn"):
        load_paths([tmp_path / f"{name}.xlsx"], db)
    withdraw(db, 2, "Fel fil", by="registrator", at=datetime(2026, 12, 1, 9, 30))
    withdraw(db, 3, "Personnummer", by="registrator", at=datetime(2026, 12, 1, 9, 45))
    assert main(["status", "--db", str(db), "--json"]) == 0
    municipality = json.loads(capsys.readouterr().out)["municipalities"][0]
    bun, sn = municipality["committees"][0]["periods"][0], municipality["committees"][1]["periods"][0]
    assert (bun["current"]["file_name"], [(h["file_name"], h["withdrawn"]) for h in bun["history"]]) == (
        "v1.xlsx",
        [("v2.xlsx", {"at": "2026-12-01 09:30:00", "by": "registrator", "reason": "Fel fil"})],
    )
    assert (sn["current"], [h["file_name"] for h in sn["history"]]) == (None, ["sn.xlsx"])
    assert {"committee_code": "SN", "committee": "Socialnämnden", "months": ["2025-04"]} in municipality["missing"]
    assert main(["status", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "             återkallad: v2.xlsx, inläst " in text
    assert ", återkallad 2026-12-01 09:30:00 av registrator: Fel fil" in text
    assert "    2025-T1  ingen gällande rapport (återkallad)" in text
