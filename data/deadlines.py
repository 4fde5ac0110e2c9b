"""Rapportläge: each committee's report for each period against the reporting calendar (`etl calendar`).

A report counts as handed in when a submission in force exists for the committee and period (in_force: a withdrawn
submission counts as missing, as in `etl status`); it was handed in when the first of its still valid submissions
reached Styrkedjan (a later correction does not make an on-time report late). The deadline day itself is on time.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from data import db
from data.meetings import meeting_dates, next_meeting
from data.periods import month_end, month_start

DUE_SOON_DAYS = 14  # a missing report whose deadline is at most this many days away is "due soon"
SCOPES = ("manad", "ar")  # ?visa=: the periods ending in the chosen month, or every period of its year


@dataclass(frozen=True)
class ReportStatus:
    """One committee's report for one period: its deadline, whether and when it came, and its state."""

    committee_code: str
    committee: str
    period: str
    period_end: date
    deadline: date
    submitted_at: datetime | None
    report_date: date | None
    withdrawn: bool  # a submission for the period was withdrawn (shown when none is in force)
    state: str  # data.vocabulary.REPORT_STATE code
    days: int  # days late (late, overdue) or days left (due_soon, upcoming); 0 on time
    next_ks: date | None  # the first KS and KF meetings on or after the deadline
    next_kf: date | None


def state(deadline: date, submitted: date | None, today: date) -> tuple[str, int]:
    """(REPORT_STATE code, days) of a report due on deadline, handed in on submitted (None: not yet), seen today."""
    if submitted is not None:
        late = (submitted - deadline).days
        return ("late", late) if late > 0 else ("on_time", 0)
    if deadline < today:
        return "overdue", (today - deadline).days
    left = (deadline - today).days
    return ("due_soon" if left <= DUE_SOON_DAYS else "upcoming"), left


def period_range(month: str, scope: str) -> tuple[date, date]:
    """The period ends shown: the chosen month ('manad'), or the whole year of the month ('ar')."""
    if scope == "ar":
        return month_start(f"{month[:4]}-01"), month_end(f"{month[:4]}-12")
    return month_start(month), month_end(month)


def statuses(municipality: str, month: str, scope: str = "ar", today: date | None = None) -> list[ReportStatus]:
    """Every committee x period with a deadline in the scope (see period_range), ordered by period and committee."""
    today = today or date.today()
    first, last = period_range(month, scope)
    try:
        rows = db.query_rows("deadlines_status", municipality=municipality, first=first, last=last)
    except duckdb.CatalogException:  # a warehouse published before the calendar existed has no deadlines
        return []
    ks, kf = meeting_dates(municipality, "KS"), meeting_dates(municipality, "KF")
    out = []
    for code, name, period, period_end, deadline, submitted_at, report_date, withdrawn in rows:
        code_state, days = state(deadline, submitted_at.date() if submitted_at else None, today)
        out.append(
            ReportStatus(
                code,
                name,
                period,
                period_end,
                deadline,
                submitted_at,
                report_date,
                withdrawn,
                code_state,
                days,
                next_meeting(ks, deadline),
                next_meeting(kf, deadline),
            )
        )
    return out


def counts(items: list[ReportStatus]) -> dict[str, int]:
    """REPORT_STATE code -> number of reports in that state."""
    return dict(Counter(item.state for item in items))
