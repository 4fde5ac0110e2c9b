"""The empty reporting template: `python -m etl template OUT.xlsx`, generated from etl/spec.py.

Sheets: 'Instruktioner' (how to fill in and hand in), 'Om rapporten' (the identity of the report) and one sheet
per fact sheet with Swedish headers, a comment on each header explaining the column, dropdown lists for the
closed lists, number formats, frozen header rows and column widths.
"""

import argparse
from pathlib import Path

from openpyxl import Workbook as XlsxWorkbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl import spec
from etl.xlsx_writer import ABOUT_WIDTHS, HEADER_FILL, HEADER_FONT, NUMBER_FORMATS

TEMPLATE_ROWS = 500  # rows prepared with validations below each header
TEXT_FORMAT = "@"  # codes, months and periods stay text so leading zeros and '2025-03' survive Excel
TEXT_KINDS = ("code", "month", "period", "municipality")
COMMENT_AUTHOR = "Styrkedjan"

INSTRUCTIONS = (
    ("Rapportmall för Styrkedjan", None),
    ("Så fyller du i rapporten", None),
    ("1.", "Fyll i bladet Om rapporten: kommunkod, kommun, nämnd, period, kontaktroll och rapportdatum."),
    ("2.", "Fyll i de faktablad som din rapport omfattar. Blad som inte används kan lämnas tomma."),
    ("3.", "En rad per sak: rubrikerna står på rad 1. Håll muspekaren över en rubrik för att läsa vad som ska stå."),
    ("4.", "Kolumner med en lista (Bedömning, Status, Fas med flera): välj ett värde ur listan."),
    ("5.", "Belopp anges i tkr. Nettokostnader skrivs som negativa tal, t.ex. -34 358."),
    ("6.", "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2025-03-31. Månader skrivs ÅÅÅÅ-MM, t.ex. 2025-03."),
    ("7.", "Skriv roller, aldrig namn på personer. Namn på förslagsställare lagras aldrig."),
    ("8.", "En rättelse lämnas som en ny fil för samma kommun, nämnd och period. Den ersätter den tidigare."),
    ("9.", "Om filen inte kan läsas in får du en lista med varje fel: blad, rad, kolumn och hur du rättar det."),
    ("Bladen", None),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl template`."""
    parser.add_argument("out", type=Path, metavar="FIL.xlsx", help="Var mallen ska sparas.")


def run(args: argparse.Namespace) -> int:
    """Write the template; exit 2 when the file name does not end in .xlsx."""
    if args.out.suffix.casefold() != ".xlsx":
        print("Mallen måste sparas som .xlsx, t.ex. rapportmall.xlsx.")
        return 2
    write_template(args.out)
    print(f"Rapportmallen är sparad i {args.out}.")
    return 0


def write_template(path: Path, about: dict[str, str] | None = None) -> Path:
    """Write the reporting template to path; about pre-fills 'Om rapporten' by field key (e.g. municipality_code)."""
    book = XlsxWorkbook()
    _instructions(book.active)
    _about(book.create_sheet(spec.ABOUT_SHEET), about or {})
    for sheet in spec.FACT_SHEETS:
        _fact_sheet(book.create_sheet(sheet.name), sheet)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return Path(path)


def write_calendar_template(path: Path) -> Path:
    """Write the empty reporting calendar (one sheet, Rapportkalender) to path, for `python -m etl calendar`."""
    book = XlsxWorkbook()
    book.active.title = spec.CALENDAR.name
    _fact_sheet(book.active, spec.CALENDAR)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return Path(path)


def _instructions(ws: Worksheet) -> None:
    ws.title = "Instruktioner"
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    for first, second in INSTRUCTIONS:
        ws.append([first, second])
        if second is None:
            ws.cell(ws.max_row, 1).font = Font(bold=True, size=14 if ws.max_row == 1 else 12)
    ws.append([spec.ABOUT_SHEET, "Vilken kommun, nämnd och period rapporten gäller. Krävs i varje rapport."])
    for sheet in spec.FACT_SHEETS:
        ws.append([sheet.name, sheet.help])
    ws.append([])
    ws.append(["Alternativ", f"{spec.SUGGESTION_ITEMS.name}: {spec.SUGGESTION_ITEMS.help}"])
    ws.append(["Användarhandledning", "docs/rapportformat.md beskriver varje blad och kolumn med exempel."])
    for row in ws.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _about(ws: Worksheet, values: dict[str, str]) -> None:
    for index, width in enumerate(ABOUT_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row, field in enumerate(spec.ABOUT_FIELDS, start=1):
        label = ws.cell(row, 1, field.header)
        label.font, label.fill = HEADER_FONT, HEADER_FILL
        label.comment = _comment(field)
        value = ws.cell(row, 2, values.get(field.key))
        value.number_format = NUMBER_FORMATS.get(field.kind, TEXT_FORMAT)
        prompt = DataValidation(allow_blank=True, showInputMessage=True)
        prompt.promptTitle, prompt.prompt = field.header[:32], _help_text(field)[:255]
        prompt.add(value.coordinate)
        ws.add_data_validation(prompt)


def _fact_sheet(ws: Worksheet, sheet: spec.Sheet) -> None:
    ws.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        cell = ws.cell(1, index, column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.comment = _comment(column)
        number_format = NUMBER_FORMATS.get(column.kind) or (TEXT_FORMAT if column.kind in TEXT_KINDS else None)
        if number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row, index).number_format = number_format
        validation = _validation(column)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(validation)


def _validation(column: spec.Column) -> DataValidation | None:
    """A dropdown for closed lists, whole numbers >= 0 for counts, real dates for dates."""
    if column.vocabulary is not None:
        validation = DataValidation(type="list", formula1='"' + ",".join(column.vocabulary.labels) + '"')
        validation.error = f"Välj ett av värdena i listan: {', '.join(column.vocabulary.labels)}."
    elif column.kind == "int":
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        validation.error = "Skriv ett heltal, 0 eller större."
    elif column.kind == "date":
        validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        validation.error = "Skriv ett datum, t.ex. 2025-03-31."
    else:
        return None
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = column.header[:32]
    return validation


def _help_text(column: spec.Column) -> str:
    parts = ["Obligatorisk." if column.required else "Frivillig."]
    if column.help:
        parts.append(column.help)
    if column.kind == "committee":
        parts.append("Skriv nämndens namn eller förkortning som i kommunens nämndlista, t.ex. Socialnämnden eller SN.")
    if column.vocabulary is not None:
        parts.append("Välj: " + ", ".join(column.vocabulary.labels) + ".")
    if column.example:
        parts.append(f"Exempel: {column.example}")
    return " ".join(parts)


def _comment(column: spec.Column) -> Comment:
    comment = Comment(_help_text(column), COMMENT_AUTHOR)
    comment.width, comment.height = 300, 120
    return comment
