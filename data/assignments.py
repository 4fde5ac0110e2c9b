"""Assignments (uppdrag) from the council and the executive board: list with derived state, summaries, due lists.

The state rules are those of docs/DEVELOPING.md, evaluated in SQL (data/sql/assignments_list.sql) as of a
date that callers pass in, so tests and the meeting mode can fix "today".
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from data import db
from data.periods import month_end, month_of, months_between
from data.vocabulary import ASSIGNMENT_STATE

# States in which nothing more is expected from the committee.
CLOSED_STATES = ("reported_back", "cancelled")


@dataclass(frozen=True)
class Assignment:
    """One assignment as of a date, with the state derived from status, due date and report-back."""

    case_number: str
    paragraph: str | None
    decided_by: str
    decision_date: date
    title: str
    recipient: str
    recipient_name: str
    due_date: date
    status: str
    state: str
    reported_back_date: date | None
    done_date: date | None
    comment: str | None

    @property
    def is_open(self) -> bool:
        """Still expected at a meeting: neither reported back nor cancelled."""
        return self.state not in CLOSED_STATES

    def days_late(self, as_of: date) -> int | None:
        """Days past the due date: until done for done ones, until as_of for overdue ones; None otherwise."""
        if self.done_date is not None:
            return max(0, (self.done_date - self.due_date).days)
        if self.state == "overdue":
            return (as_of - self.due_date).days
        return None


@dataclass(frozen=True)
class CommitteeSummary:
    """Counts by state and punctuality for one recipient committee."""

    committee: str
    committee_name: str
    total: int
    counts: dict[str, int]  # state code -> count, every state present
    on_time_percent: float | None  # share of done assignments done by their due date; None when none is done
    average_delay_days: float | None  # mean days late over done and overdue ones (on time counts 0)


def assignments(municipality: str, as_of: date, committee: str | None = None) -> list[Assignment]:
    """Assignments of a municipality (or one recipient committee) as of a date, ordered by due date."""
    end = month_end(month_of(as_of))
    rows = db.query_rows("assignments_list", municipality=municipality, as_of=as_of, month_end=end, committee=committee)
    return [Assignment(*row) for row in rows]


def select(
    items: list[Assignment], state: str | None = None, decided_by: str | None = None, year: int | None = None
) -> list[Assignment]:
    """The assignments matching every filter given (None means any); one query serves every filter choice."""
    return [
        item
        for item in items
        if (state is None or item.state == state)
        and (decided_by is None or item.decided_by == decided_by)
        and (year is None or item.decision_date.year == year)
    ]


def committee_summaries(items: list[Assignment], as_of: date) -> list[CommitteeSummary]:
    """One summary per recipient committee, in Swedish order of the committee name."""
    by_committee: dict[str, list[Assignment]] = {}
    for item in items:
        by_committee.setdefault(item.recipient, []).append(item)
    summaries = []
    for code, group in by_committee.items():
        counts = Counter(item.state for item in group)
        done = [item for item in group if item.done_date is not None]
        on_time = sum(1 for item in done if item.done_date <= item.due_date)
        delays = [d for d in (item.days_late(as_of) for item in group) if d is not None]
        summaries.append(
            CommitteeSummary(
                committee=code,
                committee_name=group[0].recipient_name,
                total=len(group),
                counts={s: counts.get(s, 0) for s in ASSIGNMENT_STATE.codes},
                on_time_percent=100 * on_time / len(done) if done else None,
                average_delay_days=sum(delays) / len(delays) if delays else None,
            )
        )
    return sorted(summaries, key=lambda s: swedish_key(s.committee_name))


def given_and_completed(items: list[Assignment]) -> list[tuple[str, int, int]]:
    """(month, given, completed) for every month from the first decision to the last completion."""
    given = Counter(month_of(item.decision_date) for item in items)
    completed = Counter(month_of(item.done_date) for item in items if item.done_date is not None)
    if not given and not completed:
        return []
    first = min(given | completed)
    last = max(given | completed)
    return [(m, given.get(m, 0), completed.get(m, 0)) for m in months_between(first, last)]


def due_at_meeting(items: list[Assignment], meeting_date: date) -> list[Assignment]:
    """Open assignments (not reported back, not cancelled) due on or before the meeting."""
    return [item for item in items if item.is_open and item.due_date <= meeting_date]


def missed_at_meeting(items: list[Assignment], meeting_date: date) -> list[Assignment]:
    """Assignments due on or before a past meeting that had not been reported back by it."""
    return [
        item
        for item in items
        if item.state != "cancelled"
        and item.due_date <= meeting_date
        and (item.reported_back_date is None or item.reported_back_date > meeting_date)
    ]


def years(items: list[Assignment]) -> list[int]:
    """Decision years present, newest first."""
    return sorted({item.decision_date.year for item in items}, reverse=True)


_SWEDISH_ORDER = {ch: i for i, ch in enumerate("0123456789abcdefghijklmnopqrstuvwxyzåäö")}


def swedish_key(text: str) -> tuple:
    """Sort key putting å, ä, ö after z as Swedish readers expect (case-insensitive)."""
    folded = text.casefold().replace("é", "e").replace("ü", "y")
    return tuple(_SWEDISH_ORDER.get(ch, -1 if not ch.isalnum() else 100 + ord(ch)) for ch in folded)
