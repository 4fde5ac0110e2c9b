"""The reporting template: Swedish headers, help, dropdowns, formats, frozen headers; filled in, it loads."""

from datetime import date

import duckdb
from openpyxl import load_workbook

from etl import spec
from etl.__main__ import main
from etl.load import load_paths
from tests.fixtures import REPORT_SHEETS


def validations(ws) -> dict[str, str]:
    """Cell range -> list formula (or validation type) of a sheet's data validations."""
    return {str(v.sqref): v.formula1 if v.type == "list" else v.type for v in ws.data_validations.dataValidation}


def test_template_command_writes_every_sheet(tmp_path, capsys):
    out = tmp_path / "mall.xlsx"
    assert main(["template", str(out)]) == 0
    assert capsys.readouterr().out == f"Rapportmallen är sparad i {out}.\n"
    book = load_workbook(out)
    assert book.sheetnames == ["Instruktioner", *REPORT_SHEETS, "Nätverksmål", "Sammanträden"]
    for sheet in spec.FACT_SHEETS:
        ws = book[sheet.name]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        assert ws.freeze_panes == "A2"
        assert all(c.comment is not None for c in ws[1])


def test_template_headers_lists_and_formats(tmp_path):
    out = tmp_path / "mall.xlsx"
    main(["template", str(out)])
    book = load_workbook(out)
    goals = book["Mål"]
    assert [c.value for c in goals[1]] == [
        "Mål-ID",
        "KF-mål-ID",
        "KF-mål",
        "Nämndmål",
        "Perspektiv",
        "Bedömning",
        "Kommentar",
    ]
    assert validations(goals) == {
        "E2:E501": '"Medborgare,Verksamhet,Medarbetare,Ekonomi"',
        "F2:F501": '"Uppfyllt,Delvis uppfyllt,Ej uppfyllt,Ej bedömt"',
    }
    assert goals["F1"].comment.text == (
        "Obligatorisk. Måluppfyllelse för rapportens period. Välj: Uppfyllt, Delvis uppfyllt, Ej uppfyllt, "
        "Ej bedömt. Exempel: Delvis uppfyllt"
    )
    assert goals.column_dimensions["C"].width == 40
    economy = book["Ekonomi"]
    assert [c.value for c in economy[1]] == ["Månad", "Verksamhet", "Årsbudget", "Budget", "Utfall", "Helårsprognos"]
    assert [economy.cell(2, i).number_format for i in range(1, 7)] == [
        "@",
        "General",
        "#,##0",
        "#,##0",
        "#,##0",
        "#,##0",
    ]
    assert validations(economy) == {}
    deviations = book["Avvikelser"]
    assert validations(deviations) == {
        "B2:B501": "date",
        "C2:C501": '"Ekonomi,Verksamhet,Kvalitet,Händelse"',
        "D2:D501": '"Låg,Medel,Hög"',
        "I2:I501": '"Öppen,Åtgärd pågår,Stängd"',
        "J2:J501": "date",
    }
    assert deviations["B2"].number_format == "yyyy-mm-dd"
    projects = book["Projekt"]
    assert validations(projects)["F2:F501"] == '"Förberedelse,Planering,Genomförande,Avslut"'
    assert validations(projects)["I2:I501"] == '"Grön,Gul,Röd"'
    assert projects["C1"].comment.text.startswith("Frivillig. Tomt betyder rapportens nämnd. Skriv nämndens namn")
    assert validations(book["Förbättringsförslag"]) == {"C2:C501": "whole", "D2:D501": "whole", "E2:E501": "whole"}
    about = book["Om rapporten"]
    assert [[c.value for c in row] for row in about.iter_rows()] == [
        ["Kommunkod", None],
        ["Kommun", None],
        ["Nämnd", None],
        ["Period", None],
        ["Kontaktroll", None],
        ["Rapportdatum", None],
    ]
    assert about["B1"].number_format == "@"
    assert about["B6"].number_format == "yyyy-mm-dd"
    instructions = book["Instruktioner"]
    assert instructions["A1"].value == "Rapportmall för Styrkedjan"
    texts = [row[1] for row in instructions.iter_rows(values_only=True) if row[1]]
    assert "Belopp anges i tkr. Nettokostnader skrivs som negativa tal, t.ex. -34 358." in texts


def test_template_needs_an_xlsx_name(tmp_path, capsys):
    assert main(["template", str(tmp_path / "mall.csv")]) == 2
    assert capsys.readouterr().out == "Mallen måste sparas som .xlsx, t.ex. rapportmall.xlsx.\n"
    assert list(tmp_path.iterdir()) == []


def test_filled_in_template_loads(tmp_path):
    template = tmp_path / "mall.xlsx"
    main(["template", str(template)])
    book = load_workbook(template)
    about = book["Om rapporten"]
    for row, value in enumerate(("0884", "Vimmerby", "Socialnämnd", "2025-03", "Controller", date(2025, 4, 9)), 1):
        about.cell(row, 2, value)
    book["Ekonomi"].append(["2025-03", "Hemtjänst", -120_400, -10_033, -10_512, -121_900])
    book["Mål"].append(
        ["SN-1", "KF-2", "Trygg välfärd", "Fler blir självförsörjande", "Medborgare", "Delvis uppfyllt", None]
    )
    filled = tmp_path / "0884_SN_2025-03.xlsx"
    book.save(filled)
    db = tmp_path / "lager.duckdb"
    report = load_paths([filled], db, archive_dir=tmp_path / "arkiv")
    assert [(f.status, f.errors) for f in report.files] == [("loaded", [])]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select municipality_code, committee_code, period, report_date from submission"
        ).fetchall() == [("0884", "SN", "2025-03", date(2025, 4, 9))]
        assert con.execute("select month, activity, budget, outcome, forecast from economy").fetchall() == [
            ("2025-03", "Hemtjänst", -10_033, -10_512, -121_900)
        ]
        assert con.execute("select goal_id, perspective, assessment, period from goal").fetchall() == [
            ("SN-1", "citizen", "partly_met", "2025-03")
        ]
