"""Excel exports: one formula-safe xlsx writer for every page.

Report text comes from municipalities' own files, so a cell such as '=HYPERLINK(...)' or '+cmd' must never become
a formula in the exported workbook. Text is always written as a string cell; text that a spreadsheet would treat
as a formula when edited also gets Excel's quote prefix (the invisible leading apostrophe). Numbers stay numbers.
"""

import io
import math
from collections.abc import Sequence
from datetime import date, datetime

from dash import dcc, html

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet could run as a formula (starts with = + - @ tab CR or NUL)."""
    return text.startswith(FORMULA_PREFIXES)


def _write_cell(ws, row: int, column: int, value) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, bool):
        ws.cell(row, column, "Ja" if value else "Nej")
        return
    if isinstance(value, int | float | date | datetime):
        cell = ws.cell(row, column, value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        return
    # NUL and other control characters are illegal in XML: drop them rather than fail the whole export. Drop them
    # first, then test: '\x01=HYPERLINK(…)' is a formula once the \x01 is gone.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    quote = is_formula_like(text)
    cell = ws.cell(row, column)
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise turn a leading '=' into a formula
    if quote:
        cell.quotePrefix = True


def xlsx_bytes(sheets: dict[str, tuple[Sequence[str], Sequence[Sequence]]]) -> bytes:
    """An xlsx file with one sheet per entry: sheet name -> (Swedish headers, rows of plain values)."""
    # openpyxl (and numpy, which it loads) cost a web worker ~33 MB: imported when the first export is asked for.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(name[:31])
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(1, col, header)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                _write_cell(ws, r, c, value)
        for col, header in enumerate(headers, start=1):
            longest = max([len(str(header))] + [len(str(v[col - 1])) for v in rows[:200] if v[col - 1] is not None])
            ws.column_dimensions[get_column_letter(col)].width = min(60, max(10, longest + 2))
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def frame_sheet(df, columns: dict[str, str]) -> tuple[list[str], list[list]]:
    """(headers, rows) from a DataFrame: columns maps column name -> Swedish header, in export order."""
    part = df[list(columns)]
    rows = [[None if _missing(v) else _plain(v) for v in record] for record in part.itertuples(index=False)]
    return list(columns.values()), rows


def _missing(value) -> bool:
    try:
        return bool(value != value) or value is None  # NaN and pandas NA/NaT are not equal to themselves
    except (TypeError, ValueError):
        return value is None


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalar -> Python scalar
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value


def export_button(prefix: str, label: str = "Exportera till Excel") -> html.Div:
    """A button `<prefix>-export` and its download `<prefix>-export-download`; the page writes the callback."""
    return html.Div(
        [
            html.Button(label, id=f"{prefix}-export", className="btn btn-outline-primary btn-sm", n_clicks=0),
            dcc.Download(id=f"{prefix}-export-download"),
        ],
        className="my-2",
    )
