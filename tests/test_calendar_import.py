"""`python -m etl calendar FILE`: the reporting calendar from a workbook or a CSV, bad rows refused with places."""

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from etl.__main__ import main
from etl.load import load_paths
from etl.rebuild import rebuild
from tests.fixtures import build_warehouse, workbook
from tests.report_files import GOALS, write_report


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    return build_warehouse(tmp_path / "lager.duckdb", [workbook("2581", "SN", "2026-03", economy=[])])


def deadlines(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select municipality_code, committee_code, period, period_end, deadline, source_file "
            "from report_deadline order by municipality_code, period_end, period, committee_code nulls first"
        ).fetchall()


def meta(db: Path, key: str) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select value from meta where key = ?", [key]).fetchone()[0]


def xlsx(path: Path, rows: list[list], sheet: str = "Rapportkalender", extra_sheet: str | None = None) -> Path:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    if extra_sheet:
        book.create_sheet(extra_sheet)
    book.save(path)
    return path


HEADERS = ["Kommunkod", "Period", "Sista dag", "Nämnd"]


def test_a_workbook_calendar_is_published_with_a_data_version_and_journaled(db, tmp_path, capsys):
    before = meta(db, "data_version")
    path = xlsx(
        tmp_path / "årshjul 2026.xlsx",
        [
            ["Rapportkalender 2026"],
            HEADERS,
            ["2581", "2026-03", date(2026, 4, 10), None],
            ["2581", "2026-03", date(2026, 4, 14), "Socialnämnden"],
            [2581, "2026-T1", "2026-05-15", ""],
            ["0163", 2026, date(2027, 2, 15), None],
        ],
    )
    assert main(["calendar", str(path), "--db", str(db)]) == 0
    version = meta(db, "data_version")
    assert version != before
    assert capsys.readouterr().out == (
        "Rapportkalendern årshjul 2026.xlsx är inläst: 4 sista dagar för 2 kommuner (0163, 2581), perioder "
        f"2026-03–2026, varav 1 för en enskild nämnd. Lager: {db}. Publicerat som dataversion {version}.\n"
    )
    assert deadlines(db) == [
        ("0163", None, "2026", date(2026, 12, 31), date(2027, 2, 15), "årshjul 2026.xlsx"),
        ("2581", None, "2026-03", date(2026, 3, 31), date(2026, 4, 10), "årshjul 2026.xlsx"),
        ("2581", "SN", "2026-03", date(2026, 3, 31), date(2026, 4, 14), "årshjul 2026.xlsx"),
        ("2581", None, "2026-T1", date(2026, 4, 30), date(2026, 5, 15), "årshjul 2026.xlsx"),
    ]
    entries = [json.loads(line) for line in (tmp_path / "arkiv" / "journal.jsonl").read_text().splitlines()]
    assert [(e["action"], e.get("file_name"), e.get("version_id")) for e in entries] == [
        ("calendar", "årshjul 2026.xlsx", None),
        ("publish", None, version),
    ]


def test_a_csv_calendar_replaces_the_years_it_names_and_keeps_the_others(db, tmp_path, capsys):
    first = tmp_path / "kalender.csv"
    first.write_text(
        "Kommunkod;Period;Sista dag;Nämnd\n2581;2025-12;2026-01-12;\n2581;2026-01;2026-02-10;\n"
        "2581;2026-02;2026-03-10;\n",
        encoding="utf-8",
    )
    assert main(["calendar", str(first), "--db", str(db)]) == 0
    second = tmp_path / "kalender 2026.csv"
    second.write_text("Kommunkod,Period,Sista dag\n2581,2026-01,2026-02-11\n", encoding="utf-8-sig")
    assert main(["calendar", str(second), "--db", str(db)]) == 0
    assert deadlines(db) == [
        ("2581", None, "2025-12", date(2025, 12, 31), date(2026, 1, 12), "kalender.csv"),
        ("2581", None, "2026-01", date(2026, 1, 31), date(2026, 2, 11), "kalender 2026.csv"),
    ]


