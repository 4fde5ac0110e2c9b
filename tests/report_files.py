"""Real report workbooks for loader tests: written with openpyxl, broken with zipfile where a test needs it."""

import subprocess
import zipfile
from datetime import date
from functools import cache
from pathlib import Path

import openpyxl

from etl.model import Problem
from etl.reader import ReadResult, Task, read_file
from etl.validate import Reference, load_reference

ABOUT = {
    "Kommunkod": "2581",
    "Kommun": "Piteå",
    "Nämnd": "Barn- och utbildningsnämnden",
    "Period": "2025-T1",
    "Kontaktroll": "Controller",
    "Rapportdatum": date(2025, 5, 12),
}

GOALS = [
    ["Mål-ID", "KF-mål-ID", "KF-mål", "Nämndmål", "Perspektiv", "Bedömning", "Kommentar"],
    ["BUN-1", "KF-1", "Alla barn ska lyckas i skolan", "Fler elever når målen i åk 9", "Medborgare",
     "Delvis uppfyllt", "Bättre än i fjol"],
]  # fmt: skip
INDICATORS = [
    ["Indikator-ID", "Mål-ID", "Indikator", "Enhet", "Riktning", "Målvärde", "Kolada-KPI", "Utfallsperiod", "Utfall"],
    ["BUN-1.1", "BUN-1", "Andel elever med godkänt i alla ämnen", "%", "Högre är bättre", 80, "N15419", "2024", 76.5],
    ["BUN-1.2", "BUN-1", "Elever per lärare", "st", "Lägre är bättre", None, None, None, "12,5"],
]
ECONOMY = [
    ["Månad", "Verksamhet", "Årsbudget", "Budget", "Utfall", "Helårsprognos"],
    ["2025-01", "Grundskola", -300000, -25000, -25500, -301000],
    ["2025-02", "Grundskola", -300000, -25000, -24000.5, -300500],
    ["2025-03", "Grundskola", -300000, -25000, -26100, -302000],
]
DEVIATIONS = [
    ["Avvikelse-ID", "Datum", "Typ", "Allvarlighet", "Beskrivning", "Orsak", "Åtgärd", "Ansvarig roll", "Status",
     "Stängd datum"],
    ["AV-1", date(2025, 3, 12), "Verksamhet", "Hög", "Vakanta tjänster", "Sjukskrivningar", "Rekrytering", "Rektor",
     "Öppen", None],
    ["AV-2", "2025-02-03", "Ekonomi", "Låg", "Ökade kostnader", None, None, None, "Stängd", date(2025, 3, 14)],
]  # fmt: skip
ASSIGNMENTS = [
    ["Diarienummer", "Paragraf", "Beslutat av", "Beslutsdatum", "Uppdrag", "Mottagare", "Slutdatum", "Status",
     "Återrapporterat", "Kommentar"],
    ["KS 2025/112", "§ 45", "KF", date(2025, 2, 24), "Utred gemensam skolskjuts", "BUN", date(2025, 12, 31), "Pågår",
     None, None],
]  # fmt: skip
PROJECTS = [
    ["Projekt-ID", "Projektnamn", "Ägande nämnd", "Beställare", "Projektledare", "Fas", "Senaste beslutspunkt",
     "Beslutspunkt datum", "Tid", "Kostnad", "Leverans", "Budget", "Kostnad hittills", "Start", "Planerat slut",
     "Prognos slut", "Extern finansiering", "Finansiär", "Senaste statusrapport", "Slutrapport"],
    ["P-2025-03", "Ny skola i Öjebyn", None, "Förvaltningschef", "Projektledare bygg", "Genomförande", "BP2",
     date(2025, 1, 20), "Grön", "Gul", "Grön", 12500, 4210, date(2024, 9, 1), date(2026, 6, 30), date(2026, 9, 30),
     3000, "EU Regionalfonden", date(2025, 3, 1), "Nej"],
]  # fmt: skip
SUGGESTIONS = [
    ["Förvaltning", "Månad", "Inlämnade", "Genomförda", "Avslagna"],
    ["Barn- och utbildningsförvaltningen", "2025-03", 14, 6, 2],
]
EMPLOYEES = [
    ["Förvaltning", "Månad", "Antal medarbetare", "Definition"],
    ["Barn- och utbildningsförvaltningen", "2025-03", "1 240", "Månadsavlönade den 1:a"],
]
MEETINGS = [["Organ", "Datum"], ["Kommunfullmäktige", date(2025, 4, 28)]]

