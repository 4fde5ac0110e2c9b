"""Personal data in free text: a personnummer or an e-mail address in a text cell gives a located warning.

Reports describe committees' work, never people; a personnummer or an e-mail address in a comment is almost always
a mistake the sender wants to know about. The check is a warning, not a rejection (the text may be a false alarm),
and the warning never repeats the number or the address in full, so the load output does not spread it further.
`find_personal_data(text)` is the one rule; the loader (etl/validate.py) and the upload preview call it.
"""

import re
from datetime import date

# YYMMDD-NNNN, YYMMDD+NNNN (over 100 years), YYYYMMDD-NNNN or YYYYMMDDNNNN; day + 60 is a samordningsnummer.
PERSONNUMMER = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})(?:([-+])(\d{4})|(\d{4}))(?![\d])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
SIX_DIGITS = re.compile(r"\d{6}")  # in every personnummer; a text without it or an '@' is skipped in one scan
KINDS = {"personnummer": "ett personnummer", "email": "en e-postadress"}


def luhn_ok(digits: str) -> bool:
    """Whether the last digit is the Luhn check digit of the others (the personnummer's tenth digit)."""
    total = 0
    for i, ch in enumerate(digits[:-1]):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(digits[-1])


def _valid_date(century: str | None, yy: str, mm: str, dd: str) -> bool:
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    year = int(century + yy) if century else 2000 + int(yy)  # the century only matters for 29 February
    try:
        date(year, int(mm), day)
    except ValueError:
        return False
    return True


def _personnummer(text: str) -> list[tuple[str, str]]:
    found = []
    for m in PERSONNUMMER.finditer(text):
        century, yy, mm, dd, sep, tail_sep, tail_plain = m.groups()
        if sep is None and century is None:
            continue  # ten bare digits are too often something else (an amount, a phone number)
        tail = tail_sep or tail_plain
        if _valid_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + tail):
            found.append(("personnummer", f"{yy}{mm}{dd}-****"))
    return found


def find_personal_data(text: object) -> list[tuple[str, str]]:
    """(kind, masked value) for each personnummer (valid date and check digit) or e-mail address in text."""
    if not isinstance(text, str) or len(text) < 6 or ("@" not in text and not SIX_DIGITS.search(text)):
        return []
    found = _personnummer(text)
    for m in EMAIL.finditer(text):
        local, _, domain = m.group(0).partition("@")
        found.append(("email", f"{local[:1]}…@{domain}"))
    return found


def warning_text(kinds: list[str]) -> str:
    """The Swedish warning for a cell holding these kinds of personal data."""
    what = " och ".join(dict.fromkeys(KINDS[k] for k in kinds))
    return (
        f"Cellen ser ut att innehålla {what}. Rapporter ska inte innehålla personuppgifter: ta bort uppgiften och "
        "lämna in filen igen (en inläst fil kan återkallas med python -m etl withdraw)."
    )
