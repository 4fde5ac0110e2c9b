"""Pure figure builders for the overview: forecast deviation per committee and goal attainment per committee."""

import plotly.graph_objects as go

from data.formatting import tkr
from data.overview import CommitteeSummary
from ui.figures import base_figure, empty_figure, plot_text
from ui.goals import attainment_bars

DEFICIT = {"colour": "#c62828", "symbol": "▼", "label": "Underskott"}
SURPLUS = {"colour": "#1a7f37", "symbol": "▲", "label": "Överskott"}
NO_REPORT_SHORT = "ingen rapport"
MISSING = "#6e7781"


def forecast_deviation_figure(summaries: list[CommitteeSummary]) -> go.Figure:
    """Forecast − annual budget per committee (tkr); a committee without figures is labelled, never shown as 0."""
    if not summaries:
        return empty_figure("Inga nämnder")
    names = [plot_text(s.name) for s in summaries]
    values = [s.forecast_deviation for s in summaries]
    fig = base_figure(height=max(240, 80 + 44 * len(names)))
    styles = [DEFICIT if (v or 0) < 0 else SURPLUS for v in values]
    fig.add_trace(
        go.Bar(
            y=names,
            x=[v or 0 for v in values],
            orientation="h",
            marker={"color": [s["colour"] if v is not None else MISSING for s, v in zip(styles, values, strict=True)]},
            text=[
                f"{st['symbol']} {tkr(v, signed=True)}" if v is not None else NO_REPORT_SHORT
                for v, st in zip(values, styles, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            textfont={
                "color": [st["colour"] if v is not None else MISSING for v, st in zip(values, styles, strict=True)]
            },
            hovertemplate="%{y}: %{x:,.0f} tkr<extra></extra>",
            showlegend=False,
        )
    )
    extent = max([abs(v) for v in values if v is not None] or [1])
    fig.update_layout(
        margin={"l": 20, "r": 30, "t": 20},
        xaxis={
            "title": "Prognos − årsbudget (tkr)",
            "range": [-extent * 2.2, extent * 2.2],
            "tickformat": ",d",
            "zeroline": True,
            "zerolinewidth": 2,
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return fig


def attainment_figure(summaries: list[CommitteeSummary]) -> go.Figure:
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
