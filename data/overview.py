"""Overview read side: one summary per committee of a municipality for one month."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from data import goals, projects
from data.db import query_rows
from data.measures import BudgetDeviation, difference, percent
from data.periods import add_months, as_of_day, month_end, month_start


@dataclass(frozen=True)
class CommitteeSummary(BudgetDeviation):
    """What the overview shows for one committee and month; economy fields are None when it sent no figures."""

    committee_code: str
    name: str
    reported: bool
    report_date: date | None
    goals_met: int
    goals_partly_met: int
    goals_not_met: int
    goals_not_assessed: int
    goals_improved: int
    goals_worsened: int
    budget_ytd: float | None
    outcome_ytd: float | None
    annual_budget: float | None
    forecast: float | None
    previous_forecast_deviation: float | None
    open_deviations: int
    new_deviations: int
    overdue_assignments: int
    red_projects: int  # Project.red_light, counted per owner committee

    @property
    def goals_total(self) -> int:
        """Number of goals, assessed or not."""
        return self.goals_met + self.goals_partly_met + self.goals_not_met + self.goals_not_assessed

    @property
    def goals_assessed(self) -> int:
        """Number of goals with an assessment other than 'ej bedömt'."""
        return self.goals_met + self.goals_partly_met + self.goals_not_met

    def goal_share(self, assessment: str) -> float | None:
        """Share (0-100) of assessed goals with this assessment; None when no goal is assessed."""
        count = {"met": self.goals_met, "partly_met": self.goals_partly_met, "not_met": self.goals_not_met}
        return percent(count[assessment], self.goals_assessed)

    @property
    def forecast_change(self) -> float | None:
        """Change of the forecast deviation since the previous month's forecast, tkr (positive is better)."""
        return difference(self.forecast_deviation, self.previous_forecast_deviation)


def committee_summaries(
    municipality: str, month: str, today: date | None = None, red: list[projects.Project] | None = None
) -> list[CommitteeSummary]:
    """Every committee of the municipality for the month 'YYYY-MM', in Swedish order of name.

    red: the red-light projects of that month, when the caller has read the portfolio already (the meeting deck).
    """
    as_of = as_of_day(month, today)
    rows = query_rows(
        "overview_committees",
        municipality=municipality,
        month=month,
        previous=add_months(month, -1),
        month_start=month_start(month),
        month_end=month_end(month),
        previous_end=month_end(add_months(month, -1)),
        as_of=as_of,
        assessment_order=list(goals.ASSESSMENT_ORDER),
    )
    if red is None:
        red = [p for p in projects.portfolio(municipality, month, today=as_of) if p.red_light]
    owners = Counter(p.owner for p in red)
    return [CommitteeSummary(*row, red_projects=owners[row[0]]) for row in rows]


@dataclass(frozen=True)
class MunicipalityTotals:
    """The whole municipality's key figures: what Översikt's cards and the meeting's first slide both show."""

    committees: int
    reported: int
    goals_met: int
    goals_assessed: int
    deviation_ytd: float | None  # sum over committees with economy figures
    forecast_deviation: float | None
    economy_committees: int
    open_deviations: int
    overdue_assignments: int
    red_projects: int

    @property
    def goals_met_share(self) -> float | None:
        """Share (0-100) of the assessed goals that are met; None when none is assessed."""
        return percent(self.goals_met, self.goals_assessed)


def totals(summaries: list[CommitteeSummary]) -> MunicipalityTotals:
    """Sum the committees' summaries into the municipality's key figures."""
    ytd = [s.deviation_ytd for s in summaries if s.deviation_ytd is not None]
    forecast = [s.forecast_deviation for s in summaries if s.forecast_deviation is not None]
    return MunicipalityTotals(
        committees=len(summaries),
        reported=sum(s.reported for s in summaries),
        goals_met=sum(s.goals_met for s in summaries),
        goals_assessed=sum(s.goals_assessed for s in summaries),
        deviation_ytd=round(sum(ytd), 1) if ytd else None,
        forecast_deviation=round(sum(forecast), 1) if forecast else None,
        economy_committees=len(forecast),
        open_deviations=sum(s.open_deviations for s in summaries),
        overdue_assignments=sum(s.overdue_assignments for s in summaries),
        red_projects=sum(s.red_projects for s in summaries),
    )
