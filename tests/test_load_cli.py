"""`python -m etl load`: loaded / skipped / rejected per file, exit codes, JSON, archive, atomic per file."""

import hashlib
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from data.settings import ROOT
from etl.__main__ import main
from etl.load import load_paths
from tests.report_files import GOALS, goals_with_stray_cell, write_report


@pytest.fixture(autouse=True)
def archive(tmp_path, monkeypatch):
    """Archive raw files under tmp_path, never in the repository's data/."""
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "archive"))
    return tmp_path / "archive"


def _load(capsys, *args) -> tuple[int, dict]:
    code = main(["load", *map(str, args), "--json"])
    return code, json.loads(capsys.readouterr().out)


def _rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_full_report_is_loaded_with_literal_values_and_archived(tmp_path, capsys, archive):
    folder = tmp_path / "in"
    folder.mkdir()
    report = write_report(folder / "pitea_bun_2025-T1.xlsx", title_rows=1)
    db = tmp_path / "lager.duckdb"
    code, out = _load(capsys, folder, "--db", db)
    assert code == 0
    sha = hashlib.sha256(report.read_bytes()).hexdigest()
    assert out["summary"] == {"files": 1, "loaded": 1, "skipped": 0, "rejected": 0}
    assert out["files"][0] | {"file": None} == {
        "file": None,
        "status": "loaded",
        "sha256": sha,
        "municipality_code": "2581",
        "municipality": "Piteå",
        "committee_code": "BUN",
        "committee": "Barn- och utbildningsnämnden",
        "period": "2025-T1",
        "rows": {"Mål": 1, "Indikatorer": 2, "Ekonomi": 3, "Avvikelser": 2, "Uppdrag": 1, "Projekt": 1,
                 "Förbättringsförslag": 1, "Medarbetare": 1, "Sammanträden": 1},
        "row_count": 13,
        "submission_id": 1,
        "supersedes": None,
        "same_as": None,
        "warnings": [],
        "errors": [],
    }  # fmt: skip
    assert _rows(db, "select submission_id, municipality_code, committee_code, period, period_start, period_end, "
                     "file_name, sha256, report_date, contact_role, row_count, superseded_by from submission") == [
        (1, "2581", "BUN", "2025-T1", date(2025, 1, 1), date(2025, 4, 30), "pitea_bun_2025-T1.xlsx", sha,
         date(2025, 5, 12), "Controller", 13, None)
    ]  # fmt: skip
    assert _rows(db, "select month, activity, annual_budget, budget, outcome, forecast from current_economy") == [
        ("2025-01", "Grundskola", Decimal("-300000.0"), Decimal("-25000.0"), Decimal("-25500.0"), Decimal("-301000.0")),
        ("2025-02", "Grundskola", Decimal("-300000.0"), Decimal("-25000.0"), Decimal("-24000.5"), Decimal("-300500.0")),
        ("2025-03", "Grundskola", Decimal("-300000.0"), Decimal("-25000.0"), Decimal("-26100.0"), Decimal("-302000.0")),
    ]  # fmt: skip
    assert _rows(db, "select goal_id, period, period_end, perspective, assessment from goal") == [
        ("BUN-1", "2025-T1", date(2025, 4, 30), "citizen", "partly_met")
    ]
    assert _rows(db, "select project_id, owner, report_date, phase, light_cost, budget, forecast_end from project") == [
        ("P-2025-03", "BUN", date(2025, 5, 12), "execution", "yellow", Decimal("12500.0"), date(2026, 9, 30))
    ]
    assert _rows(db, "select case_number, recipient, decided_by, status from assignment") == [
        ("KS 2025/112", "BUN", "KF", "in_progress")
    ]
    assert (archive / sha[:2] / f"{sha}.xlsx").read_bytes() == report.read_bytes()


