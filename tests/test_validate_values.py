"""The loader accepts what real exports look like: Swedish numbers as text, dates in three forms, NFD text,
title rows above the header, columns in any order, extra and personal columns, total rows and empty rows."""

import unicodedata
from datetime import date

from tests.fixtures import money
from tests.report_files import ECONOMY, GOALS, located, read_report, write_report


def _economy(tmp_path, rows):
    path = write_report(tmp_path / "r.xlsx", sheets={"Ekonomi": [ECONOMY[0], *rows]})
    result = read_report(path)
    assert result.errors == []
    return result.workbook.facts["economy"]


def test_numbers_typed_as_swedish_text(tmp_path):
    rows = _economy(
        tmp_path,
        [
            ["2025-01", "Grundskola", "\u2212300\u00a0000", "-25\u202f000,5", " -26 100 ", "−302 000 tkr"],
            ["2025-02", "Förskola", "-1.234,5", "-1234.5", -99.5, "0"],
        ],
    )
    assert rows == [
        money("2025-01", -300000.0, -25000.5, -26100.0, -302000.0, "Grundskola"),
        money("2025-02", -1234.5, -1234.5, -99.5, 0.0, "Förskola"),
    ]


def test_percent_text_and_integers_with_spaces(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Indikatorer": [
                ["Indikator-ID", "Mål-ID", "Indikator", "Enhet", "Riktning", "Målvärde", "Utfall"],
                ["I-1", "BUN-1", "Nöjda vårdnadshavare", "%", "Högre är bättre", "85 %", "78,5\u00a0%"],
            ],
            "Medarbetare": [["Förvaltning", "Månad", "Antal medarbetare"], ["BUF", "2025-02", "1\u00a0240"]],
        },
    )
    facts = read_report(path).workbook.facts
    assert (facts["indicators"][0]["target"], facts["indicators"][0]["outcome"]) == (85.0, 78.5)
    assert facts["employees"] == [{"department": "BUF", "month": "2025-02", "employees": 1240, "definition": None}]


def test_dates_as_date_cells_serial_numbers_and_text(tmp_path):
    header = ["Avvikelse-ID", "Datum", "Typ", "Allvarlighet", "Beskrivning", "Status", "Stängd datum"]
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Avvikelser": [
                header,
                ["AV-1", date(2025, 3, 12), "Verksamhet", "Hög", "Vakanser", "Stängd", 45747],
                ["AV-2", " 2025-02-03 ", "ekonomi", "låg", "Kostnader", "Öppen", None],
                ["AV-3", "2025-1-7", "KVALITET", "Medel", "Klagomål", "Åtgärd pågår", None],
            ]
        },
    )
    rows = read_report(path).workbook.facts["deviations"]
    assert [(r["deviation_id"], r["reported_date"], r["type"], r["severity"], r["status"], r["closed_date"])
            for r in rows] == [
        ("AV-1", date(2025, 3, 12), "operations", "high", "closed", date(2025, 3, 31)),
        ("AV-2", date(2025, 2, 3), "economy", "low", "open", None),
        ("AV-3", date(2025, 1, 7), "quality", "medium", "in_progress", None),
    ]  # fmt: skip


def test_nfd_text_is_stored_as_nfc_and_spaces_are_trimmed(tmp_path):
    nfd = unicodedata.normalize("NFD", "Piteå")
    assert nfd != "Piteå"
    path = write_report(
        tmp_path / "r.xlsx",
        about={"Kommun": nfd, "Nämnd": unicodedata.normalize("NFD", " Barn- och  utbildningsnämnden ")},
        sheets={
            "Medarbetare": [
                ["Förvaltning", "Månad", "Antal medarbetare"],
                [unicodedata.normalize("NFD", "  Förskoleförvaltningen  Öjebyn "), "2025-01", 30],
            ]
        },
    )
    result = read_report(path)
    assert result.errors == []
    assert result.workbook.about.committee_code == "BUN"
    assert result.workbook.facts["employees"][0]["department"] == "Förskoleförvaltningen Öjebyn"


def test_header_below_title_rows_in_any_order_with_extra_and_personal_columns(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        title_rows=3,
        sheets={
            "Förbättringsförslag": [
                ["Inlämnade", "Anteckning", "Månad", "Förslagsställare", "Genomförda", "FÖRVALTNING"],
                [3, "bra månad", "2025-02", "Anna Andersson", 1, "Socialförvaltningen"],
            ]
        },
    )
    result = read_report(path)
    assert result.errors == []
    assert result.workbook.facts["suggestions"] == [
        {"department": "Socialförvaltningen", "month": "2025-02", "submitted": 3, "implemented": 1, "rejected": None}
    ]
    assert located(result.workbook.warnings) == [
        ("Förbättringsförslag", 4, "B", "Anteckning", None),
        ("Förbättringsförslag", 4, "D", "Förslagsställare", None),
    ]
    assert result.workbook.warnings[0].message.startswith("Okänd kolumn; den läses inte.")
    assert "lagrar aldrig vem som lämnat ett förslag" in result.workbook.warnings[1].message
    assert "Anna" not in repr(result.workbook.facts)


