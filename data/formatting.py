"""Swedish number, percent and date formats for everything users read: pages, reports, exports."""

from datetime import date, datetime

NBSP = "\u00a0"  # thousands separator: a no-break space keeps '1 234' on one line
MINUS = "\u2212"  # typographic minus sign


def number(value: float | int | None, decimals: int = 0, signed: bool = False) -> str:
    """'1 234,5' with a no-break space for thousands and U+2212 for minus; '–' for None."""
    if value is None:
        return "–"
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0  # never print '−0'
    text = f"{abs(rounded):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if rounded < 0:
        return MINUS + text
    if signed and rounded > 0:
        return "+" + text
    return text


def percent(value: float | None, decimals: int = 0, signed: bool = False) -> str:
    """'−12 %' from a percentage value (12 means 12 %)."""
    if value is None:
        return "–"
    return f"{number(value, decimals, signed)}{NBSP}%"


def tkr(value: float | None, signed: bool = False) -> str:
    """'1 234 tkr'."""
    if value is None:
        return "–"
    return f"{number(value, 0, signed)}{NBSP}tkr"


def iso_date(value: date | datetime | None) -> str:
    """'2025-03-31'; '–' for None."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
