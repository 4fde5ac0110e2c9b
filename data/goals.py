"""Goals read side: the chain of steering, attainment, trend and indicators of a municipality as of a month."""

from dataclasses import dataclass
from datetime import date

from data.db import query_rows
from data.periods import add_months, month_end
from data.vocabulary import ASSESSMENT

# The goal ranking, defined once: assessments from worst to best. 'not_assessed' has no rank, so a change to or from
# it is "ändrad", not better/worse. Översikt's SQL gets the same order bound as $assessment_order.
ASSESSMENT_ORDER = ("not_met", "partly_met", "met")
RANK = {code: place for place, code in enumerate(ASSESSMENT_ORDER, start=1)}
CHANGE_LABELS = {
    "new": "Ny bedömning",
    "improved": "Förbättrad",
    "worsened": "Försämrad",
    "unchanged": "Oförändrad",
    "changed": "Ändrad",
}


@dataclass(frozen=True)
class Goal:
    """A committee goal with its latest assessment as of the month and the assessment before that."""

    committee_code: str
    committee: str
    council_goal_id: str
    council_goal: str
    goal_id: str
    goal: str
    perspective: str
    assessment: str
    comment: str | None
    period: str
    previous_assessment: str | None
    previous_period: str | None

    @property
    def change(self) -> str:
        """'new', 'improved', 'worsened', 'unchanged' or 'changed' compared with the previous assessment."""
        return assessment_change(self.previous_assessment, self.assessment)


@dataclass(frozen=True)
class Indicator:
    """The latest row of an indicator as of the month."""

    committee_code: str
    indicator_id: str
    goal_id: str
    name: str
    unit: str
    direction: str
    target: float | None
    kolada_kpi: str | None
    period: str
    outcome: float | None

    @property
    def key(self) -> str:
        """Identifies the indicator within a municipality: 'committee|indicator id'."""
        return f"{self.committee_code}|{self.indicator_id}"

    @property
    def status(self) -> str:
        """Status of the latest outcome (see indicator_status)."""
        return indicator_status(self.outcome, self.target, self.direction)


@dataclass(frozen=True)
class IndicatorPoint:
    """One outcome of an indicator."""

    period: str
    period_end: date
    outcome: float | None
    target: float | None
    direction: str
    unit: str
    name: str
    kolada_kpi: str | None


def assessment_change(before: str | None, now: str) -> str:
    """How an assessment changed: 'new' without an earlier one, else improved/worsened/unchanged/changed."""
    if before is None:
        return "new"
    if before == now:
        return "unchanged"
    if before in RANK and now in RANK:
        return "improved" if RANK[now] > RANK[before] else "worsened"
    return "changed"


def changed_since_previous_month(municipality: str, month: str) -> list[Goal]:
    """Goals whose assessment changed since the previous month's view (an April change is no news in September)."""
    before = {(g.committee_code, g.goal_id): g.period for g in goals(municipality, add_months(month, -1))}
    return [
        g
        for g in goals(municipality, month)
        if g.change in ("improved", "worsened", "changed") and before.get((g.committee_code, g.goal_id)) != g.period
    ]


def indicator_status(outcome: float | None, target: float | None, direction: str) -> str:
    """'on_target', 'off_target', 'no_target' or 'no_outcome' (without both there is no status), per domain.md."""
    if target is None:
        return "no_target"
    if outcome is None:
        return "no_outcome"
    reached = outcome >= target if direction == "higher" else outcome <= target
    return "on_target" if reached else "off_target"


def goals(municipality: str, month: str, committee: str | None = None) -> list[Goal]:
    """Every committee goal as assessed by the end of the month, ordered by council goal, committee, goal id."""
    return [
        Goal(*row)
        for row in query_rows("goals_as_of", municipality=municipality, month_end=month_end(month), committee=committee)
    ]


def attainment(goal_list: list[Goal], by: str) -> dict[str, dict[str, int]]:
    """Counts per assessment grouped by 'committee' or 'perspective': {group: {assessment code: count}}."""
    out: dict[str, dict[str, int]] = {}
    for goal in goal_list:
        group = goal.committee if by == "committee" else goal.perspective
        counts = out.setdefault(group, dict.fromkeys(ASSESSMENT.codes, 0))
        counts[goal.assessment] += 1
    return out


def trend(municipality: str, month: str, committee: str | None = None) -> dict[str, dict[str, int]]:
    """Attainment over the assessment periods up to the month: {'YYYY-MM': {assessment code: count}}."""
    out: dict[str, dict[str, int]] = {}
    for at, assessment, count in query_rows(
        "goals_trend", municipality=municipality, month_end=month_end(month), committee=committee
    ):
        out.setdefault(at, dict.fromkeys(ASSESSMENT.codes, 0))[assessment] = int(count)
    return out


def indicators(municipality: str, month: str, committee: str | None = None) -> list[Indicator]:
    """The latest row of every indicator as of the month."""
    return [
        Indicator(*row)
        for row in query_rows(
            "goals_indicators", municipality=municipality, month_end=month_end(month), committee=committee
        )
    ]


def indicator_series(municipality: str, key: str, month: str) -> list[IndicatorPoint]:
    """Outcomes of one indicator ('committee|indicator id') up to the month, oldest first."""
    committee, _, indicator = key.partition("|")
    rows = query_rows(
        "goals_indicator_series",
        municipality=municipality,
        committee=committee,
        indicator=indicator,
        month_end=month_end(month),
    )
    return [IndicatorPoint(*row) for row in rows]