def test_bad_rows_are_refused_with_their_places_and_the_warehouse_is_unchanged(db, tmp_path, capsys):
    good = tmp_path / "bra.csv"
    good.write_text("Kommunkod;Period;Sista dag\n2581;2026-03;2026-04-10\n", encoding="utf-8")
    assert main(["calendar", str(good), "--db", str(db)]) == 0
    capsys.readouterr()
    published = db.read_bytes()
    bad = tmp_path / "fel.csv"
    bad.write_text(
        "Kommunkod;Period;Sista dag;Nämnd\n"
        "9999;2026-05;2026-06-10;\n"
        "2581;2026-05;2026-13-10;Fritidsnämnden\n"
        "2581;2026-04;2026-04-10;\n"
        "2581;2026-Q2;2026-07-10;\n"
        "2581;2026-06;;\n"
        "2581;2026-04;2026-05-11;\n",
        encoding="utf-8",
    )
    assert main(["calendar", str(bad), "--db", str(db)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Rapportkalendern fel.csv lästes inte in (7 fel). Inget i lagret har ändrats."
    assert out[1:] == [
        '    Fel: rad 2, kolumn A (Kommunkod), värde "9999": Okänd kommunkod: finns inte bland Sveriges kommuner. '
        "Skriv kommunens kod från SCB, t.ex. 2581.",
        '    Fel: rad 3, kolumn C (Sista dag), värde "2026-13-10": Datumet finns inte i kalendern. Skriv datum som '
        "ÅÅÅÅ-MM-DD.",
        '    Fel: rad 3, kolumn D (Nämnd), värde "Fritidsnämnden": Nämnden finns inte i nämndlistan för Piteå; menade '
        "du Kultur- och fritidsnämnden (KFN)? Skriv nämndens namn eller förkortning som i listan.",
        '    Fel: rad 5, kolumn B (Period), värde "2026-Q2": Skriv perioden som månad (2025-03), tertial (2025-T1) '
        "eller år (2025).",
        "    Fel: rad 6, kolumn C (Sista dag): Värde saknas. Fyll i Sista dag, t.ex. 2026-04-10.",
        '    Fel: rad 7, kolumn A (Kommunkod), värde "2581 / 2026-04 / (tomt)": Samma Kommunkod + Period + Nämnd '
        "(2581 / 2026-04 / (tomt)) finns redan på rad 4. Varje rad ska vara unik: ta bort dubbletten eller rätta "
        "värdet.",
        '    Fel: rad 4, kolumn C (Sista dag), värde "2026-04-10": Sista dag ligger före periodens slut (2026-04-30): '
        "en rapport kan inte lämnas förrän perioden är slut. Rätta datumet eller perioden.",
    ]
    assert db.read_bytes() == published
    assert deadlines(db) == [("2581", None, "2026-03", date(2026, 3, 31), date(2026, 4, 10), "bra.csv")]


def test_a_deadline_before_the_period_ends_and_a_missing_column_are_located_in_the_workbook(db, tmp_path, capsys):
    early = xlsx(tmp_path / "tidig.xlsx", [HEADERS, ["2581", "2026-T1", date(2026, 4, 20), None]])
    assert main(["calendar", str(early), "--db", str(db), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["data_version"]) == ("rejected", None)
    assert result["errors"] == [
        {
            "file": "tidig.xlsx",
            "sheet": "Rapportkalender",
            "row": 2,
            "column": "C",
            "header": "Sista dag",
            "value": "2026-04-20",
            "message": "Sista dag ligger före periodens slut (2026-04-30): en rapport kan inte lämnas förrän perioden "
            "är slut. Rätta datumet eller perioden.",
        }
    ]
    no_deadline = xlsx(tmp_path / "utan.xlsx", [["Kommunkod", "Period"], ["2581", "2026-03"]], sheet="Blad1")
    assert main(["calendar", str(no_deadline), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "    Fel: blad Blad1, rad 1, kolumn Sista dag: Kolumnen Sista dag saknas. Lägg till den med rubriken Sista dag "
        "på rubrikraden (rad 1)."
    )
    two_sheets = xlsx(tmp_path / "två.xlsx", [HEADERS], sheet="Blad1", extra_sheet="Blad2")
    assert main(["calendar", str(two_sheets), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "    Fel: Bladet Rapportkalender saknas (arbetsboken har bladen Blad1, Blad2). Döp om bladet med "
        "rapportkalendern till Rapportkalender, eller utgå från python -m etl calendar --mall."
    )
    assert deadlines(db) == []


def test_the_empty_calendar_template_reads_back_as_a_calendar(db, tmp_path, capsys):
    template = tmp_path / "rapportkalender.xlsx"
    assert main(["calendar", "--mall", str(template)]) == 0
    book = load_workbook(template)
    assert book.sheetnames == ["Rapportkalender"]
    assert [c.value for c in book.active[1]] == HEADERS
    assert book.active["A2"].number_format == "@"
    book.active.append(["2581", "2026-03", date(2026, 4, 10)])
    book.save(template)
    assert main(["calendar", str(template), "--db", str(db)]) == 0
    assert deadlines(db) == [("2581", None, "2026-03", date(2026, 3, 31), date(2026, 4, 10), "rapportkalender.xlsx")]


def test_rebuild_replays_the_calendar_into_the_same_data_version(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    db = tmp_path / "lager.duckdb"
    write_report(tmp_path / "bun.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "bun.xlsx"], db)
    calendar = tmp_path / "kalender.csv"
    calendar.write_text("Kommunkod;Period;Sista dag\n2581;2025-03;2025-04-10\n", encoding="utf-8")
    assert main(["calendar", str(calendar), "--db", str(db)]) == 0
    result = rebuild(tmp_path / "ny.duckdb")
    assert (result["runs"], result["data_version"]) == (2, meta(db, "data_version"))
    assert deadlines(tmp_path / "ny.duckdb") == deadlines(db)


def test_a_warehouse_from_before_the_calendar_gets_the_table_on_its_next_publish(db, tmp_path, monkeypatch):
    with duckdb.connect(str(db)) as con:
        con.execute("drop table report_deadline")
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    from data import db as warehouse
    from data.deadlines import statuses

    with warehouse.pinned():
        assert statuses("2581", "2026-03", "ar") == []  # no table yet: no deadlines, no error
    calendar = tmp_path / "kalender.csv"
    calendar.write_text("Kommunkod;Period;Sista dag\n2581;2026-03;2026-04-10\n", encoding="utf-8")
    assert main(["calendar", str(calendar), "--db", str(db)]) == 0
    assert deadlines(db) == [("2581", None, "2026-03", date(2026, 3, 31), date(2026, 4, 10), "kalender.csv")]
    with warehouse.pinned():
        assert [(s.committee_code, s.state) for s in statuses("2581", "2026-03", "ar", date(2026, 4, 9))] == [
            ("BUN", "due_soon"),
            ("KS", "due_soon"),
            ("KFN", "due_soon"),
            ("MBN", "due_soon"),
            ("SBN", "due_soon"),
            ("SN", "late"),  # the fixture's report was loaded today
        ]
