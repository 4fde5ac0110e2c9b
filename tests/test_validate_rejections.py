"""A workbook with any error is rejected whole, and every error says where it is and how to fix it."""

from datetime import date

import openpyxl

from tests.report_files import (
    DEVIATIONS,
    ECONOMY,
    PROJECTS,
    located,
    read_report,
    rewrite_zip,
    sheet_xml,
    write_report,
)


def test_every_error_of_a_file_is_listed_with_its_location(tmp_path):
    project = list(PROJECTS[1])
    project[8] = "Grönt"  # Tid
    project[15] = date(2024, 1, 1)  # Prognos slut before Start
    path = write_report(
        tmp_path / "r.xlsx",
        about={"Period": "2025-13"},
        sheets={
            "Ekonomi": [ECONOMY[0], ["2025-02", "Grundskola", -300000, "ca 25 000", -25500, None],
                        ["2025-02", "Förskola", -1, -1, -1, -1]],
            "Avvikelser": [DEVIATIONS[0], DEVIATIONS[1], DEVIATIONS[1]],
            "Projekt": [PROJECTS[0], project],
        },
    )  # fmt: skip
    result = read_report(path)
    assert result.workbook is None
    # The broken period does not hold back the checks that do not need it (the duplicate deviation).
    assert located(result.errors) == [
        ("Om rapporten", 6, "B", "Period", "2025-13"),
        ("Ekonomi", 2, "D", "Budget", "ca 25 000"),
        ("Ekonomi", 2, "F", "Helårsprognos", None),
        ("Projekt", 2, "I", "Tid", "Grönt"),
        ("Avvikelser", 3, "A", "Avvikelse-ID", "AV-1"),
    ]
    assert [e.message for e in result.errors] == [
        "Skriv perioden som månad (2025-03), tertial (2025-T1) eller år (2025).",
        "Skriv ett tal här, t.ex. 1\u00a0234,5 (decimalkomma, minus som -).",
        "Värde saknas. Fyll i Helårsprognos, t.ex. -415 000.",
        "Värdet finns inte i listan. Välj ett av: Grön, Gul, Röd.",
        "Samma Avvikelse-ID (AV-1) finns redan på rad 2. Varje rad ska vara unik: ta bort dubbletten eller rätta "
        "värdet.",
    ]
    assert result.errors[0].where() == "blad Om rapporten, rad 6, kolumn B (Period)"
    assert [(w.sheet, w.header, w.message) for w in result.warnings] == [
        ("Om rapporten", "Period", "Eftersom Period på bladet Om rapporten har fel har Styrkedjan inte kunnat "
         "kontrollera: att månaderna på bladet Ekonomi ligger inom rapportens period. Det görs när felet är "
         "rättat och filen lämnas in igen."),
    ]  # fmt: skip


def test_checks_across_rows_run_when_the_identity_is_valid(tmp_path):
    project = list(PROJECTS[1])
    project[15] = date(2024, 1, 1)  # Prognos slut before Start 2024-09-01
    closed_early = ["AV-9", date(2025, 3, 12), "Verksamhet", "Hög", "Vakanser", None, None, None, "Stängd",
                    date(2025, 3, 1)]  # fmt: skip
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Avvikelser": [DEVIATIONS[0], DEVIATIONS[1], DEVIATIONS[1], closed_early],
            "Projekt": [PROJECTS[0], project],
            "Ekonomi": [ECONOMY[0], ["2025-05", None, -1, -1, -1, -1], ["2025-02", None, -1, -1, -1, -1],
                        ["2025-02", "Grundskola", -1, -1, -1, -1]],
        },
    )  # fmt: skip
    errors = read_report(path).errors
    assert located(errors) == [
        ("Avvikelser", 3, "A", "Avvikelse-ID", "AV-1"),
        ("Avvikelser", 4, "J", "Stängd datum", "2025-03-01"),
        ("Projekt", 2, "P", "Prognos slut", "2024-01-01"),
        ("Ekonomi", 2, "A", "Månad", "2025-05"),
        ("Ekonomi", 3, "B", "Verksamhet", None),
    ]
    assert [e.message for e in errors] == [
        "Samma Avvikelse-ID (AV-1) finns redan på rad 2. Varje rad ska vara unik: ta bort dubbletten eller rätta "
        "värdet.",
        "Stängd datum ligger före rapportdatumet 2025-03-12. Rätta datumet.",
        "Prognos slut ligger före projektets start 2024-09-01. Rätta datumet.",
        "Månaden ligger utanför rapportens period 2025-T1 (2025-01–2025-04). Rätta månaden eller perioden på "
        "bladet Om rapporten.",
        "Månaden 2025-02 har både en rad utan verksamhet (hela nämnden) och rader per verksamhet. Fyll i "
        "verksamhet på raden, eller ta bort raderna per verksamhet.",
    ]


