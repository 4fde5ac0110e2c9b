"""Checks on the .xlsx container before any spreadsheet parser sees it.

No reader protects itself against zip bombs, duplicate zip entries, XML entity declarations or a single stray
cell at XFD1048576 (python-calamine then tries to allocate ~512 GiB and aborts the process). These checks look at
the zip directory and the raw XML only, with fixed limits, and say in Swedish what is wrong with the file.
"""

import csv
import html
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from data.formatting import number
from etl.model import Problem

MAX_ENTRIES = 1000  # as Apache POI
MAX_RATIO = 100  # uncompressed / compressed, as Apache POI (0.01)
RATIO_GRACE_BYTES = 100 * 1024  # small parts compress well and are harmless
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # rows x columns of the area a reader allocates for one sheet
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
XML_SUFFIXES = (".xml", ".rels", ".vml")
WORKBOOK_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
RESAVE = "Öppna filen i ditt kalkylprogram, spara den som Excel-arbetsbok (.xlsx) och lämna in den igen."

CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
# Rows that hold cells (a cell may omit its own r= and take the row's). An empty <row r="200000" ht="30"/> from a
# row height set far below the table holds nothing a reader allocates for, so it must not reject the file.
ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"[^>]*?(?<!/)>\s*<(?:\w+:)?c\b")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?\st=\"e\"[^>]*)>(.*?)</(?:\w+:)?c>", re.DOTALL)
REF_ATTRIBUTE = re.compile(rb"\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
STYLED_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?\ss=\"([0-9]+)\"[^>]*)>")
TYPE_ATTRIBUTE = re.compile(rb"\st=\"(\w+)\"")
PERCENT_FORMAT_IDS = {9, 10}  # Excel's built-in 0% and 0.00%
NUMBER_FORMAT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)>")
CELL_FORMATS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
CELL_FORMAT = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
FORMAT_ID = re.compile(rb"\snumFmtId=\"([0-9]{1,9})\"")
FORMAT_CODE = re.compile(rb"\sformatCode=\"([^\"]*)\"")
# Parts of a format code that print literally: quoted text, escaped characters, [colour] and [locale] codes.
LITERAL_FORMAT_PART = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
ODF_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Formats a controller may hand in instead of .xlsx, by file name ending; named in the message.
OTHER_FORMATS = {
    ".ods": "ett OpenDocument-kalkylark (.ods)",
    ".fods": "ett OpenDocument-kalkylark i XML-form (.fods)",
    ".csv": "en CSV-fil (text med avgränsade värden)",
    ".xls": "i det gamla Excel-formatet (.xls)",
    ".numbers": "ett Numbers-dokument (.numbers)",
}
SAVE_AS_XLSX = (
    "Öppna den i ditt kalkylprogram (till exempel LibreOffice Calc eller Excel) och välj Spara som "
    "Excel-arbetsbok (.xlsx); i LibreOffice heter formatet Excel 2007–365 (.xlsx)."
)


class Rejected(Exception):
    """The file cannot be read safely; carries the problems to report."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


@dataclass
class Container:
    """What the checks learned: the sheets in workbook order, their cells holding Excel errors, and their number
    cells whose number format shows a percentage (python-calamine returns 0.875 for a cell showing 87,5 %)."""

    sheets: list[str] = field(default_factory=list)
    error_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # (row, column), 1-based
    percent_cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # (row, column), 1-based


def column_index(letters: str | bytes) -> int:
    """1-based column number of an Excel column name ('A' -> 1, 'XFD' -> 16384)."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letter(index: int) -> str:
    """Excel column name of a 1-based column number (1 -> 'A')."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def megabytes(size: int) -> str:
    """'25,0 MB' for a byte count."""
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + "\u00a0MB"


def check_size(path: Path, file_name: str, limit: int | None = None) -> None:
    """Reject an empty file or one over the size limit without reading it."""
    size = path.stat().st_size
    if size == 0:
        raise Rejected([Problem(file_name, "Filen är tom (0 byte). Spara rapporten på nytt och lämna in den igen.")])
    if limit is not None and size > limit:
        raise Rejected([too_large(file_name, size, limit)])


def too_large(file_name: str, size: int, limit: int) -> Problem:
    """The message for a file over the size limit (the loader's and the upload page's)."""
    return Problem(
        file_name,
        f"Filen är {megabytes(size)}, större än gränsen {megabytes(limit)}. Ta bort bilder och blad som "
        "inte hör till rapporten, eller dela upp den.",
    )


def decode_text(raw: bytes) -> str:
    """The text of a plain-text file: UTF-8 (with or without a byte order mark), else Windows-1252 as old Excel
    saves it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV file: semicolon separated (Swedish Excel) when the first line has more ';' than ',',
    else comma separated."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def other_format(file_name: str, format_name: str) -> Problem:
    """The message for a spreadsheet in a format other than .xlsx, naming the format."""
    return Problem(file_name, f"Filen är {format_name}, som Styrkedjan inte läser. {SAVE_AS_XLSX}")


