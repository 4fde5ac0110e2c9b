"""Workbooks as LibreOffice Calc saves them (converted headless by soffice): percent cells, totals rows,
ambiguous dotted numbers, every error in one round, and .ods/.csv files named as such."""

from datetime import date

import pytest

from etl.load import load_paths
from tests.report_files import (
    ASSIGNMENTS,
    DEVIATIONS,
    ECONOMY,
    EMPLOYEES,
    PROJECTS,
    calc_saved,
    located,
    read_report,
    write_report,
)

INDICATOR_HEADER = ["Indikator-ID", "Mål-ID", "Indikator", "Enhet", "Riktning", "Målvärde", "Utfall"]


def _indicator(indicator_id: str, unit: str, target, outcome) -> list:
    return [indicator_id, "BUN-1", "Nöjda vårdnadshavare", unit, "Högre är bättre", target, outcome]


def _nine_mistakes(path):
    closed_early = ["AV-9", date(2025, 3, 12), "Verksamhet", "Hög", "Vakanser", None, None, None, "Stängd",
                    date(2025, 3, 1)]  # fmt: skip
    project = list(PROJECTS[1])
    project[15] = date(2024, 1, 1)  # Prognos slut before Start
    assignment = list(ASSIGNMENTS[1])
    assignment[5] = "Skolnämnden"  # Mottagare: no such committee in Piteå
    return write_report(
        path,
        about={"Nämnd": "Barn- och utbildningsnämdnen"},
        sheets={
            "Ekonomi": [ECONOMY[0], ["2025-05", "Grundskola", -1, -1, -1, -1], ["2025-02", None, -1, -1, -1, -1],
                        ["2025-02", "Förskola", -1, -1, -1, -1], ["2025-03", "Förskola", -1, "ca 25 000", -1, -1]],
            "Avvikelser": [DEVIATIONS[0], DEVIATIONS[1], DEVIATIONS[1], closed_early],
            "Projekt": [PROJECTS[0], project],
            "Uppdrag": [ASSIGNMENTS[0], assignment],
            "Medarbetare": [EMPLOYEES[0], ["BUF", "2025-06", 1240, None]],
        },
    )  # fmt: skip


@pytest.fixture(scope="module")
def calc(tmp_path_factory):
    """The fixture workbooks written with openpyxl, then saved by LibreOffice Calc (one soffice run)."""
    source = tmp_path_factory.mktemp("openpyxl")
    percent = write_report(
        source / "procent.xlsx",
        sheets={
            "Indikatorer": [
                INDICATOR_HEADER,
                _indicator("I-1", "%", 0.9, 0.875),  # typed as 90 % and 87,5 %
                _indicator("I-2", "%", "90", "87,5"),
                _indicator("I-3", "procent", 90, 87.5),
                _indicator("I-4", "%", 90, "87,5 %"),
                _indicator("I-5", "%", 90, 875),
            ]
        },
        number_formats={("Indikatorer", "F2"): "0%", ("Indikatorer", "G2"): "0.0%"},
    )
    unclear = write_report(
        source / "procent-oklart.xlsx",
        sheets={
            "Indikatorer": [INDICATOR_HEADER, _indicator("I-1", "st", None, 0.5)],
            "Ekonomi": [ECONOMY[0], ["2025-03", "Grundskola", -300000, -0.25, -25500, -301000]],
        },
        number_formats={("Indikatorer", "G2"): "0%", ("Ekonomi", "D2"): "0%"},
    )
    totals = write_report(
        source / "summor.xlsx",
        sheets={
            "Ekonomi": [
                ECONOMY[0],
                ["2025-02", "Grundskola", -300000, -25000, -25500, -301000],
                ["2025-02", "Förskola", -100000, -8000, -8200, -100500],
                ["2025-02", "Fritids", -20000, -1500, -1400, -20000],
                ["2025-02", "Nämnden", -420000, -34500, -35100, -421500],
                ["2025-03", "Grundskola", -300000, -25000, -26100, -302000],
                ["2025-03", "Förskola", -100000, -8000, -7900, -100500],
                ["2025-03", "Fritids", -20000, -1500, -1600, -20000],
                ["2025-03", "Totalt", -420000, -34500, -35600, -422500],
            ]
        },
    )
    dotted = write_report(
        source / "punkt.xlsx",
        sheets={
            "Ekonomi": [
                ECONOMY[0],
                ["2025-02", "Grundskola", -300000, "-25000.5", -25500, -301000],
                ["2025-03", "Grundskola", -300000, "-34.358", -26100, -302000],
                ["2025-01", "Grundskola", -300000, "-25,000.5", -25000, -301000],
                ["2025-03", "Förskola", -300000, "-26.100,0", -26100, -302000],
            ]
        },
    )
    nine = _nine_mistakes(source / "nio-fel.xlsx")
    paths = [percent, unclear, totals, dotted, nine]
    saved = calc_saved(paths, tmp_path_factory.mktemp("calc"))
    return {p.name: s for p, s in zip(paths, saved, strict=True)}