def test_missing_required_columns_are_named(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        title_rows=1,
        sheets={"Ekonomi": [["Månad", "Budget", "Utfall"], ["2025-03", -1, -1]]},
    )
    errors = read_report(path).errors
    assert located(errors) == [
        ("Ekonomi", 2, None, "Årsbudget", None),
        ("Ekonomi", 2, None, "Helårsprognos", None),
    ]
    assert errors[1].message == (
        "Kolumnen Helårsprognos saknas. Lägg till den med rubriken Helårsprognos på rubrikraden (rad 2)."
    )


def test_missing_about_sheet_and_missing_labels(tmp_path):
    no_period = write_report(tmp_path / "a.xlsx", about={"Period": None})
    errors = read_report(no_period).errors
    assert located(errors) == [("Om rapporten", None, None, "Period", None)]
    assert errors[0].message == (
        "Uppgiften Period saknas. Skriv Period i en cell och värdet i cellen till höger, t.ex. 2025-03."
    )
    book = openpyxl.Workbook()
    book.active.title = "Ekonomi"
    book.active.append(ECONOMY[0])
    book.save(tmp_path / "b.xlsx")
    errors = read_report(tmp_path / "b.xlsx").errors
    assert located(errors) == [(None, None, None, None, None)]
    assert errors[0].message.startswith("Bladet Om rapporten saknas. Det talar om vilken kommun, nämnd och period")


def test_duplicate_key_with_blank_activity_is_a_duplicate(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={"Ekonomi": [ECONOMY[0], ["2025-03", None, -1, -1, -1, -1], ["2025-03", " ", -2, -2, -2, -2]]},
    )
    errors = read_report(path).errors
    assert located(errors) == [("Ekonomi", 3, "A", "Månad", "2025-03 / (tomt)")]


def test_formula_with_an_error_value_is_rejected_at_its_cell(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={"Ekonomi": [ECONOMY[0], ["2025-03", "Grundskola", -300000, "=C2/0", -25500, -301000]]},
    )
    xml = sheet_xml(path, 2)
    assert b'<c r="D2"><f>C2/0</f><v></v></c>' in xml
    rewrite_zip(
        path,
        {"xl/worksheets/sheet2.xml": xml.replace(b'<c r="D2"><f>C2/0</f><v></v></c>',
                                                 b'<c r="D2" t="e"><f>C2/0</f><v>#DIV/0!</v></c>')},
    )  # fmt: skip
    errors = read_report(path).errors
    assert located(errors) == [("Ekonomi", 2, "D", "Budget", "#DIV/0!")]
    assert errors[0].message == (
        "Cellen innehåller ett formelfel (#DIV/0!). Rätta formeln eller skriv in värdet som ett vanligt tal eller "
        "en text."
    )


def _error_in_about_sheet(tmp_path, value: bytes):
    path = write_report(tmp_path / "r.xlsx", about={"Rapportdatum": "=A1+1"})
    xml = sheet_xml(path, 1)
    cell = b'<c r="B8" t="e"><f>A1+1</f><v>' + value + b"</v></c>"
    rewrite_zip(path, {"xl/worksheets/sheet1.xml": xml.replace(b'<c r="B8"><f>A1+1</f><v></v></c>', cell)})
    return read_report(path).errors


def test_error_value_in_about_sheet_is_rejected(tmp_path):
    errors = _error_in_about_sheet(tmp_path, b"#VALUE!")
    assert located(errors) == [("Om rapporten", 8, "B", "Rapportdatum", "#VALUE!")]


def test_localised_error_value_that_the_parser_refuses_is_still_located(tmp_path):
    errors = _error_in_about_sheet(tmp_path, "#VÄRDEFEL!".encode())
    assert located(errors) == [("Om rapporten", 8, "B", None, "#VÄRDEFEL!")]
    assert errors[0].message.startswith("Cellen innehåller ett formelfel (#VÄRDEFEL!).")


def test_duplicate_columns_and_unknown_header_row(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Medarbetare": [["Förvaltning", "Månad", "Antal medarbetare", "Månad"], ["BUF", "2025-01", 5, "2025-02"]],
            "Mål": [["Vad", "Hur"], ["x", "y"]],
        },
    )
    errors = read_report(path).errors
    assert located(errors) == [("Medarbetare", 1, "D", "Månad", None), ("Mål", None, None, None, None)]
    assert errors[0].message == "Kolumnen Månad finns två gånger (även kolumn B). Ta bort den ena."
    assert errors[1].message.startswith("Hittar ingen rubrikrad på bladet. Rubrikerna ska stå på en rad, t.ex. Mål-ID")
