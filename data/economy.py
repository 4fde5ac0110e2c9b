"""Economy read side: budget, outcome and forecast per municipality, committee and activity for one month.

Sign convention (docs/DEVELOPING.md): net cost is negative, deviation = outcome − budget, so a negative
deviation is an overspend (underskott) and a positive one an underspend (överskott).
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from data.db import query_rows
from data.measures import BudgetDeviation, difference
from data.periods import add_months, month_end

WORSENING_STREAK = 3  # a forecast that worsens this many months in a row is flagged


@dataclass(frozen=True)
class EconomyRow(BudgetDeviation):
    """One line of the economy table: the municipality, a committee or an activity, as of one month."""

    level: str  # 'municipality', 'committee' or 'activity'
    committee_code: str | None
    name: str
    activity: str | None
    reported: bool
    annual_budget: float | None
    budget_ytd: float | None
    outcome_ytd: float | None
    forecast: float | None

    @property
    def has_data(self) -> bool:
        """True when the row has economy figures for the month."""
        return self.budget_ytd is not None


@dataclass(frozen=True)
class EconomyTable:
    """The month's economy at every level; committee rows add up to the total, activity rows to their committee."""

    month: str
    total: EconomyRow
    committees: list[EconomyRow]
    activities: dict[str, list[EconomyRow]]

    def committee(self, code: str) -> EconomyRow | None:
        """The row of one committee, or None when the municipality has no such committee."""
        return next((row for row in self.committees if row.committee_code == code), None)


@dataclass(frozen=True)
class ForecastPoint:
    """One committee's full-year forecast as made in one month."""

    committee_code: str
    month: str
    annual_budget: float
    forecast: float
    streak: int  # consecutive months (ending here) in which the forecast deviation worsened

    @property
    def forecast_deviation(self) -> float:
        """Forecast − annual budget, tkr (the measure of data.measures)."""
        return difference(self.forecast, self.annual_budget)

    @property
    def flagged(self) -> bool:
        """True when the forecast has worsened at least WORSENING_STREAK months in a row up to here."""
        return self.streak >= WORSENING_STREAK


@dataclass(frozen=True)
class MonthPoint:
    """Budget and outcome of one month, with the running year-to-date sums."""

    month: str
    budget: float
    outcome: float
    budget_ytd: float
    outcome_ytd: float
    annual_budget: float
    forecast: float


def _money(value) -> float | None:
    # Sums of decimal(18,1) arrive as doubles; round away binary noise such as 0.30000000000000004.
    return None if value is None else round(float(value), 1)


def year_start(month: str) -> str:
    """January of the month's year, 'YYYY-01'."""
    return f"{month[:4]}-01"


def committees(municipality: str, month: str) -> list[tuple[str, str, bool]]:
    """(code, name, reported for the month) for every committee of the municipality, in Swedish name order."""
    return [
        (code, name, bool(reported))
        for code, name, reported in query_rows("economy_committees", municipality=municipality, month=month)
    ]


def economy_table(municipality: str, month: str) -> EconomyTable:
    """Budget, outcome to date and forecast per committee and activity for one month, with the municipality total."""
    names = committees(municipality, month)
    rows = query_rows("economy_rows", municipality=municipality, month=month, year_start=year_start(month))
    by_committee: dict[str, tuple] = {}
    activities: dict[str, list[EconomyRow]] = {}
    total_values: tuple = (None, None, None, None)
    name_of = {code: name for code, name, _ in names}
    reported_of = {code: reported for code, _, reported in names}
    for level_bits, code, activity, annual_budget, budget_ytd, outcome_ytd, forecast in rows:
        values = tuple(_money(v) for v in (annual_budget, budget_ytd, outcome_ytd, forecast))
        if level_bits == 3:
            total_values = values
        elif level_bits == 1:
            by_committee[code] = values
        else:
            activities.setdefault(code, []).append(
                EconomyRow("activity", code, activity or "Hela nämnden", activity, True, *values)
            )
    committee_rows = [
        EconomyRow("committee", code, name, None, reported, *by_committee.get(code, (None, None, None, None)))
        for code, name, reported in names
    ]
    # A committee with economy rows but no entry in the committee list still has to count toward the total.
    for code in sorted(set(by_committee) - set(name_of)):
        committee_rows.append(
            EconomyRow("committee", code, code, None, reported_of.get(code, False), *by_committee[code])
        )
    total = EconomyRow(
        "municipality", None, "Hela kommunen", None, any(r.reported for r in committee_rows), *total_values
    )
    return EconomyTable(month, total, committee_rows, activities)


