"""What a workbook becomes after reading and validation: the contract between reader, demo and store.

Values in `facts` are typed and use code names: closed-list values are vocabulary codes, committees are
committee codes, money and decimals are floats, dates are `datetime.date`, months are 'YYYY-MM' strings
and periods are normalised period strings ('2025-03', '2025-T1', '2025').
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Problem:
    """One error or warning, located so a controller can find it in Excel."""

    file: str
    message: str  # Swedish, says what is wrong and how to fix it
    sheet: str | None = None
    row: int | None = None  # Excel row number, 1-based
    column: str | None = None  # Excel column letter
    header: str | None = None
    value: str | None = None

    def where(self) -> str:
        """Swedish location text, e.g. 'blad Ekonomi, rad 7, kolumn C (Budget)'."""
        parts = []
        if self.sheet:
            parts.append(f"blad {self.sheet}")
        if self.row:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f"kolumn {self.column}" + (f" ({self.header})" if self.header else ""))
        elif self.header:
            parts.append(f"kolumn {self.header}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        """Plain dict for JSON output."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class About:
    """The identity of a submission, from the sheet 'Om rapporten'."""

    municipality_code: str
    committee_code: str
    period: str
    period_start: date
    period_end: date
    contact_role: str
    report_date: date


@dataclass
class Workbook:
    """A validated workbook ready to store: identity plus fact rows per sheet key."""

    file_name: str
    sha256: str
    about: About
    facts: dict[str, list[dict]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    # month -> (the committee's annual budget summed over activities, where its first row's cell is), for the
    # budget-change warning between the files of one run
    budgets: dict[str, tuple[float, dict]] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        """Number of fact rows over all sheets."""
        return sum(len(rows) for rows in self.facts.values())
