"""'Om rapporten' identifies the submission: municipality codes from the official list, committees by name or alias."""

from datetime import date

import openpyxl
import pytest

from etl.model import About
from tests.report_files import ASSIGNMENTS, GOALS, located, read_report, write_report


def test_identity_is_read_from_labels_anywhere_near_the_top(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Om rapporten"
    sheet["A1"] = "Månadsrapport till kommunstyrelsen"
    pairs = [("Period:", 2025.0), ("kommunkod", "2581"), ("Nämnd", None), ("Kommun", "Piteå"),
             ("Kontaktroll", "Controller"), ("Rapportdatum (ÅÅÅÅ-MM-DD)", "2026-01-15")]  # fmt: skip
    for row, (label, value) in enumerate(pairs, start=4):
        sheet.cell(row, 3, label)
        sheet.cell(row, 4, value)
    sheet["E6"] = "BUN"  # the value may sit further right, after an empty cell
    goals = book.create_sheet("Mål")
    for row in GOALS:
        goals.append(row)
    book.save(tmp_path / "r.xlsx")
    result = read_report(tmp_path / "r.xlsx")
    assert result.errors == []
    assert result.workbook.about == About(
        "2581", "BUN", "2025", date(2025, 1, 1), date(2025, 12, 31), "Controller", date(2026, 1, 15)
    )


def test_code_typed_as_a_number_keeps_its_leading_zero_and_alias_resolves(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        about={"Kommunkod": 163, "Kommun": "Sollentuna kommun", "Nämnd": "un", "Period": "2025-t1"},
        sheets={"Uppdrag": [ASSIGNMENTS[0], [*ASSIGNMENTS[1][:5], " Barn- och  ungdomsnämnden", *ASSIGNMENTS[1][6:]]]},
    )
    result = read_report(path)
    assert result.errors == []
    about = result.workbook.about
    assert (about.municipality_code, about.committee_code, about.period) == ("0163", "UTN", "2025-T1")
    assert result.workbook.facts["assignments"][0]["recipient"] == "BUN"


def test_committee_names_are_matched_without_case_or_spaces(tmp_path):
    path = write_report(tmp_path / "r.xlsx", about={"Nämnd": "  BARN-  OCH UTBILDNINGSNÄMNDEN "})
    assert read_report(path).workbook.about.committee_code == "BUN"


IDENTITY_ERRORS = [
    (
        {"Kommunkod": "9999"},
        ("Om rapporten", 3, "B", "Kommunkod", "9999"),
        "Kommunkoden 9999 finns inte bland Sveriges 290 kommuner. Skriv kommunens fyrsiffriga kod från SCB, "
        "t.ex. 0884 för Vimmerby.",
    ),
    (
        {"Kommunkod": "0884"},
        ("Om rapporten", 4, "B", "Kommun", "Piteå"),
        "Kommunkoden 0884 är Vimmerby, men kommunens namn är Piteå. Piteå har kommunkod 2581. Kontrollera kommunkoden.",
    ),
    (
        {"Nämnd": "Barn och utbilding"},
        ("Om rapporten", 5, "B", "Nämnd", "Barn och utbilding"),
        "Nämnden finns inte i nämndlistan för Piteå; menade du Barn- och utbildningsnämnden (BUN)? Skriv nämndens "
        "namn eller förkortning som i listan.",
    ),
]


@pytest.mark.parametrize(
    ("about", "place", "message"),
    IDENTITY_ERRORS,
    ids=["unknown municipality code", "code of another named municipality", "unknown committee, closest names"],
)
def test_wrong_identity_is_rejected_at_its_cell_with_a_swedish_message(tmp_path, about, place, message):
    errors = read_report(write_report(tmp_path / "r.xlsx", about=about)).errors
    assert located(errors) == [place]
    assert errors[0].message == message


def test_unknown_committee_with_nothing_close_lists_the_known_ones(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        about={"Kommunkod": "2463", "Kommun": "Åsele", "Nämnd": "Xq"},
        sheets={},
    )
    errors = read_report(path).errors
    assert errors[0].message == (
        "Nämnden finns inte i nämndlistan för Åsele; kända nämnder är Kommunstyrelsen (KS), Barn- och "
        "utbildningsnämnden (BUN), Socialnämnden (SN), Miljö- och byggnämnden (MBN). Skriv nämndens namn eller "
        "förkortning som i listan."
    )


def test_unknown_recipient_committee_in_a_fact_sheet_is_rejected(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={"Uppdrag": [ASSIGNMENTS[0], [*ASSIGNMENTS[1][:5], "Socialnämden", *ASSIGNMENTS[1][6:]]]},
    )
    errors = read_report(path).errors
    assert located(errors) == [("Uppdrag", 2, "F", "Mottagare", "Socialnämden")]
    assert "menade du Socialnämnden (SN)?" in errors[0].message


def test_municipality_without_a_committee_list_is_rejected(tmp_path):
    path = write_report(tmp_path / "r.xlsx", about={"Kommunkod": "0114", "Kommun": "Upplands Väsby"}, sheets={})
    errors = read_report(path).errors
    assert located(errors) == [("Om rapporten", 5, "B", "Nämnd", "Barn- och utbildningsnämnden")]
    assert errors[0].message.startswith("Det finns ingen nämndlista för Upplands Väsby (0114) i Styrkedjan.")