FULL = {
    "Mål": GOALS,
    "Indikatorer": INDICATORS,
    "Ekonomi": ECONOMY,
    "Avvikelser": DEVIATIONS,
    "Uppdrag": ASSIGNMENTS,
    "Projekt": PROJECTS,
    "Förbättringsförslag": SUGGESTIONS,
    "Medarbetare": EMPLOYEES,
    "Sammanträden": MEETINGS,
}


def write_report(
    path: Path,
    about: dict | None = None,
    sheets: dict[str, list[list]] | None = None,
    title_rows: int = 0,
    number_formats: dict[tuple[str, str], str] | None = None,
) -> Path:
    """Write a report: 'Om rapporten' (ABOUT updated with about; a None value drops the label) and fact sheets.

    sheets maps sheet name -> rows, the first being the header row; title_rows puts that many title lines above;
    number_formats maps (sheet name, cell such as 'F2') -> an Excel number format, e.g. '0.0%'.
    """
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Om rapporten"
    ws.append(["Rapport till Styrkedjan"])
    ws.append([])
    for label, value in {**ABOUT, **(about or {})}.items():
        if value is not None:
            ws.append([label, value])
    for name, rows in (FULL if sheets is None else sheets).items():
        sheet = book.create_sheet(name)
        for n in range(title_rows):
            sheet.append([f"{name}: rubrikrad {n + 1}" if n == 0 else None])
        for row in rows:
            sheet.append(row)
    for (name, cell), number_format in (number_formats or {}).items():
        book[name][cell].number_format = number_format
    path = Path(path)
    book.save(path)
    return path


def calc_saved(paths: list[Path], folder: Path, to: str = "xlsx") -> list[Path]:
    """The files as LibreOffice Calc saves them: converted headless by soffice into folder, in one run.

    A private profile under folder keeps parallel test sessions (and a user's own LibreOffice) apart.
    """
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / ".profile").resolve().as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", to, "--outdir", str(folder)]
    subprocess.run([*command, *map(str, paths)], check=True, capture_output=True, timeout=300)
    converted = [folder / f"{Path(p).stem}.{to}" for p in paths]
    assert all(p.exists() for p in converted), converted
    return converted


def rewrite_zip(
    path: Path, replace: dict[str, bytes | None] | None = None, extra: list[tuple[str, bytes]] = ()
) -> Path:
    """Rewrite an xlsx: replace (or drop, with None) entries by name and append extra entries as given."""
    replace = replace or {}
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename in replace:
                if replace[info.filename] is None:
                    continue
                data = replace[info.filename]
            target.writestr(info.filename, data)
        for name, data in extra:
            target.writestr(name, data)
    return path


def sheet_xml(path: Path, sheet_number: int) -> bytes:
    """The XML of xl/worksheets/sheetN.xml (openpyxl numbers sheets in workbook order from 1)."""
    with zipfile.ZipFile(path) as zf:
        return zf.read(f"xl/worksheets/sheet{sheet_number}.xml")


def edit_sheet_xml(path: Path, old: bytes, new: bytes, sheet_number: int = 2) -> Path:
    """Replace the one occurrence of old in sheetN.xml by new: XML another writer makes that openpyxl does not."""
    xml = sheet_xml(path, sheet_number)
    assert xml.count(old) == 1, old
    return rewrite_zip(path, {f"xl/worksheets/sheet{sheet_number}.xml": xml.replace(old, new)})


def goals_with_stray_cell(path: Path, cell: str) -> Path:
    """A report with the Mål sheet (GOALS) that also holds an 'x' at cell, e.g. 'XFD1048576', saved by openpyxl."""
    write_report(path, sheets={"Mål": GOALS})
    book = openpyxl.load_workbook(path)
    book["Mål"][cell] = "x"
    book.save(path)
    return path


@cache
def reference() -> Reference:
    """Municipalities and committees, read once per test session."""
    return load_reference()


def read_report(path: Path) -> ReadResult:
    """Read and validate one file in this process, as a parser worker does."""
    path = Path(path)
    return read_file(Task(path, path.name, "0" * 64), reference())


def located(problems: list[Problem]) -> list[tuple]:
    """(sheet, row, column, header, value) of each problem, for asserting locations."""
    return [(p.sheet, p.row, p.column, p.header, p.value) for p in problems]
