"""What the warehouse holds: filter options (municipalities, months, committees) and facts for banner and footer."""

from dataclasses import dataclass
from datetime import datetime

from data.db import cached_rows


@dataclass(frozen=True)
class WarehouseInfo:
    """Facts shown in the shell: demo banner and the footer's load time and submission counts."""

    demo: bool
    loaded_at: datetime | None
    submissions: int  # in force: not replaced by a later report for the same committee and period
    submitted: int  # every report ever loaded
    withdrawn: int = 0  # taken back with `etl withdraw`


@dataclass(frozen=True)
class Filters:
    """The global filters after validation: a municipality with data, one of its months, a committee or None."""

    municipality: str | None
    month: str | None
    committee: str | None = None


def info() -> WarehouseInfo:
    """Demo flag, when data was last published and how many current submissions the warehouse holds."""
    demo, published_at, last_loaded_at, submissions, submitted, withdrawn = cached_rows("meta_info")[0]
    loaded = datetime.fromisoformat(published_at) if published_at else last_loaded_at
    return WarehouseInfo(demo == "true", loaded, int(submissions), int(submitted), int(withdrawn))


def municipalities() -> list[tuple[str, str]]:
    """(code, name) of municipalities that have reported, in Swedish order."""
    return [(code, name) for code, name in cached_rows("meta_municipalities")]


def months(municipality: str) -> list[str]:
    """Months 'YYYY-MM' in which the municipality has any current submission, newest first."""
    return [row[0] for row in cached_rows("meta_months", municipality=municipality)]


def committees(municipality: str) -> list[tuple[str, str]]:
    """(code, name) of the municipality's committees in Swedish order."""
    return [(code, name) for code, name in cached_rows("meta_committees", municipality=municipality)]


def committee_names(municipality: str) -> dict[str, str]:
    """Committee code -> official name for the municipality."""
    return dict(committees(municipality))


def resolve(municipality: str | None, month: str | None, committee: str | None = None) -> Filters:
    """Validate filter values from a URL; unknown values fall back to defaults (first municipality, latest month)."""
    codes = [code for code, _ in municipalities()]
    if not codes:
        return Filters(None, None, None)
    if municipality not in codes:
        municipality = codes[0]
    available = months(municipality)
    if month not in available:
        month = available[0] if available else None
    if committee is not None and committee not in committee_names(municipality):
        committee = None
    return Filters(municipality, month, committee)
