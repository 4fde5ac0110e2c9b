"""Provenance: which submitted files a section's figures come from (committee, file, sha256, when, what it corrects).

A section names the kind of fact it shows; the window of periods follows from the kind (FACTS), so every page
that shows a kind of fact for a month names the same files. Kolada's national figures (KOLADA) come from imported
Kolada files instead: `kolada_imports(kpi)` names those.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from data.db import query_rows
from data.periods import add_months, month_end, month_start

# Kind of fact -> (months back from the chosen month that the section reads, None = all earlier; latest only).
# Economy sums January..month; deviations chart twelve months; the network compares last year and this year;
# projects, assignments and meetings are snapshots (each committee's latest report counts).
FACTS: dict[str, tuple[str, bool]] = {
    "economy": ("year", False),
    "goal": ("all", False),
    "indicator": ("all", False),
    "deviation": ("twelve_months", False),
    "assignment": ("all", True),
    "project": ("all", True),
    "project_history": ("all", False),  # a project's own page: every report up to the month
    "suggestion": ("two_years", False),
    "meeting": ("all", True),
    "any": ("year", False),  # a section built from every kind (Översikt's committee cards): this year's reports
}


KOLADA = "kolada"  # the kind of a section showing Kolada's national figures (not from submitted reports)


class Scope(NamedTuple):
    """What a section's 'Källa' covers: a municipality (None: every one) and month, optionally narrowed to one
    committee or one project, or the Kolada KPI of the national figures shown."""

    municipality: str | None
    month: str | None
    committee: str | None = None
    project: str | None = None
    kpi: str | None = None


@dataclass(frozen=True)
class KoladaImport:
    """One imported Kolada file behind a KPI's national figures: file name, when imported, years and values."""

    kpi: str
    file_name: str
    imported_at: datetime
    first_year: str
    last_year: str
    values: int

    @property
    def years(self) -> str:
        """'2023–2025', or the one year."""
        return self.first_year if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"


@dataclass(frozen=True)
class Source:
    """One submitted file that a section's figures are read from."""

    municipality: str
    committee: str
    period: str
    file_name: str
    sha256: str
    loaded_at: datetime
    corrects_file: str | None  # the earlier file for the same committee and period that this one replaces
    corrects_loaded_at: datetime | None


def window(fact: str, month: str) -> tuple[date | None, date]:
    """First and last period end a section of this kind reads for the month (None = no lower bound)."""
    year = int(month[:4])
    start = {
        "year": date(year, 1, 1),
        "twelve_months": month_start(add_months(month, -11)),
        "two_years": date(year - 1, 1, 1),
        "all": None,
    }[FACTS[fact][0]]
    return start, month_end(month)


def sources(
    municipality: str | None, month: str, fact: str, committee: str | None = None, project: str | None = None
) -> list[Source]:
    """The files in force that the section's figures for the month come from; every municipality when None; for
    project facts only the reports of one project when given."""
    if fact not in FACTS:
        raise ValueError(f"unknown kind of fact {fact!r}")
    start, end = window(fact, month)
    rows = query_rows(
        "provenance_sources",
        municipality=municipality,
        committee=committee,
        project=project,
        fact="project" if fact == "project_history" else fact,
        period_start=start,
        period_end=end,
        latest=FACTS[fact][1],
    )
    return [Source(*row) for row in rows]


def kolada_imports(kpi: str | None) -> list[KoladaImport]:
    """The Kolada files a KPI's figures were imported from, newest import first; empty without a KPI."""
    if not kpi:
        return []
    return [KoladaImport(*row) for row in query_rows("provenance_kolada", kpi=kpi)]
