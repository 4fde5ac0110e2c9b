"""The network's measure: improvement suggestions per employee, ranked fairly across municipalities.

Definitions (one place, shown on the page):
- For a period of whole months within one year, employees = the average of the monthly employee counts
  (each month's count summed over departments, averaged over the months).
- Submitted (implemented) per employee = suggestions submitted (implemented) in the period / employees.
- Implementation rate = implemented / submitted.
- A municipality is incomplete when any department lacks either figure in any month of the period; it is
  shown with what is missing and left out of the ranking instead of being ranked as if it had zero. The
  departments expected are those with any figure from January of the period's year to its last month.
- The default period is the newest month in which every participant is complete, named on the page.
- Ranking is competition ranking (1, 2, 2, 4) on the exact rate, so equal rates share a place.
- Target pace: the yearly target per employee pro rata (target x months / 12) against the period's rate.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from data.db import query_rows
from data.groups import Group
from data.periods import MONTH_ABBREVIATIONS, SWEDISH_MONTHS, months_between

MEASURES = ("implemented", "submitted")


@dataclass(frozen=True)
class Period:
    """Whole months first..last within one calendar year."""

    first: str
    last: str

    @cached_property
    def months(self) -> list[str]:
        """Every 'YYYY-MM' of the period."""
        return months_between(self.first, self.last)

    @cached_property
    def n_months(self) -> int:
        """Number of months in the period."""
        return len(self.months)

    @property
    def year(self) -> int:
        """The calendar year of the period."""
        return int(self.first[:4])

    @property
    def full_year(self) -> bool:
        """True when the period is January to December."""
        return self.first.endswith("-01") and self.last.endswith("-12")

    def label(self) -> str:
        """Swedish label, e.g. 'helår 2024', 'hittills i år (jan–okt 2025)', 'mars 2025'."""
        first, last = int(self.first[5:]), int(self.last[5:])
        if self.full_year:
            return f"helår {self.year}"
        if first == last:
            return f"{SWEDISH_MONTHS[first - 1]} {self.year}"
        span = f"{MONTH_ABBREVIATIONS[first - 1]}–{MONTH_ABBREVIATIONS[last - 1]} {self.year}"
        return f"hittills i år ({span})" if first == 1 else span


def make_period(first: str | None, last: str | None, available: list[str]) -> Period | None:
    """The period to show: last defaults to the latest month with data, first to January of that year.

    A first month in another year than last, or after it, is replaced by January of last's year.
    None when the network has no suggestion data at all.
    """
    if last not in available:
        if not available:
            return None
        last = available[0]
    january = f"{last[:4]}-01"
    if not first or first[:4] != last[:4] or first > last or len(first) != 7:
        first = january
    return Period(first, last)


def scope_period(month: str | None, single_month: bool, available: list[str]) -> Period | None:
    """January to month, or month alone when single_month; month defaults to the latest with data."""
    chosen = make_period(None, month, available)
    if chosen and single_month:
        return Period(chosen.last, chosen.last)
    return chosen


def latest_complete_month(single_month: bool, available: list[str], horizon: int = 24) -> str | None:
    """The ranking's default month: the newest whose period is complete for every participant.

    Looks back at most horizon months; None when none of them is complete for everyone.
    """
    for month in available[:horizon]:
        rows = _rates(scope_period(month, single_month, available), None, False)
        if rows and all(r.complete for r in rows):
            return month
    return None


def available_months() -> list[str]:
    """Months with suggestion figures anywhere in the network, latest first."""
    return [row[0] for row in query_rows("network_months")]


@dataclass(eq=False)
class Rates:
    """Suggestions and employees of one municipality (department None) or one department for a period."""

    municipality_code: str
    municipality: str
    department: str | None
    submitted: int
    implemented: int
    employee_months: int  # sum of monthly employee counts over the months with both figures
    n_months: int  # months in the period
    present_months: tuple[str, ...]
    missing_months: tuple[str, ...]
    definitions: tuple[str, ...]
    departments: int = 1
    rank: int | None = None

    @property
    def complete(self) -> bool:
        """Every department has both figures in every month of the period."""
        return not self.missing_months and len(self.present_months) == self.n_months

    @property
    def employees(self) -> float | None:
        """Average monthly employee count over the months with figures."""
        if not self.present_months or not self.employee_months:
            return None
        return self.employee_months / len(self.present_months)

    def exact(self, measure: str) -> Fraction | None:
        """The rate per employee as an exact fraction, so equal rates rank equally."""
        if not self.present_months or not self.employee_months:
            return None
        return Fraction(getattr(self, measure) * len(self.present_months), self.employee_months)

    def per_employee(self, measure: str) -> float | None:
        """Submitted or implemented suggestions per employee in the period."""
        if not self.present_months or not self.employee_months:
            return None
        return getattr(self, measure) * len(self.present_months) / self.employee_months

    def per_100(self, measure: str) -> float | None:
        """Submitted or implemented suggestions per 100 employees in the period."""
        value = self.per_employee(measure)
        return None if value is None else value * 100

    @property
    def implementation_rate(self) -> float | None:
        """Implemented / submitted, in percent."""
        return None if not self.submitted else self.implemented / self.submitted * 100


def competition_ranks(rows: list[Rates], measure: str) -> list[Rates]:
    """Complete rows ordered best first with ranks 1, 2, 2, 4; incomplete rows get no rank."""
    keyed = [(r.exact(measure), r) for r in rows if r.complete]
    keyed = sorted((pair for pair in keyed if pair[0] is not None), key=lambda pair: pair[0], reverse=True)
    previous = None
    for index, (value, row) in enumerate(keyed):
        row.rank = previous[1].rank if previous and previous[0] == value else index + 1
        previous = (value, row)
    ranked = [row for _, row in keyed]
    ranked_ids = {id(row) for row in ranked}
    for row in rows:
        if id(row) not in ranked_ids:
            row.rank = None
    return ranked


def _rates(period: Period, municipality: str | None, by_department: bool) -> list[Rates]:
    rows = query_rows(
        "network_cells", first=period.first, last=period.last, municipality=municipality, by_department=by_department
    )
    months, n_months = period.months, period.n_months
    out = []
    for code, name, _committee, department, s, i, e, present, complete, departments, definitions in rows:
        done = set(complete)
        missing = tuple(m for m in months if m not in done)
        out.append(
            Rates(
                code,
                name,
                department,
                s,
                i,
                e,
                n_months,
                tuple(sorted(present)),
                missing,
                tuple(sorted(definitions)),
                departments=1 if by_department else departments,
            )
        )
    return out


def department_rates(period: Period, municipality: str, measure: str = "implemented") -> list[Rates]:
    """One municipality's departments with the same measures, ranked among themselves; unranked ones last."""
    rows = [r for r in _rates(period, municipality, True) if r.department is not None]
    ranked = competition_ranks(rows, measure)
    return ranked + [r for r in rows if r.rank is None]