def mark_streaks(points: list[tuple[str, str, float, float]]) -> list[ForecastPoint]:
    """ForecastPoints from (committee, month, annual budget, forecast) rows sorted by committee and month.

    The forecast deviation (forecast − annual budget) worsens when it is lower than the previous month's;
    the streak counts consecutive worsenings and restarts at a month that does not worsen or is not consecutive.
    """
    out: list[ForecastPoint] = []
    previous: ForecastPoint | None = None
    for code, month, annual_budget, forecast in points:
        point = ForecastPoint(code, month, _money(annual_budget), _money(forecast), 0)
        if (
            previous is not None
            and previous.committee_code == code
            and add_months(previous.month, 1) == month
            and point.forecast_deviation < previous.forecast_deviation
        ):
            point = ForecastPoint(code, month, point.annual_budget, point.forecast, previous.streak + 1)
        out.append(point)
        previous = point
    return out


def forecast_history(municipality: str, month: str) -> list[ForecastPoint]:
    """Each committee's full-year forecast month by month from January to the month, with worsening streaks."""
    rows = query_rows("economy_forecast_history", municipality=municipality, month=month, year_start=year_start(month))
    return mark_streaks(rows)


def running_points(rows) -> list[MonthPoint]:
    """MonthPoints with running year-to-date sums from (month, budget, outcome, annual_budget, forecast) rows."""
    points, budget_ytd, outcome_ytd = [], 0.0, 0.0
    for month_, budget, outcome, annual_budget, forecast in rows:
        budget_ytd += budget
        outcome_ytd += outcome
        points.append(
            MonthPoint(
                month_,
                _money(budget),
                _money(outcome),
                _money(budget_ytd),
                _money(outcome_ytd),
                _money(annual_budget),
                _money(forecast),
            )
        )
    return points


def monthly(municipality: str, month: str, committee: str | None = None) -> list[MonthPoint]:
    """Budget and outcome month by month with running year-to-date sums, for the municipality or one committee."""
    return running_points(
        query_rows(
            "economy_monthly", municipality=municipality, month=month, year_start=year_start(month), committee=committee
        )
    )


def worsening_committees(history: list[ForecastPoint], month: str) -> list[ForecastPoint]:
    """The committees whose forecast has worsened WORSENING_STREAK or more months in a row up to the month."""
    return [p for p in history if p.month == month and p.flagged]


@dataclass(frozen=True)
class DataVersion:
    """What a report for a municipality and month is made from, so an archived report can be traced to its data."""

    municipality: str
    published_at: str | None
    loaded_at: datetime | None
    submission_ids: tuple[int, ...]

    @property
    def digest(self) -> str:
        """Short sha256 of the submission ids: equal digests mean the same data."""
        text = ",".join(str(i) for i in self.submission_ids)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def data_version(municipality: str, month: str) -> DataVersion:
    """The municipality's name, load time and the current submissions with periods ending by the month's end."""
    end: date = month_end(month)
    rows = query_rows("economy_report_sources", municipality=municipality, month_end=end)
    if not rows:
        return DataVersion(municipality, None, None, ())
    name, published_at, loaded_at, ids = rows[0]
    return DataVersion(name, published_at, loaded_at, tuple(ids))