def _not_a_zip(path: Path, file_name: str) -> Problem:
    with path.open("rb") as f:
        body = f.read(2 * 1024 * 1024)
    head = body[:4096]
    if head.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in body:
            return Problem(
                file_name,
                "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel "
                "(Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord) och spara igen.",
            )
        return Problem(
            file_name,
            f"Filen är i det gamla Excel-formatet (.xls). {SAVE_AS_XLSX}",
        )
    try:
        head.decode("utf-8")
        is_text = b"\x00" not in head
    except UnicodeDecodeError:
        is_text = False
    suffix = Path(file_name).suffix.casefold()
    if is_text and b"<office:document" in head:
        return other_format(file_name, OTHER_FORMATS[".fods"])
    if suffix in OTHER_FORMATS:  # a CSV file in any encoding, or another format that is no zip
        return other_format(file_name, OTHER_FORMATS[suffix])
    if is_text:
        return Problem(
            file_name,
            "Filen är ingen Excel-arbetsbok utan text (till exempel en CSV-fil som fått ändelsen .xlsx). " + RESAVE,
        )
    return Problem(file_name, "Filen är ingen Excel-arbetsbok (.xlsx). " + RESAVE)


def _damaged(file_name: str) -> Problem:
    return Problem(
        file_name,
        "Filen är skadad eller ofullständig (zip-arkivet går inte att läsa), kanske avbruten vid kopiering. "
        "Spara om den och lämna in den igen.",
    )


def _check_directory(zf: zipfile.ZipFile, file_name: str) -> None:
    entries = zf.infolist()
    names = zf.namelist()
    if "xl/workbook.xml" not in names and "mimetype" in names and zf.read("mimetype").startswith(ODF_MIMETYPE):
        raise Rejected([other_format(file_name, OTHER_FORMATS[".ods"])])
    problems = []
    if len(entries) > MAX_ENTRIES:
        problems.append(
            Problem(
                file_name,
                f"Filen består av {number(len(entries))} delar; högst {number(MAX_ENTRIES)} tillåts för en rapport. "
                + RESAVE,
            )
        )
    seen = set()
    for entry in entries:
        if entry.filename in seen:
            problems.append(
                Problem(
                    file_name,
                    f"Filen innehåller delen {entry.filename} två gånger, vilket Excel aldrig skriver "
                    "(filen kan vara manipulerad). " + RESAVE,
                )
            )
        seen.add(entry.filename)
        if entry.flag_bits & 0x1:
            problems.append(Problem(file_name, "Filen är lösenordsskyddad och kan inte läsas. " + RESAVE))
            break
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        problems.append(
            Problem(
                file_name,
                f"Filen packas upp till {megabytes(total)}, över gränsen {megabytes(MAX_UNCOMPRESSED_BYTES)} "
                "(misstänkt zip-bomb). Ta bort innehåll som inte hör till rapporten och spara igen.",
            )
        )
    for entry in entries:
        if entry.file_size > RATIO_GRACE_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            ratio = entry.file_size // max(entry.compress_size, 1)
            problems.append(
                Problem(
                    file_name,
                    f"Delen {entry.filename} packas upp {ratio} gånger sin storlek (högst {MAX_RATIO} tillåts; "
                    "misstänkt zip-bomb). " + RESAVE,
                )
            )
            break
    if "xl/workbook.xml" not in seen:
        problems.append(
            Problem(
                file_name,
                "Filen saknar delen xl/workbook.xml och är därför ingen Excel-arbetsbok. " + RESAVE,
            )
        )
    if problems:
        raise Rejected(problems)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(parts: dict[str, bytes]) -> list[tuple[str, str]]:
    """(sheet name, zip entry) in workbook order, via xl/workbook.xml and its relationships (parts: their XML).

    Parsed with the standard library's expat parser: every XML part has passed the DOCTYPE/ENTITY check, so
    there is nothing to expand, and defusedxml's per-call parser set-up cost more than the parse."""
    workbook = ElementTree.fromstring(parts["xl/workbook.xml"])
    targets = {}
    if "xl/_rels/workbook.xml.rels" in parts:
        for rel in ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"]):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
    sheets = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        sheets.append((element.get("name", ""), targets.get(rel_id, "")))
    return sheets