@dataclass(frozen=True)
class TargetStatus:
    """A municipality's yearly target per employee against its pace in the period."""

    target: float  # per employee and year
    pro_rata: float  # target x months / 12
    actual: float  # per employee in the period
    months: int

    @property
    def on_track(self) -> bool:
        """The period's rate reaches the pro-rata target."""
        return self.actual >= self.pro_rata - 1e-12

    @property
    def difference(self) -> float:
        """Actual minus pro-rata target, per employee."""
        return self.actual - self.pro_rata


def target_status(target: float | None, actual: float | None, months: int) -> TargetStatus | None:
    """Compare a yearly target per employee pro rata with the period's rate; None without both figures."""
    if target is None or actual is None:
        return None
    # In decimal, so 0,13 x 9 / 12 is 0,0975 (binary gives 0,09749…) and rounds to 0,098 like every other figure.
    return TargetStatus(target, float(Decimal(str(target)) * months / 12), actual, months)


@dataclass
class Ranking:
    """The network's ranking for one period and measure, with leader, definitions and targets."""

    period: Period
    measure: str
    ranked: list[Rates]  # complete municipalities, best first
    incomplete: list[Rates]
    leaders: list[Rates]  # rank 1 by implemented per employee
    runner_up: Rates | None  # best rate below the leader's
    common_definition: str | None
    targets: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)

    @property
    def leader_gap(self) -> float | None:
        """Leader's implemented per employee minus the runner-up's."""
        if not self.leaders or self.runner_up is None:
            return None
        return self.leaders[0].per_employee("implemented") - self.runner_up.per_employee("implemented")

    def status(self, row: Rates, measure: str = "implemented") -> TargetStatus | None:
        """Target status of a municipality for submitted or implemented; None when incomplete or no target."""
        if not row.complete:
            return None
        submitted, implemented = self.targets.get(row.municipality_code, (None, None))
        target = implemented if measure == "implemented" else submitted
        return target_status(target, row.per_employee(measure), self.period.n_months)