def test_headers_with_units_and_aliases_match(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Ekonomi": [
                ["månad", "Budget helår (tkr)", "Budget tkr", "Utfall (tkr)", " Prognos  helår "],
                ["2025-03", -1200, -100, -110, -1250],
            ]
        },
    )
    assert read_report(path).workbook.facts["economy"] == [money("2025-03", -1200.0, -100.0, -110.0, -1250.0)]


def test_empty_rows_are_skipped_and_total_rows_skipped_with_a_warning(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Ekonomi": [
                ECONOMY[0],
                ["2025-01", "Grundskola", -300000, -25000, -25500, -301000],
                [None, None, None, None, None, None],
                ["2025-01", "Förskola", -100000, -8000, -8100, -100500],
                ["Summa", None, -400000, -33000, -33600, -401500],
                ["Totalt:", "", None, None, None, None],
            ]
        },
    )
    result = read_report(path)
    assert [(r["month"], r["activity"]) for r in result.workbook.facts["economy"]] == [
        ("2025-01", "Grundskola"),
        ("2025-01", "Förskola"),
    ]
    assert located(result.workbook.warnings) == [("Ekonomi", 5, None, None, None), ("Ekonomi", 6, None, None, None)]
    assert result.workbook.warnings[0].message == (
        "Summeringsraden (Summa) hoppades över; Styrkedjan räknar själv fram summor."
    )


def test_indicator_without_period_gets_the_report_period(tmp_path):
    path = write_report(tmp_path / "r.xlsx")
    rows = read_report(path).workbook.facts["indicators"]
    assert [(r["indicator_id"], r["period"], r["period_end"], r["target"]) for r in rows] == [
        ("BUN-1.1", "2024", date(2024, 12, 31), 80.0),
        ("BUN-1.2", "2025-T1", date(2025, 4, 30), None),
    ]


def test_suggestion_items_are_counted_per_department_and_month(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={
            "Förbättringsförslag": [
                ["Förslags-ID", "Förvaltning", "Inlämnat datum", "Status", "Statusdatum", "Namn"],
                ["F-1", "Socialförvaltningen", date(2025, 1, 10), "Genomfört", date(2025, 3, 2), "Eva"],
                ["F-2", "Socialförvaltningen", date(2025, 1, 20), "Bedöms", None, "Per"],
                ["F-3", "Socialförvaltningen", date(2025, 3, 5), "Avslaget", date(2025, 3, 20), "Ola"],
                ["F-4", "Kulturförvaltningen", "2025-02-14", "Inlämnat", None, "Li"],
                ["F-5", "Kulturförvaltningen", date(2024, 12, 1), "Genomfört", date(2025, 2, 1), "Bo"],
            ]
        },
    )
    result = read_report(path)
    assert result.workbook.facts["suggestions"] == [
        {"department": "Kulturförvaltningen", "month": "2025-02", "submitted": 1, "implemented": 1, "rejected": 0},
        {"department": "Socialförvaltningen", "month": "2025-01", "submitted": 2, "implemented": 0, "rejected": 0},
        {"department": "Socialförvaltningen", "month": "2025-03", "submitted": 1, "implemented": 1, "rejected": 1},
    ]
    assert [w.message[:60] for w in result.workbook.warnings] == [
        "Kolumnen innehåller namn på personer och läses inte: Styrked",
        "1 inlämnings- eller statusdatum ligger utanför rapportens pe",
    ]


def test_months_and_periods_that_excel_turned_into_dates(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx",
        about={"Period": date(2025, 3, 1)},
        sheets={"Ekonomi": [ECONOMY[0], [date(2025, 3, 1), None, "-1", "-2", "-3", "-4"]]},
    )
    workbook = read_report(path).workbook
    assert (workbook.about.period, workbook.about.period_end) == ("2025-03", date(2025, 3, 31))
    assert [r["month"] for r in workbook.facts["economy"]] == ["2025-03"]


def test_multi_line_comments_keep_their_line_breaks(tmp_path):
    goal = [*GOALS[1][:6], "  Bättre resultat \r\n\r\nMen  fler\u00a0behöver stöd "]
    path = write_report(tmp_path / "r.xlsx", sheets={"Mål": [GOALS[0], goal]})
    assert read_report(path).workbook.facts["goals"][0]["comment"] == "Bättre resultat\n\nMen fler behöver stöd"


def test_a_bad_month_cell_gets_month_advice_not_period_advice(tmp_path):
    path = write_report(
        tmp_path / "r.xlsx", sheets={"Ekonomi": [ECONOMY[0], ["2025-13", None, -1200, -100, -110, -1210]]}
    )
    result = read_report(path)
    assert located(result.errors) == [("Ekonomi", 2, "A", "Månad", "2025-13")]
    assert [e.message for e in result.errors] == ["Skriv månaden som ÅÅÅÅ-MM, t.ex. 2025-03."]
