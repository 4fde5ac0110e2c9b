"""Reporting periods: months (2025-03), tertials (2025-T1, cumulative from January) and years (2025)."""

import calendar
import re
from datetime import date

_MONTH = re.compile(r"^(\d{4})-?(\d{1,2})$")
_TERTIAL = re.compile(r"^(\d{4})\s*-?\s*T([123])$|^T([123])\s*-?\s*(\d{4})$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
TERTIAL_END_MONTH = {1: 4, 2: 8, 3: 12}


def month_end(month: str) -> date:
    """Last day of a 'YYYY-MM' month."""
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, calendar.monthrange(year, mon)[1])


def month_start(month: str) -> date:
    """First day of a 'YYYY-MM' month."""
    return date(int(month[:4]), int(month[5:7]), 1)


def as_of_day(month: str, today: date | None = None) -> date:
    """The day a month's state is judged on: its last day, or today (default: the real today) if that is earlier."""
    return min(month_end(month), today or date.today())


def parse_period(text: str) -> tuple[str, date, date] | None:
    """Normalise a period text to (period, first day, last day), or None when it does not parse.

    A tertial covers January to its end month, as tertial reports are cumulative.
    """
    value = str(text).strip()
    if m := _YEAR.match(value):
        year = int(m.group(1))
        if 1990 <= year <= 2100:
            return f"{year}", date(year, 1, 1), date(year, 12, 31)
        return None
    if m := _TERTIAL.match(value):
        year = int(m.group(1) or m.group(4))
        tertial = int(m.group(2) or m.group(3))
        if 1990 <= year <= 2100:
            return f"{year}-T{tertial}", date(year, 1, 1), month_end(f"{year}-{TERTIAL_END_MONTH[tertial]:02d}")
        return None
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        if 1990 <= year <= 2100 and 1 <= month <= 12:
            return f"{year}-{month:02d}", date(year, month, 1), month_end(f"{year}-{month:02d}")
    return None


def month_of(day: date) -> str:
    """'YYYY-MM' of a date."""
    return f"{day.year}-{day.month:02d}"


def add_months(month: str, delta: int) -> str:
    """Shift a 'YYYY-MM' month by delta months."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12}-{index % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last inclusive."""
    out, current = [], first
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


SWEDISH_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


MONTH_ABBREVIATIONS = tuple(name[:3] for name in SWEDISH_MONTHS)  # jan, feb, …, maj, …, okt, nov, dec


def month_short(month: str) -> str:
    """'sep' for '2025-09': the short name on chart axes (reads the same in the browser and in kaleido)."""
    return MONTH_ABBREVIATIONS[int(month[5:7]) - 1]


def month_label(month: str) -> str:
    """Swedish label of a 'YYYY-MM' month, e.g. 'mars 2025'."""
    return f"{SWEDISH_MONTHS[int(month[5:7]) - 1]} {month[:4]}"