def ranking(period: Period, measure: str = "implemented", group: Group | None = None) -> Ranking:
    """Rank every participating municipality (of the comparison group) for the period; incomplete ones apart."""
    assert measure in MEASURES, measure
    totals = [r for r in _rates(period, None, False) if group is None or group.keep(r.municipality_code)]
    by_implemented = competition_ranks(totals, "implemented")
    leaders = [r for r in by_implemented if r.rank == 1]
    runner_up = next((r for r in by_implemented if r.rank != 1), None)
    ranked = competition_ranks(totals, measure)
    definitions = Counter(d for r in totals for d in r.definitions)
    targets = {code: (ts, ti) for code, _year, ts, ti in query_rows("network_targets", year=period.year)}
    return Ranking(
        period,
        measure,
        ranked,
        [r for r in totals if not r.complete],
        leaders,
        runner_up,
        definitions.most_common(1)[0][0] if definitions else None,
        targets,
    )


@dataclass(frozen=True)
class MonthPoint:
    """One month of one municipality: counts, employees, completeness and the network's median that month."""

    municipality_code: str
    municipality: str
    month: str
    submitted: int
    implemented: int
    employees: int
    complete: bool
    median_submitted_per_100: float | None
    median_implemented_per_100: float | None

    def per_100(self, measure: str) -> float | None:
        """Suggestions per 100 employees in this month; None when the month is incomplete."""
        if not self.complete or not self.employees:
            return None
        return getattr(self, measure) / self.employees * 100

    def median_per_100(self, measure: str) -> float | None:
        """The network's median per 100 employees this month (municipalities complete that month)."""
        return getattr(self, f"median_{measure}_per_100")


def monthly(first: str, last: str, codes: list[str] | None = None, group: Group | None = None) -> list[MonthPoint]:
    """Monthly figures of the municipalities in codes (None: all) for months first..last, with the medians of
    the comparison group (None: every municipality)."""
    members = None if group is None or group.codes is None else list(group.codes)
    rows = query_rows("network_monthly", first=first, last=last, codes=codes, group_codes=members)
    return [MonthPoint(*row) for row in rows]


@dataclass(frozen=True)
class YearPoint:
    """One year of one municipality: the rate over its complete months."""

    municipality_code: str
    municipality: str
    year: int
    submitted: int
    implemented: int
    employee_months: int
    complete_months: int
    last_month: int  # latest complete month number, so a partial year can be labelled jan–okt

    def per_employee(self, measure: str) -> float | None:
        """Suggestions per employee over the complete months of the year."""
        if not self.employee_months:
            return None
        return getattr(self, measure) * self.complete_months / self.employee_months


def yearly(points: list[MonthPoint]) -> list[YearPoint]:
    """Yearly rates per municipality from monthly points, counting only complete months."""
    groups: dict[tuple[str, int], list[MonthPoint]] = {}
    for p in points:
        if p.complete:
            groups.setdefault((p.municipality_code, int(p.month[:4])), []).append(p)
    return [
        YearPoint(
            code,
            ps[0].municipality,
            year,
            sum(p.submitted for p in ps),
            sum(p.implemented for p in ps),
            sum(p.employees for p in ps),
            len(ps),
            max(int(p.month[5:]) for p in ps),
        )
        for (code, year), ps in groups.items()
    ]