def test_identical_content_is_skipped(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    first = write_report(tmp_path / "a.xlsx")
    (tmp_path / "kopia.xlsx").write_bytes(first.read_bytes())
    assert _load(capsys, first, "--db", db)[0] == 0
    code, out = _load(capsys, tmp_path / "kopia.xlsx", first, "--db", db)
    assert code == 0
    assert [(f["status"], f["same_as"]["file_name"]) for f in out["files"]] == [
        ("skipped", "a.xlsx"),
        ("skipped", "a.xlsx"),
    ]
    assert _rows(db, "select count(*) from submission") == [(1,)]


def test_a_correction_supersedes_and_history_is_kept(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    corrected = [GOALS[0], [*GOALS[1][:5], "Uppfyllt", "Rättad bedömning"]]
    write_report(tmp_path / "v2.xlsx", sheets={"Mål": corrected})
    assert _load(capsys, tmp_path / "v1.xlsx", "--db", db)[0] == 0
    code, out = _load(capsys, tmp_path / "v2.xlsx", "--db", db)
    assert code == 0
    assert out["files"][0]["supersedes"]["submission_id"] == 1
    assert out["files"][0]["supersedes"]["file_name"] == "v1.xlsx"
    assert _rows(db, "select submission_id, file_name, superseded_by from submission order by 1") == [
        (1, "v1.xlsx", 2),
        (2, "v2.xlsx", None),
    ]
    assert _rows(db, "select submission_id, assessment, comment from current_goal") == [(2, "met", "Rättad bedömning")]
    assert _rows(db, "select submission_id, assessment from goal order by 1") == [(1, "partly_met"), (2, "met")]


def test_a_bad_file_changes_nothing_while_good_files_load(tmp_path, capsys):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write_report(folder / "pitea.xlsx")
    vimmerby = {"Kommunkod": "0884", "Kommun": "Vimmerby", "Nämnd": "Socialnämnden", "Period": "2025-02"}
    write_report(folder / "sub" / "vimmerby_fel.xlsx", about=vimmerby)
    write_report(folder / "sub" / "asele.xlsx", about={"Kommunkod": "2463", "Kommun": "Åsele", "Nämnd": "SN"})
    (folder / "anteckningar.txt").write_text("inte en rapport", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    db = tmp_path / "lager.duckdb"
    code, out = _load(capsys, folder, "--db", db)
    assert code == 1
    assert [(f["file"].removeprefix(str(folder)), f["status"], len(f["errors"])) for f in out["files"]] == [
        ("/anteckningar.txt", "rejected", 1),
        ("/pitea.xlsx", "loaded", 0),
        ("/sub/asele.xlsx", "loaded", 0),
        ("/sub/vimmerby_fel.xlsx", "rejected", 4),
    ]
    assert out["files"][0]["errors"][0]["message"] == (
        "Filen är ingen Excel-arbetsbok (.xlsx) och lästes inte. Spara rapporten som Excel-arbetsbok (.xlsx), eller "
        "flytta filen från mappen."
    )
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in out["files"][3]["errors"]] == [
        ("Ekonomi", 2, "A", "2025-01"),
        ("Ekonomi", 4, "A", "2025-03"),
        ("Förbättringsförslag", 2, "B", "2025-03"),
        ("Medarbetare", 2, "B", "2025-03"),
    ]
    assert _rows(db, "select municipality_code, committee_code from submission order by 1") == [
        ("2463", "SN"),
        ("2581", "BUN"),
    ]
    assert _rows(db, "select count(*) from economy where municipality_code = '0884'") == [(0,)]
    before = (db.stat().st_ino, db.read_bytes())
    code, out = _load(capsys, folder / "sub" / "vimmerby_fel.xlsx", "--db", db)
    assert (code, out["summary"]["rejected"]) == (1, 1)
    assert (db.stat().st_ino, db.read_bytes()) == before


def test_stray_cell_at_the_last_excel_cell_is_rejected_without_crashing(tmp_path, capsys):
    stray = goals_with_stray_cell(tmp_path / "stray.xlsx", "XFD1048576")
    write_report(tmp_path / "ok.xlsx", about={"Nämnd": "SN"})
    db = tmp_path / "lager.duckdb"
    code, out = _load(capsys, stray, tmp_path / "ok.xlsx", "--db", db)
    assert code == 1
    assert [f["status"] for f in out["files"]] == ["rejected", "loaded"]
    error = out["files"][0]["errors"][0]
    assert (error["sheet"], error["row"], error["column"]) == ("Mål", 1048576, "XFD")
    assert error["message"].startswith("Bladet har innehåll i cell XFD1048576, långt utanför tabellen")


def test_a_file_over_the_size_limit_is_rejected_unread(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_MAX_UPLOAD_MB", "0.001")
    path = write_report(tmp_path / "stor.xlsx")
    code, out = _load(capsys, path, "--db", tmp_path / "lager.duckdb")
    assert code == 1
    size = path.stat().st_size / 1024 / 1024
    assert out["files"][0]["errors"][0]["message"] == (
        f"Filen är {size:.1f}\u00a0MB, större än gränsen 0,0\u00a0MB. Ta bort bilder och blad som inte hör till "
        "rapporten, eller dela upp den.".replace(".", ",", 1)
    )
    assert not (tmp_path / "lager.duckdb").exists()


def test_a_parser_that_dies_rejects_its_file_and_the_loader_goes_on(tmp_path, monkeypatch):
    # A cell at GR10000 passes the container limits but makes python-calamine allocate a 64 MB range: under a
    # 50 MB address-space limit the worker process aborts, as it would on a hostile file the checks missed.
    goals_with_stray_cell(tmp_path / "a.xlsx", "GR10000")
    write_report(tmp_path / "b.xlsx", about={"Nämnd": "SN"})
    paths, db = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"], tmp_path / "lager.duckdb"
    monkeypatch.setenv("STYRKEDJAN_PARSER_MEMORY_MB", "50")
    report = load_paths(paths, db, tmp_path / "arkiv", workers=1)
    monkeypatch.delenv("STYRKEDJAN_PARSER_MEMORY_MB")
    assert [f.status for f in report.files] == ["rejected", "loaded"]
    assert report.files[0].errors[0].message == (
        "Filen kunde inte läsas (läsaren avbröts). Öppna den i ditt kalkylprogram, spara som Excel-arbetsbok (.xlsx) "
        "och lämna in den igen."
    )
    assert [f.status for f in load_paths(paths[:1], db, tmp_path / "arkiv").files] == ["loaded"]


def test_a_parser_that_hangs_is_stopped_at_the_timeout(tmp_path):
    write_report(tmp_path / "a.xlsx")
    report = load_paths([tmp_path / "a.xlsx"], tmp_path / "lager.duckdb", tmp_path / "arkiv", timeout=0.001)
    assert report.files[0].status == "rejected"
    assert report.files[0].errors[0].message == (
        "Filen kunde inte läsas (den tog mer än 0,001 s att läsa). Öppna den i ditt kalkylprogram, spara som "
        "Excel-arbetsbok (.xlsx) och lämna in den igen."
    )


def test_exit_codes_and_swedish_text_output(tmp_path):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "ok.xlsx")
    write_report(tmp_path / "fel.xlsx", about={"Kommunkod": "9999"})

    env = {"STYRKEDJAN_ARCHIVE": str(tmp_path / "arkiv"), "PATH": "/usr/bin"}

    def cli(*args):
        command = [sys.executable, "-m", "etl", "load", *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)

    missing = cli(tmp_path / "finns-inte.xlsx", "--db", db)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"python -m etl load: fel: sökvägen finns inte: {tmp_path / 'finns-inte.xlsx'}\n"
    ok = cli(tmp_path / "ok.xlsx", "--db", db)
    assert ok.returncode == 0
    assert ok.stdout.splitlines()[:2] == [
        f"Inläst: {tmp_path / 'ok.xlsx'}",
        "    Piteå (2581), Barn- och utbildningsnämnden (BUN), period 2025-T1: 13 rader (Mål 1, Indikatorer 2, "
        "Ekonomi 3, Avvikelser 2, Uppdrag 1, Projekt 1, Förbättringsförslag 1, Medarbetare 1, Sammanträden 1).",
    ]
    bad = cli(tmp_path / "fel.xlsx", tmp_path / "ok.xlsx", "--db", db)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        f"Avvisad: {tmp_path / 'fel.xlsx'}: 1 fel, inget från filen lästes in.",
        '    Fel: blad Om rapporten, rad 3, kolumn B (Kommunkod), värde "9999": Kommunkoden 9999 finns inte bland '
        "Sveriges 290 kommuner. Skriv kommunens fyrsiffriga kod från SCB, t.ex. 0884 för Vimmerby.",
        "    Varning: blad Om rapporten, kolumn Kommunkod: Eftersom Kommunkod på bladet Om rapporten har fel har "
        "Styrkedjan inte kunnat kontrollera: nämnderna i kolumnen Mottagare på bladet Uppdrag (mot nämndlistan); "
        "årsbudgeten på bladet Ekonomi mot förra månadens rapport. Det görs när felet är rättat och filen lämnas "
        "in igen.",
        f"Överhoppad: {tmp_path / 'ok.xlsx'}: identiskt innehåll är redan inläst (ok.xlsx, inläst "
        + _rows(db, "select strftime(loaded_at, '%Y-%m-%d %H:%M:%S') from submission")[0][0]
        + ").",
        f"Summa: 2 filer: 0 inlästa, 1 överhoppad, 1 avvisad. Lager: {db}",
    ]


def test_a_workbook_without_fact_sheets_is_rejected_and_supersedes_nothing(tmp_path, capsys):
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    write_report(tmp_path / "tom.xlsx", sheets={})
    assert _load(capsys, tmp_path / "v1.xlsx", "--db", db)[0] == 0
    code, out = _load(capsys, tmp_path / "tom.xlsx", "--db", db)
    assert code == 1
    assert [e["message"] for e in out["files"][0]["errors"]] == [
        "Filen har inga faktablad. Lägg till minst ett av bladen Mål, Indikatorer, Ekonomi, Avvikelser, Uppdrag, "
        "Projekt, Förbättringsförslag, Medarbetare, Nätverksmål, Sammanträden med rubrikrad och rader."
    ]
    assert _rows(db, "select submission_id, superseded_by from submission") == [(1, None)]


def test_excel_owner_files_in_a_folder_are_ignored(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder / "Rapport.xlsx", sheets={"Mål": GOALS})
    (folder / "~$Rapport.xlsx").write_bytes(b"\x0bExcel owner file")
    code, out = _load(capsys, folder, "--db", tmp_path / "lager.duckdb")
    assert code == 0
    assert [(f["file"].rsplit("/", 1)[-1], f["status"]) for f in out["files"]] == [("Rapport.xlsx", "loaded")]
