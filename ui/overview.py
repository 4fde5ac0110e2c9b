"""Pure figure builders for the overview: forecast deviation per committee and goal attainment per committee."""

from data.overview import CommitteeSummary
from ui.economy import forecast_deviation_bars
from ui.goals import attainment_bars


def forecast_deviation_figure(summaries: list[CommitteeSummary]) -> dict:
    """Översikt: every committee in Swedish order of name, those without figures labelled 'ingen rapport'."""
    return forecast_deviation_bars([(s.name, s.forecast_deviation) for s in summaries], "Inga nämnder")


def attainment_figure(summaries: list[CommitteeSummary]) -> dict:
    """Goal attainment per committee that has goals, as stacked bars including 'ej bedömt'."""
    counts = {
        s.name: {
            "met": s.goals_met,
            "partly_met": s.goals_partly_met,
            "not_met": s.goals_not_met,
            "not_assessed": s.goals_not_assessed,
        }
        for s in summaries
        if s.goals_total
    }
    return attainment_bars(counts)