def test_percent_typed_in_calc_is_stored_as_percent(calc):
    result = read_report(calc["procent.xlsx"])
    assert result.errors == []
    assert [(r["indicator_id"], r["unit"], r["target"], r["outcome"])
            for r in result.workbook.facts["indicators"]] == [
        ("I-1", "%", 90.0, 87.5),
        ("I-2", "%", 90.0, 87.5),
        ("I-3", "procent", 90.0, 87.5),
        ("I-4", "%", 90.0, 87.5),
        ("I-5", "%", 90.0, 875.0),
    ]  # fmt: skip


def test_percent_format_where_the_number_cannot_be_told_is_refused(calc):
    result = read_report(calc["procent-oklart.xlsx"])
    assert result.workbook is None
    assert located(result.errors) == [
        ("Indikatorer", 2, "G", "Utfall", "50\u00a0%"),
        ("Ekonomi", 2, "D", "Budget", "-25\u00a0%"),
    ]
    assert [e.message for e in result.errors] == [
        "Cellen är formaterad som procent och visar 50\u00a0%, men indikatorns enhet är st. Skriv enheten % om "
        "värdet är ett procenttal; annars ta bort procentformatet och skriv talet som det ska läsas.",
        "Cellen är formaterad som procent och visar -25\u00a0%, men Budget är inget procenttal. Ta bort "
        "procentformatet och skriv talet som det ska läsas.",
    ]


def test_percent_indicator_outside_0_to_100_is_warned_at_its_cell(calc):
    warnings = read_report(calc["procent.xlsx"]).workbook.warnings
    assert [(w.sheet, w.row, w.column, w.header, w.value, w.message) for w in warnings] == [
        ("Indikatorer", 6, "G", "Utfall", "875",
         "875 ligger utanför 0–100 fast indikatorns enhet är %. Kontrollera värdet (87,5 % skrivs 87,5)."),
    ]  # fmt: skip


def test_totals_rows_labelled_in_the_activity_or_equal_to_the_sum_are_skipped(calc):
    result = read_report(calc["summor.xlsx"])
    assert result.errors == []
    rows = result.workbook.facts["economy"]
    assert [(r["month"], r["activity"], r["budget"]) for r in rows] == [
        ("2025-02", "Grundskola", -25000.0),
        ("2025-02", "Förskola", -8000.0),
        ("2025-02", "Fritids", -1500.0),
        ("2025-03", "Grundskola", -25000.0),
        ("2025-03", "Förskola", -8000.0),
        ("2025-03", "Fritids", -1500.0),
    ]
    assert sum(r["budget"] for r in rows if r["month"] == "2025-03") == -34500.0
    assert [(w.sheet, w.row, w.message) for w in result.workbook.warnings] == [
        ("Ekonomi", 9, "Summeringsraden (Totalt) hoppades över; Styrkedjan räknar själv fram summor."),
        ("Ekonomi", 5, "Raden (Nämnden) är summan av månadens övriga 3 rader för 2025-02 och hoppades över; "
         "Styrkedjan räknar själv fram summor. Ta bort summeringsraden."),
    ]  # fmt: skip


def test_dotted_numbers_are_refused_when_ambiguous_and_warned_otherwise(calc):
    result = read_report(calc["punkt.xlsx"])
    assert located(result.errors) == [
        ("Ekonomi", 3, "D", "Budget", "-34.358"),
        ("Ekonomi", 4, "D", "Budget", "-25,000.5"),
    ]
    assert [e.message for e in result.errors] == [
        "Talet kan läsas på två sätt: som \u221234\u00a0358 (punkten som tusentalsavgränsare) eller som "
        "\u221234,358 (punkten som decimaltecken). Skriv talet utan punkt: \u221234\u00a0358 eller \u221234,358.",
        "Talet är skrivet med komma som tusentalsavgränsare och punkt som decimaltecken (engelskt skrivsätt) och "
        "betyder då \u221225\u00a0000,5. Skriv det med decimalkomma: \u221225\u00a0000,5.",
    ]  # '-26.100,0' on row 5 is Swedish with points for thousands: read as -26 100 without a word
    assert [(w.sheet, w.row, w.column, w.value, w.message) for w in result.warnings] == [
        ("Ekonomi", 2, "D", "-25000.5", "Punkten lästes som decimaltecken: -25000.5 lagras som -25000,5. Skriv "
         "decimalkomma (-25000,5) så att talet inte kan läsas på två sätt."),
    ]  # fmt: skip


