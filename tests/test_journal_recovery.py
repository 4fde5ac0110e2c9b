"""The journal's edge cases: a loader dying after its rename, Kolada imports replayed, several warehouses in one
archive, the durable order of writes around the publishing rename, and warehouses from before data versions."""

import json
import os
from pathlib import Path

import duckdb
import pytest

from data.settings import ROOT
from etl import journal
from etl.__main__ import main
from etl.load import load_paths
from etl.rebuild import rebuild
from tests.report_files import GOALS, write_report

KOLADA_SAMPLE = ROOT / "tests" / "files" / "kolada_sample.json"


@pytest.fixture(autouse=True)
def archive(tmp_path, monkeypatch):
    """Archive raw files and the journal under tmp_path."""
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    return tmp_path / "arkiv"


def _dump(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {
            n: con.execute(
                f"select * from {n} {'where key != $$created_at$$' if n == 'meta' else ''} order by all"
            ).fetchall()
            for n in names
        }


def test_a_run_published_without_its_journal_entry_is_committed_by_the_next_load(tmp_path, archive):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    write_report(tmp_path / "b.xlsx", about={"Nämnd": "SN"}, sheets={"Mål": GOALS})
    first = load_paths([tmp_path / "a.xlsx"], db).data_version
    lines = journal.path(archive).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["action"] == "publish"
    journal.path(archive).write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # died after os.replace
    load_paths([tmp_path / "b.xlsx"], db)
    recovered = [e for e in journal.read(archive) if e.get("recovered")]
    assert [(e["action"], e["version_id"], e["seq"]) for e in recovered] == [("publish", first, 2)]
    rebuild(tmp_path / "ny.duckdb")
    assert _dump(tmp_path / "ny.duckdb") == _dump(db)


def test_kolada_imports_are_journaled_and_replayed_in_order(tmp_path, capsys, archive):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "a.xlsx"], db)
    assert main(["kolada", str(KOLADA_SAMPLE), "--db", str(db)]) == 0
    write_report(tmp_path / "b.xlsx", sheets={"Mål": [GOALS[0], [*GOALS[1][:6], "Rättad"]]})
    load_paths([tmp_path / "b.xlsx"], db)
    capsys.readouterr()
    assert [(e["action"], e.get("file_name")) for e in journal.read(archive)] == [
        ("load", "a.xlsx"), ("publish", None), ("kolada", "kolada_sample.json"), ("publish", None),
        ("load", "b.xlsx"), ("publish", None),
    ]  # fmt: skip
    assert main(["versions", "--db", str(db), "--json"]) == 0
    notes = [v["note"] for v in json.loads(capsys.readouterr().out)["versions"]]
    assert notes == ["Inläsning: 1 fil (b.xlsx)", "Kolada-import: kolada_sample.json", "Inläsning: 1 fil (a.xlsx)"]
    rebuild(tmp_path / "ny.duckdb")
    rebuilt = _dump(tmp_path / "ny.duckdb")
    assert (len(rebuilt["kolada"]), len(rebuilt["data_version"])) == (len(_dump(db)["kolada"]), 3)
    assert rebuilt == _dump(db)


def test_rebuild_asks_which_warehouse_when_the_archive_serves_several(tmp_path, capsys, monkeypatch):
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "a.xlsx"], tmp_path / "ett.duckdb")
    load_paths([tmp_path / "a.xlsx"], tmp_path / "tva.duckdb")
    monkeypatch.setenv("STYRKEDJAN_DB", str(tmp_path / "finns_inte.duckdb"))
    assert main(["rebuild", "--db", str(tmp_path / "ny.duckdb")]) == 1
    message = capsys.readouterr().err
    assert message.startswith("Fel: Journalen har flera lager: ") and message.endswith(". Välj ett med --warehouse.\n")
    with duckdb.connect(str(tmp_path / "tva.duckdb"), read_only=True) as con:
        second = con.execute("select value from meta where key = 'warehouse_id'").fetchone()[0]
    assert main(["rebuild", "--db", str(tmp_path / "ny.duckdb"), "--warehouse", second]) == 0
    assert _dump(tmp_path / "ny.duckdb") == _dump(tmp_path / "tva.duckdb")


def test_the_new_file_is_fsynced_before_the_rename_and_its_folder_after(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(src), str(dst)))
        real_replace(src, dst)

    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    load_paths([tmp_path / "a.xlsx"], tmp_path / "lager.duckdb")
    staging = f"{tmp_path}/lager.duckdb.{os.getpid()}.tmp"
    publishing = [e for e in events if staging in e or e == ("fsync", str(tmp_path))]
    assert publishing == [
        ("fsync", staging),
        ("replace", staging, f"{tmp_path}/lager.duckdb"),
        ("fsync", str(tmp_path)),
    ]
    journaled = [e[1].rpartition("/")[2] for e in events if e[0] == "fsync" and e[1].endswith("journal.jsonl")]
    assert journaled == ["journal.jsonl", "journal.jsonl"]  # the run's entries before, its publish entry after


def test_a_warehouse_from_before_data_versions_is_upgraded_by_its_next_load(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    write_report(tmp_path / "b.xlsx", sheets={"Mål": [GOALS[0], [*GOALS[1][:6], "Rättad"]]})
    load_paths([tmp_path / "a.xlsx"], db)
    with duckdb.connect(str(db)) as con:  # as the loader of November 2026 left it
        con.execute("drop macro table if exists in_force")
        for column in ("withdrawn_at", "withdrawn_by", "withdraw_reason"):
            con.execute(f"alter table submission drop column {column}")
        con.execute("drop table data_version")
        con.execute("delete from meta where key in ('warehouse_id', 'data_version', 'journal_run')")
    assert main(["versions", "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"Lagret {db} har inga dataversioner (publicerat före versionerna infördes).\n"
    report = load_paths([tmp_path / "b.xlsx"], db)
    assert (report.count("loaded"), len(report.data_version)) == (1, 10)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select submission_id, superseded_by, withdrawn_at from submission").fetchall() == [
            (1, 2, None),
            (2, None, None),
        ]
        assert con.execute("select max_submission_id, note from data_version").fetchall() == [
            (2, "Inläsning: 1 fil (b.xlsx)")
        ]
        assert len(con.execute("select value from meta where key = 'warehouse_id'").fetchone()[0]) == 12
