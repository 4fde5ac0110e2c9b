"""Deviation reports as of a month: filters, age, new since last month, serious open ones first, counts over time.

A deviation is a snapshot fact: as of month M it is the row from the latest non-superseded submission whose
period ends by the end of M (docs/DEVELOPING.md). It is "new" when no submission up to the end of the previous
month knew it; it is "serious" when its severity is high and it is not closed.
"""

from dataclasses import dataclass
from datetime import date

from data.db import query_rows
from data.periods import add_months, as_of_day, month_end, month_start, months_between

COUNT_MONTHS = 12  # the counts over time cover this many months, ending with the chosen month


@dataclass(frozen=True)
class Deviation:
    """One deviation report as of a month."""

    committee_code: str
    committee: str
    deviation_id: str
    reported_date: date
    type: str
    severity: str
    description: str
    cause: str | None
    action: str | None
    responsible_role: str | None
    status: str
    closed_date: date | None
    is_new: bool
    age_days: int  # from the reported date to its closing, or to the as-of day while it is open

    @property
    def serious(self) -> bool:
        """High severity and not closed: raised at once, shown first."""
        return self.severity == "high" and self.status != "closed"


NOT_CLOSED = "not_closed"  # what the overview counts as open: every status but closed


@dataclass(frozen=True)
class DeviationFilter:
    """The page's filters; None means all. status may also be NOT_CLOSED: open or action in progress."""

    committee: str | None = None
    type: str | None = None
    severity: str | None = None
    status: str | None = None


def sort_key(d: Deviation) -> tuple:
    """Serious open deviations first, then new ones, then the most recently reported."""
    return (not d.serious, not d.is_new, -d.reported_date.toordinal(), d.committee_code, d.deviation_id)


def deviations(
    municipality: str, month: str, filters: DeviationFilter | None = None, as_of: date | None = None
) -> list[Deviation]:
    """The municipality's deviations as of the month, filtered, serious open ones first.

    Age is counted to `as_of`, by default the month's last day or today if that is earlier.
    """
    filters = filters or DeviationFilter()
    last_day = month_end(month)
    as_of = as_of or as_of_day(month)
    previous_end = month_end(add_months(month, -1))
    rows = query_rows(
        "deviations_as_of",
        municipality=municipality,
        month_end=last_day,
        committee=filters.committee,
        type=filters.type,
        severity=filters.severity,
        status=filters.status,
    )
    out = []
    for *fields, first_seen in rows:
        reported, status, closed = fields[3], fields[10], fields[11]
        until = closed if status == "closed" and closed is not None else as_of
        out.append(Deviation(*fields, is_new=first_seen > previous_end, age_days=max((until - reported).days, 0)))
    return sorted(out, key=sort_key)


def counts(
    municipality: str, month: str, filters: DeviationFilter | None = None
) -> dict[str, list[tuple[str, str, int]]]:
    """Counts over the last COUNT_MONTHS months, from one query.

    'status': (month, status, count) at the end of each month; 'type': (month, type, count) of deviations
    reported in each month. The status counts ignore the status filter and the type counts the type filter,
    so each chart shows the whole split it is about.
    """
    filters = filters or DeviationFilter()
    out: dict[str, list[tuple[str, str, int]]] = {"status": [], "type": []}
    first = add_months(month, 1 - COUNT_MONTHS)
    rows = query_rows(
        "deviations_counts",
        municipality=municipality,
        first_month=month_start(first),
        month_end=month_end(month),
        month_ends=[month_end(m) for m in months_between(first, month)],
        committee=filters.committee,
        type=filters.type,
        severity=filters.severity,
        status=filters.status,
    )
    for kind, m, code, n in rows:
        out[kind].append((m, code, int(n)))
    return out
