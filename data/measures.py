"""The measures of domain.md, defined once: budget deviation in tkr and as a percentage of budget."""


def difference(a: float | None, b: float | None) -> float | None:
    """a − b rounded to 0.1 (tkr carry one decimal; rounding hides float noise), or None when either is missing."""
    return None if a is None or b is None else round(a - b, 1)


def percent(part: float | None, whole: float | None) -> float | None:
    """part as a percentage of |whole|; None when either is missing or whole is zero."""
    return None if part is None or not whole else part / abs(whole) * 100


class BudgetDeviation:
    """Budget deviation for anything with budget_ytd, outcome_ytd, annual_budget and forecast (tkr).

    Net cost is negative, so outcome − budget < 0 is an overspend (underskott) and > 0 an underspend (överskott).
    """

    budget_ytd: float | None
    outcome_ytd: float | None
    annual_budget: float | None
    forecast: float | None

    @property
    def deviation_ytd(self) -> float | None:
        """Outcome − budget January..month, tkr; negative is an overspend."""
        return difference(self.outcome_ytd, self.budget_ytd)

    @property
    def deviation_ytd_pct(self) -> float | None:
        """Deviation to date as a percentage of |budget to date|."""
        return percent(self.deviation_ytd, self.budget_ytd)

    @property
    def forecast_deviation(self) -> float | None:
        """Full-year forecast − annual budget, tkr; negative is a forecast deficit."""
        return difference(self.forecast, self.annual_budget)

    @property
    def forecast_deviation_pct(self) -> float | None:
        """Forecast deviation as a percentage of |annual budget|."""
        return percent(self.forecast_deviation, self.annual_budget)
