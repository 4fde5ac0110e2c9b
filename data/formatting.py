"""Swedish number, percent and date formats for everything users read: pages, reports, exports."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"  # thousands separator: a no-break space keeps '1 234' on one line
MINUS = "\u2212"  # typographic minus sign


def rounded(value: float, decimals: int = 0) -> float:
    """value rounded half away from zero at its shortest decimal form, like the grid's svRound (assets/)."""
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def number(value: float | int | None, decimals: int = 0, signed: bool = False) -> str:
    """'1 234,5' with a no-break space for thousands and U+2212 for minus; '–' for None."""
    if value is None:
        return "–"
    # Half away from zero, as in the grid, so a card and a table never show the same amount differently.
    shown = rounded(value, decimals)
    if shown == 0:
        shown = 0.0  # never print '−0'
    text = f"{abs(shown):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if shown < 0:
        return MINUS + text
    if signed and shown > 0:
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


def balance(deviation: float | None, article: bool = False) -> str:
    """A budget deviation in words, rounded to whole tkr (negative is an overspend).

    'underskott på 1 234 tkr', 'överskott på 10 tkr', 'budget i balans'; with article=True the same as a noun
    phrase inside a sentence: 'ett underskott på 1 234 tkr', 'ett resultat i nivå med budget'.
    """
    if deviation is None or rounded(deviation) == 0:
        return "ett resultat i nivå med budget" if article else "budget i balans"
    word = "underskott" if deviation < 0 else "överskott"
    return f"{'ett ' if article else ''}{word} på {tkr(abs(deviation))}"


def count(n: int, singular: str, plural: str, signed: bool = False) -> str:
    """'1 nämnd', '2 nämnder', '1 234 kommuner', '−1 dag' (signed): the number and the noun in the right form."""
    return f"{number(n, signed=signed)} {singular if abs(n) == 1 else plural}"


def submissions_text(in_force: int, submitted: int, withdrawn: int = 0) -> str:
    """'2 003 gällande rapporter (2 006 inlämnade, 3 ersatta)': the one wording of the count, wherever it is shown.

    A report is in force until a later report for the same municipality, committee and period replaces it, or
    until it is withdrawn (named only when some are).
    """
    parts = [
        count(submitted, "inlämnad", "inlämnade"),
        count(submitted - in_force - withdrawn, "ersatt", "ersatta"),
    ]
    if withdrawn:
        parts.append(count(withdrawn, "återkallad", "återkallade"))
    return f"{count(in_force, 'gällande rapport', 'gällande rapporter')} ({', '.join(parts)})"
