"""Parsing single cell values as real exports write them: Swedish numbers as text, dates in three forms, NFD text.

Each parser takes the raw value python-calamine returned (str, float, int, bool, date, datetime, time or
timedelta) and returns the typed value, None for an empty cell, or raises CellError with a Swedish message that
says how to fix the cell.
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from data.formatting import number as swedish_number
from data.periods import parse_period

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's 1900 date system (with its leap-year bug)
FIRST_YEAR, LAST_YEAR = 1990, 2100
DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
NUMBER_SUFFIXES = ("%", "tkr", "kr")
# A point followed by exactly three digits after one to three digits: '-34.358' is -34 358 with a point for
# thousands (as some Swedish systems print it) or -34,358 with a decimal point (English); nothing tells which.
AMBIGUOUS_POINT = re.compile(r"^([+-]?)([1-9]\d{0,2})\.(\d{3})$")
NOT_A_NUMBER = "Skriv ett tal här, t.ex. 1\u00a0234,5 (decimalkomma, minus som -)."
THOUSANDS_POINTS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")  # '1.234' before a decimal comma: points group thousands


# C0 control characters other than tab and line breaks: Excel's _x0002_ escapes decode to them, and they are not
# valid in XML, so a report (docx, xlsx) built from such text would fail.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CellError(ValueError):
    """A cell value that cannot be read; the message is Swedish and says how to fix it."""


def clean_text(value: object) -> str:
    """NFC text with surrounding spaces removed and inner runs of spaces collapsed to one."""
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean_str(str(value))


# A big sheet repeats its months, units and choices on every row: each distinct text is cleaned once per worker.
@lru_cache(maxsize=65536)
def _clean_str(value: str) -> str:
    text = CONTROL_CHARACTERS.sub("", value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on every Unicode space, the no-break (U+00A0) and narrow no-break (U+202F) ones included.
    return " ".join(text.split())


def is_empty(value: object) -> bool:
    """True for a cell with nothing in it (None, '' or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


@lru_cache(maxsize=4096)
def normalise_header(value: object) -> str:
    """Header text for matching: NFC, casefolded, spaces collapsed, a trailing ':' or unit like '(tkr)' dropped."""
    text = clean_text(value).casefold().rstrip(":").rstrip()
    text = re.sub(r"\s*\([^()]*\)$", "", text)
    return text.strip()


def display(value: object) -> str:
    """The value as a controller would recognise it in Excel, for error messages."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return unicodedata.normalize("NFC", str(value)).strip()


def text(value: object) -> str | None:
    """Free text or a code: NFC, trimmed; numbers without a trailing '.0'."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError("Skriv text här, inte SANT/FALSKT.")
    if isinstance(value, datetime | date):
        return display(value)
    if isinstance(value, str) and "\n" in value:  # keep the line breaks of a multi-line comment
        lines = [clean_text(line) for line in value.splitlines()]
        return "\n".join(lines).strip("\n")
    return clean_text(value)


def number(value: object) -> float | None:
    """A number from a number cell or Swedish text such as '1 234,5', '−12', '85 %' or '-412 300 tkr'."""
    if is_empty(value):
        return None
    if isinstance(value, bool | date | time | timedelta):
        raise CellError("Skriv ett tal här, t.ex. 1\u00a0234,5.")
    if isinstance(value, int | float):
        return float(value)
    compact = _compact_number(str(value))
    if "," in compact and "." in compact[compact.rindex(",") :]:
        # '1,234.5': a comma for thousands and a point for decimals, the English way; never a Swedish number.
        english = compact.replace(",", "")
        if not NUMBER.match(english):
            raise CellError(NOT_A_NUMBER)
        reading = swedish_number(float(english), len(english.split(".")[1]))
        raise CellError(
            "Talet är skrivet med komma som tusentalsavgränsare och punkt som decimaltecken (engelskt skrivsätt) och "
            f"betyder då {reading}. Skriv det med decimalkomma: {reading}."
        )
    if "," in compact:
        # Swedish: comma is the decimal sign; a point can only be a thousands separator then ('1.234,5').
        whole = compact.split(",")[0]
        if "." in whole and not THOUSANDS_POINTS.match(whole):
            raise CellError(NOT_A_NUMBER)
        compact = compact.replace(".", "").replace(",", ".")
    elif ambiguous := AMBIGUOUS_POINT.match(compact):
        sign, whole, part = ambiguous.groups()
        thousands = swedish_number(float(f"{sign}{whole}{part}"))
        decimal = swedish_number(float(f"{sign}{whole}.{part}"), 3)
        raise CellError(
            f"Talet kan läsas på två sätt: som {thousands} (punkten som tusentalsavgränsare) eller som {decimal} "
            f"(punkten som decimaltecken). Skriv talet utan punkt: {thousands} eller {decimal}."
        )
    if not NUMBER.match(compact):
        raise CellError(NOT_A_NUMBER)
    return float(compact)


def _compact_number(value: str) -> str:
    raw = unicodedata.normalize("NFKC", value).translate(DASHES)
    compact = "".join(raw.split()).casefold()
    for suffix in NUMBER_SUFFIXES:
        if compact.endswith(suffix):
            return compact[: -len(suffix)]
    return compact


def point_as_decimal(value: object) -> bool:
    """True for text such as '12.5' that number() read with its point as the decimal sign."""
    return isinstance(value, str) and "." in (compact := _compact_number(value)) and "," not in compact


def integer(value: object) -> int | None:
    """A whole number, from a number cell or text such as '1 240'."""
    result = number(value)
    if result is None:
        return None
    if not result.is_integer():
        raise CellError("Skriv ett heltal här, utan decimaler.")
    return int(result)


def _checked(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(f"Datumet ligger utanför {FIRST_YEAR}–{LAST_YEAR}. Skriv datum som ÅÅÅÅ-MM-DD.")
    return day


def day(value: object) -> date | None:
    """A date from a date cell, an Excel serial number or text '2025-03-31'."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise CellError("Skriv ett datum här som ÅÅÅÅ-MM-DD, t.ex. 2025-03-31.")
        return _checked(EXCEL_EPOCH + timedelta(days=int(value)))
    if isinstance(value, str):
        match = ISO_DATE.match(clean_text(value))
        if match:
            try:
                return _checked(date(int(match[1]), int(match[2]), int(match[3])))
            except ValueError:
                raise CellError("Datumet finns inte i kalendern. Skriv datum som ÅÅÅÅ-MM-DD.") from None
    raise CellError("Skriv ett datum här som ÅÅÅÅ-MM-DD, t.ex. 2025-03-31.")


def period(value: object) -> tuple[str, date, date] | None:
    """A period (month 2025-03, tertial 2025-T1 or year 2025) as (period, first day, last day)."""
    if is_empty(value):
        return None
    if isinstance(value, date):
        return parse_period(f"{value.year}-{value.month:02d}")
    parsed = _parse_period(display(value) if isinstance(value, float) else clean_text(value))
    if parsed is None:
        raise CellError("Skriv perioden som månad (2025-03), tertial (2025-T1) eller år (2025).")
    return parsed


_parse_period = lru_cache(maxsize=4096)(parse_period)  # one report's few distinct period texts, row after row


def month(value: object) -> str | None:
    """A month 'YYYY-MM' from text such as 2025-03 or a date cell (its month)."""
    try:
        parsed = period(value)
    except CellError:
        raise CellError("Skriv månaden som ÅÅÅÅ-MM, t.ex. 2025-03.") from None
    if parsed is None:
        return None
    normalised, start, end = parsed
    if start.month == end.month and start.year == end.year:
        return normalised
    raise CellError("Skriv månaden som ÅÅÅÅ-MM, t.ex. 2025-03.")


def municipality_code(value: object) -> str | None:
    """A kommunkod with its leading zero kept: 163 (typed as a number) becomes '0163'."""
    code = text(value)
    if code is None:
        return None
    if not code.isdigit() or len(code) > 4:
        raise CellError("Kommunkoden ska vara fyra siffror, t.ex. 0884.")
    return code.zfill(4)
