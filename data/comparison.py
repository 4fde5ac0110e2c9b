"""Comparing shared indicators across the network, with each municipality's target and Kolada's national figures.

An indicator is shared when at least two municipalities report it under the same Kolada KPI id or, without one,
under the same name. Values can be normalised per employee (average monthly employee count over the
indicator's period, only when every month has a count) or per 1 000 inhabitants (municipality.inhabitants),
and only for units that are counts or amounts: a percentage or a rate is never divided again.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from data.db import query_rows
from data.goals import indicator_status
from data.periods import month_of, parse_period
from data.provenance import Scope

# Query-string value -> Swedish label of the normalisation.
KPI_KEY = "kpi:"  # a shared indicator's key is 'kpi:N15419' (by Kolada KPI) or 'namn:<name>'
NORMALISATIONS = {"": "Faktiskt värde", "medarbetare": "Per medarbetare", "invanare": "Per 1 000 invånare"}
COUNT_UNITS = ("st", "st.", "antal", "kr", "kronor", "tkr", "mkr", "ärenden", "personer", "besök", "timmar")
_ALREADY_A_RATE = re.compile(r"\bper\b|andel|median|genomsnitt|snitt", re.IGNORECASE)


def normalisable(unit: str | None, name: str = "") -> bool:
    """True for a count or an amount (by unit) that is not already a rate or a share (by name)."""
    return (unit or "").strip().casefold() in COUNT_UNITS and not _ALREADY_A_RATE.search(name)


@dataclass(frozen=True)
class SharedIndicator:
    """An indicator reported by several municipalities, identified by Kolada KPI id or name."""

    key: str
    name: str
    unit: str
    direction: str
    kolada_kpi: str | None
    municipalities: int
    periods: tuple[str, ...]  # with an outcome, latest first
    codes: tuple[str, ...] = ()  # the municipalities that report it

    @property
    def normalisable(self) -> bool:
        """Whether per-employee and per-inhabitant views make sense for this unit."""
        return normalisable(self.unit, self.name)


def shared_indicators() -> list[SharedIndicator]:
    """Every shared indicator in Swedish name order."""
    return [
        SharedIndicator(key, name, unit, direction, kpi, count, tuple(periods or ()), tuple(sorted(codes)))
        for key, name, unit, direction, kpi, count, periods, codes in query_rows("comparison_indicators")
    ]


def describe(key: str, items: list["Value"]) -> SharedIndicator | None:
    """The indicator as its values describe it (most common name and unit), without another query."""
    if not items:
        return None
    first = Counter((v.name, v.unit, v.direction, v.kolada_kpi) for v in items).most_common(1)[0][0]
    periods = tuple(sorted({v.period for v in items if v.outcome is not None}, reverse=True))
    codes = tuple(sorted({v.municipality_code for v in items}))
    return SharedIndicator(key, *first, len(codes), periods, codes)


@dataclass(eq=False)
class Value:
    """One municipality's value of a shared indicator for one period, with its own target and denominators."""

    municipality_code: str
    municipality: str
    committee_code: str
    indicator_id: str
    name: str
    unit: str
    direction: str
    target: float | None
    kolada_kpi: str | None
    period: str
    outcome: float | None
    inhabitants: int | None
    employees: float | None
    rank: int | None = None

    def scale(self, normalisation: str) -> float | None:
        """What one unit of the indicator is divided by; None when the denominator is missing."""
        if normalisation == "medarbetare":
            return self.employees or None
        if normalisation == "invanare":
            return self.inhabitants / 1000 if self.inhabitants else None
        return 1.0

    def shown(self, normalisation: str = "") -> float | None:
        """The outcome, normalised when asked."""
        scale = self.scale(normalisation)
        return None if self.outcome is None or scale is None else self.outcome / scale

    def target_shown(self, normalisation: str = "") -> float | None:
        """The municipality's own target on the same scale as shown()."""
        scale = self.scale(normalisation)
        return None if self.target is None or scale is None else self.target / scale

    @property
    def status(self) -> str:
        """'on_target', 'off_target', 'no_target' or 'no_outcome', by the one rule in data.goals."""
        return indicator_status(self.outcome, self.target, self.direction)


def values(
    key: str, period: str | None = None, municipalities: list[str] | None = None, employees: bool = True
) -> list[Value]:
    """The indicator's values per municipality, for one period or (period None) every period.

    employees=False skips the employee denominator (cheaper when values are not shown per employee).
    """
    params = {"key": key, "period": period, "municipalities": municipalities or None, "with_employees": employees}
    rows = query_rows("comparison_values", **params)
    return [Value(*row) for row in rows]


def rank(items: list[Value], normalisation: str = "") -> list[Value]:
    """Values with a figure, best first by the indicator's direction, competition-ranked (1, 2, 2, 4)."""
    ranked = [v for v in items if v.shown(normalisation) is not None]
    higher = bool(ranked) and ranked[0].direction == "higher"
    ranked.sort(key=lambda v: v.shown(normalisation), reverse=higher)
    for index, item in enumerate(ranked):
        previous = ranked[index - 1] if index else None
        same = previous is not None and previous.shown(normalisation) == item.shown(normalisation)
        item.rank = previous.rank if same else index + 1
    kept = {id(v) for v in ranked}
    for item in items:
        if id(item) not in kept:
            item.rank = None
    return ranked


def network_median(items: list[Value], normalisation: str = "") -> float | None:
    """Median of the shown values of the municipalities that have one."""
    shown = [v.shown(normalisation) for v in items if v.shown(normalisation) is not None]
    return statistics.median(shown) if shown else None


@dataclass(frozen=True)
class Reference:
    """Kolada's national figures for one KPI and year."""

    period: str
    national_median: float | None
    municipalities: int
    riket: float | None


def kolada_year(period: str) -> str | None:
    """The Kolada year an indicator period compares with: a year, or a third tertial (January-December)."""
    if re.fullmatch(r"\d{4}", period):
        return period
    if re.fullmatch(r"\d{4}-T3", period):
        return period[:4]
    return None


def national_reference(kpi: str | None) -> dict[str, Reference]:
    """Kolada's national median and Riket per year for a KPI; empty when nothing is imported."""
    if not kpi:
        return {}
    return {row[0]: Reference(*row) for row in query_rows("comparison_reference", kpi=kpi)}


def source_scope(period: str | None, key: str | None = None, section=None) -> Scope:
    """What the comparison's 'Källa' covers: every municipality, reports up to the end of the chosen period, and
    the Kolada KPI of the indicator (key 'kpi:N15419') for the national figures."""
    parsed = parse_period(period) if period else None
    kpi = key.removeprefix(KPI_KEY) if isinstance(key, str) and key.startswith(KPI_KEY) else None
    return Scope(None, month_of(parsed[2]) if parsed else None, kpi=kpi)


def benchmarks(kpi: str | None, period: str) -> tuple[float | None, Reference | None]:
    """For an indicator with a Kolada KPI: the network's median for the period and Kolada's national figures for its
    year (None for what is missing; a monthly or first/second tertial period has no Kolada year)."""
    if not kpi:
        return None, None
    median = network_median(values(f"{KPI_KEY}{kpi}", period, employees=False))
    year = kolada_year(period)
    return median, national_reference(kpi).get(year) if year else None