def _too_far(file_name: str, sheet: str, column: int, row: int, what: str) -> Problem:
    ref = f"{column_letter(column)}{row}"
    return Problem(
        file_name,
        f"Bladet {what} {ref}, långt utanför tabellen (högst {number(MAX_ROWS)} rader och {MAX_COLUMNS} kolumner "
        "läses). Markera tomma rader och kolumner under och till höger om tabellen, välj Ta bort och spara "
        "filen igen.",
        sheet=sheet,
        row=row,
        column=column_letter(column),
    )


def _check_area(data: bytes, file_name: str, sheet: str) -> list[Problem]:
    cells = CELL_REF.findall(data)
    rows = {int(r) for r in {r for _, r in cells} | set(ROW_REF.findall(data))}
    columns = {column_index(c) for c in {c for c, _ in cells}} or {1}
    if rows:
        area = (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)
        if max(rows) > MAX_ROWS or max(columns) > MAX_COLUMNS or area > MAX_CELLS:
            # Name the cell that lies furthest out, so the controller can find and delete it.
            # A cell may take its row from <row r=…> alone, so the furthest row is a candidate too.
            refs = [(column_index(c), int(r)) for c, r in cells] + [(min(columns), max(rows))]
            col, row = max(refs, key=lambda cr: max(cr[0] / MAX_COLUMNS, cr[1] / MAX_ROWS))
            return [_too_far(file_name, sheet, col, row, "har innehåll i cell")]
    dimension = DIMENSION.search(data)
    if dimension and dimension[3]:
        first_col, first_row = column_index(dimension[1]), int(dimension[2])
        last_col, last_row = column_index(dimension[3]), int(dimension[4])
        area = (last_row - first_row + 1) * (last_col - first_col + 1)
        if last_row > MAX_ROWS or last_col > MAX_COLUMNS or area > MAX_CELLS:
            return [_too_far(file_name, sheet, last_col, last_row, "anger sitt använda område till och med")]
    return []


def _error_cells(data: bytes) -> dict[tuple[int, int], str]:
    cells = {}
    if b't="e"' not in data:  # a plain substring search, many times faster than the pattern over a big sheet
        return cells
    for attributes, body in ERROR_CELL.findall(data):
        ref = REF_ATTRIBUTE.search(b" " + attributes)
        value = VALUE.search(body)
        if ref:
            cells[(int(ref[2]), column_index(ref[1]))] = value[1].decode("utf-8", "replace") if value else "#FEL"
    return cells


