"""The council's meeting calendar and the content of the presidium's meeting mode, one committee per slide.

Goals and economy come from data.goals and data.economy, so the meeting mode shows the same numbers as /mal
and /ekonomi.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from data import db, economy, goals, overview, projects
from data.assignments import Assignment, assignments, due_at_meeting
from data.deviations import Deviation, deviations


@dataclass(frozen=True)
class Slide:
    """What the room sees for one committee."""

    committee: str
    name: str
    reported: bool  # a non-superseded submission for the month exists
    goal_counts: dict[str, int]  # assessment code -> goals, every code present; empty when no goal is reported
    economy: economy.EconomyRow | None  # None: no economy report for the month
    economy_months: list[economy.MonthPoint]  # January..month, year-to-date sums
    overdue: list[Assignment]
    due: list[Assignment]  # open, due on or before the meeting and not already listed as overdue
    serious: list[Deviation] = field(default_factory=list)  # high severity, not closed, as of the month
    red_projects: list[projects.Project] = field(default_factory=list)  # Project.red_light, owned by the committee


@dataclass(frozen=True)
class Summary:
    """The meeting's first slide: the whole municipality (Översikt's figures), its serious deviations and what
    is due for report-back at the meeting."""

    totals: overview.MunicipalityTotals
    serious: list[Deviation]
    due: list[Assignment]
    red_projects: list[projects.Project]


@dataclass(frozen=True)
class Stamp:
    """What every page of the handout carries."""

    municipality: str
    loaded_at: datetime | None
    demo: bool


def meeting_dates(municipality: str, body: str = "KF") -> list[date]:
    """The meeting dates of a body (KF or KS), ascending."""
    return [row[0] for row in db.query_rows("meetings_dates", municipality=municipality, body=body)]


def next_meeting(dates: list[date], as_of: date) -> date | None:
    """The first meeting on or after as_of (a meeting today is the next one)."""
    return next((d for d in dates if d >= as_of), None)


def last_meeting(dates: list[date], as_of: date) -> date | None:
    """The latest meeting before as_of."""
    return next((d for d in reversed(dates) if d < as_of), None)


def stamp(municipality: str) -> Stamp:
    """Municipality name, the latest load time of its current submissions and whether the data is demo data."""
    rows = db.query_rows("meetings_stamp", municipality=municipality)
    return Stamp(*rows[0]) if rows else Stamp(municipality, None, False)


def economy_months(municipality: str, month: str) -> dict[str, list[economy.MonthPoint]]:
    """Committee -> its months from January to the period with running year-to-date sums (as economy.monthly)."""
    rows = db.query_rows(
        "meetings_economy_months", municipality=municipality, year_start=economy.year_start(month), month=month
    )
    by_committee: dict[str, list[tuple]] = {}
    for committee, *row in rows:
        by_committee.setdefault(committee, []).append(row)
    return {committee: economy.running_points(months) for committee, months in by_committee.items()}


def committee_economy(code: str, name: str, months: list[economy.MonthPoint], month: str) -> economy.EconomyRow | None:
    """The committee's row of economy.economy_table, from its monthly curve; None without a row for the month."""
    if not months or months[-1].month != month:
        return None
    last = months[-1]
    return economy.EconomyRow(
        "committee", code, name, None, True, last.annual_budget, last.budget_ytd, last.outcome_ytd, last.forecast
    )


def slides(municipality: str, month: str, meeting: date | None, as_of: date) -> list[Slide]:
    """One slide per committee of the municipality, in Swedish order of committee names."""
    counts = goals.attainment(goals.goals(municipality, month), by="committee")
    months = economy_months(municipality, month)
    items = assignments(municipality, as_of)
    serious = [d for d in deviations(municipality, month) if d.serious]
    red = [p for p in projects.portfolio(municipality, month, today=as_of) if p.red_light]
    out = []
    for code, name, reported in economy.committees(municipality, month):
        own = [item for item in items if item.recipient == code]
        money = committee_economy(code, name, months.get(code, []), month)
        out.append(
            Slide(
                committee=code,
                name=name,
                reported=reported,
                goal_counts=counts.get(name, {}),
                economy=money,
                economy_months=months[code] if money else [],
                overdue=[item for item in own if item.state == "overdue"],
                due=[item for item in due_at_meeting(own, meeting) if item.state != "overdue"] if meeting else [],
                serious=[d for d in serious if d.committee_code == code],
                red_projects=[p for p in red if p.owner == code],
            )
        )
    return out


def summary(municipality: str, month: str, deck: list[Slide]) -> Summary:
    """The whole municipality for the first slide: Översikt's totals, and the committees' serious deviations,
    report-backs due and red-light projects, in the deck's order."""
    red = [p for s in deck for p in s.red_projects]
    totals = overview.totals(overview.committee_summaries(municipality, month, red=red))
    return Summary(totals, [d for s in deck for d in s.serious], [a for s in deck for a in s.due], red)


def in_agenda_order(deck: list[Slide], order: list[str]) -> list[Slide]:
    """The committees in the agenda's order (committee codes); those not named keep their order after them."""
    rank = {code: i for i, code in enumerate(order)}
    return sorted(deck, key=lambda s: rank.get(s.committee, len(rank)))