def test_nine_mistakes_are_all_reported_in_one_round(calc):
    result = read_report(calc["nio-fel.xlsx"])
    assert located(result.errors) == [
        ("Om rapporten", 5, "B", "Nämnd", "Barn- och utbildningsnämdnen"),
        ("Ekonomi", 5, "D", "Budget", "ca 25 000"),
        ("Uppdrag", 2, "F", "Mottagare", "Skolnämnden"),
        ("Ekonomi", 2, "A", "Månad", "2025-05"),
        ("Ekonomi", 3, "B", "Verksamhet", None),
        ("Avvikelser", 3, "A", "Avvikelse-ID", "AV-1"),
        ("Avvikelser", 4, "J", "Stängd datum", "2025-03-01"),
        ("Projekt", 2, "P", "Prognos slut", "2024-01-01"),
        ("Medarbetare", 2, "B", "Månad", "2025-06"),
    ]
    assert result.errors[0].message == (
        "Nämnden finns inte i nämndlistan för Piteå; menade du Barn- och utbildningsnämnden (BUN)? Skriv nämndens "
        "namn eller förkortning som i listan."
    )
    assert [(w.sheet, w.header, w.message) for w in result.warnings] == [
        ("Om rapporten", "Nämnd", "Eftersom Nämnd på bladet Om rapporten har fel har Styrkedjan inte kunnat "
         "kontrollera: årsbudgeten på bladet Ekonomi mot förra månadens rapport. Det görs när felet är rättat och "
         "filen lämnas in igen."),
    ]  # fmt: skip


def test_ods_and_csv_files_are_named_and_told_to_be_saved_as_xlsx(calc, tmp_path):
    folder = tmp_path / "inlamnat"
    ods, csv = calc_saved([calc["summor.xlsx"]], folder, "ods") + calc_saved([calc["summor.xlsx"]], folder, "csv")
    report = load_paths([ods, csv, folder], tmp_path / "lager.duckdb", tmp_path / "arkiv")
    assert [(f.path.name, f.status, [e.message for e in f.errors]) for f in report.files] == [
        ("summor.ods", "rejected", [
            "Filen är ett OpenDocument-kalkylark (.ods), som Styrkedjan inte läser. Öppna den i ditt kalkylprogram "
            "(till exempel LibreOffice Calc eller Excel) och välj Spara som Excel-arbetsbok (.xlsx); i "
            "LibreOffice heter formatet Excel 2007–365 (.xlsx).",
        ]),
        ("summor.csv", "rejected", [
            "Filen är en CSV-fil (text med avgränsade värden), som Styrkedjan inte läser. Öppna den i ditt "
            "kalkylprogram (till exempel LibreOffice Calc eller Excel) och välj Spara som Excel-arbetsbok (.xlsx); "
            "i LibreOffice heter formatet Excel 2007–365 (.xlsx).",
        ]),
        ("summor.csv", "rejected", [
            "Filen är en CSV-fil (text med avgränsade värden), som Styrkedjan inte läser. Öppna den i ditt "
            "kalkylprogram (till exempel LibreOffice Calc eller Excel) och välj Spara som Excel-arbetsbok (.xlsx); "
            "i LibreOffice heter formatet Excel 2007–365 (.xlsx).",
        ]),
        ("summor.ods", "rejected", [
            "Filen är ett OpenDocument-kalkylark (.ods), som Styrkedjan inte läser. Öppna den i ditt kalkylprogram "
            "(till exempel LibreOffice Calc eller Excel) och välj Spara som Excel-arbetsbok (.xlsx); i "
            "LibreOffice heter formatet Excel 2007–365 (.xlsx).",
        ]),
    ]  # fmt: skip
    assert not (tmp_path / "lager.duckdb").exists()