def _percent_styles(styles_xml: bytes | None) -> set[bytes]:
    """The cell style indices (a cell's s attribute, into cellXfs) whose number format shows a percentage.

    Read with regular expressions (the part has passed the DOCTYPE/ENTITY check): an XML parse of every
    workbook's styles cost more than the rest of the container check."""
    if not styles_xml:
        return set()
    percent_ids = set(PERCENT_FORMAT_IDS)
    if b"%" in styles_xml:
        for attributes in NUMBER_FORMAT.findall(styles_xml):
            number_id, code = FORMAT_ID.search(attributes), FORMAT_CODE.search(attributes)
            if number_id and code and "%" in LITERAL_FORMAT_PART.sub("", html.unescape(code[1].decode("utf-8"))):
                percent_ids.add(int(number_id[1]))
    cell_formats = CELL_FORMATS.search(styles_xml)
    if cell_formats is None:
        return set()
    ids = [FORMAT_ID.search(attributes) for attributes in CELL_FORMAT.findall(cell_formats[1])]
    return {str(i).encode() for i, found in enumerate(ids) if found and int(found[1]) in percent_ids}


def _percent_cells(data: bytes, styles: set[bytes], file_name: str, sheet: str) -> set[tuple[int, int]]:
    """(row, column) of the sheet's number cells that carry one of the percent styles."""
    found = set()
    if not any(b' s="' + style + b'"' in data for style in styles):
        return found
    for attributes, style in STYLED_CELL.findall(data):
        kind = TYPE_ATTRIBUTE.search(attributes)
        if style not in styles or (kind and kind[1] != b"n"):
            continue
        ref = REF_ATTRIBUTE.search(b" " + attributes)
        if ref is None:  # a writer that leaves out cell references: the cell cannot be placed
            raise Rejected([Problem(file_name, "Bladets celler saknar cellreferenser. " + RESAVE, sheet)])
        found.add((int(ref[2]), column_index(ref[1])))
    return found


def check_container(path: Path, file_name: str) -> Container:
    """Inspect the zip and its XML; raise Rejected with every problem found, else describe the sheets."""
    path = Path(path)
    check_size(path, file_name)
    with path.open("rb") as f:
        magic = f.read(4)
    if magic != ZIP_MAGIC:
        raise Rejected([_not_a_zip(path, file_name)])
    try:
        with zipfile.ZipFile(path) as zf:
            _check_directory(zf, file_name)
            problems, container, sheets, styles_xml, workbook_parts = [], Container(), {}, None, {}
            for entry in zf.infolist():
                if not entry.filename.endswith(XML_SUFFIXES):
                    continue
                data = zf.read(entry)
                if entry.filename in WORKBOOK_PARTS:
                    workbook_parts[entry.filename] = data
                if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
                    problems.append(Problem(file_name, f"Delen {entry.filename} är inte kodad som UTF-8. " + RESAVE))
                elif DECLARATION.search(data):
                    problems.append(
                        Problem(
                            file_name,
                            f"Delen {entry.filename} innehåller en DOCTYPE- eller ENTITY-deklaration, vilket Excel "
                            "aldrig skriver (risk för XML-entitetsexpansion). " + RESAVE,
                        )
                    )
                elif b"<sheetData" in data or b":sheetData" in data:
                    sheets[entry.filename] = data  # checked below, once the sheet names are known
                elif entry.filename == "xl/styles.xml":
                    styles_xml = data
            if problems:
                raise Rejected(problems)
            percent_styles = _percent_styles(styles_xml)
            for sheet, part in _sheet_parts(workbook_parts):
                container.sheets.append(sheet)
                if part not in sheets:
                    continue
                problems.extend(_check_area(sheets[part], file_name, sheet))
                errors = _error_cells(sheets[part])
                if errors:
                    container.error_cells[sheet] = errors
                if percent_styles:
                    container.percent_cells[sheet] = _percent_cells(sheets[part], percent_styles, file_name, sheet)
            if problems:
                raise Rejected(problems)
            return container
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise Rejected([_damaged(file_name)]) from exc
    except ElementTree.ParseError as exc:
        raise Rejected(
            [Problem(file_name, "Filens arbetsboksdel (xl/workbook.xml) går inte att läsa. " + RESAVE)]
        ) from exc
