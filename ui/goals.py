"""Pure figure builders for goal attainment: chain of steering, stacked attainment bars, trend, indicator."""

import textwrap

from data.formatting import number
from data.goals import Goal, Indicator, IndicatorPoint
from data.periods import month_label
from data.vocabulary import ASSESSMENT, DIRECTION, INDICATOR_STATUS, PERSPECTIVE
from ui.figures import ASSESSMENT_STYLE, base_figure, empty_figure, figure, plot_text, titled, update_layout

NO_GOALS = "Inga mål är bedömda för perioden"
COUNCIL_COLOUR = "#0b3d6e"
STATUS_STYLE = {
    "on_target": {"colour": "#1a7f37", "symbol": "✔"},
    "off_target": {"colour": "#c62828", "symbol": "✖"},
    "no_target": {"colour": "#6e7781", "symbol": "○"},
    "no_outcome": {"colour": "#6e7781", "symbol": "○"},
}


def _pattern(style: dict) -> dict:
    """A light pattern drawn over the colour, so the categories differ in print and for colour-blind readers."""
    return {"shape": style["pattern"], "fillmode": "overlay", "fgcolor": "white", "fgopacity": 0.45, "size": 8}


def _wrap(text: str, width: int = 28) -> str:
    """Report text wrapped with <br> for Plotly, each line escaped so its own markup stays text."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width)) or plot_text(text)


def attainment_bars(counts: dict[str, dict[str, int]], title: str | None = None) -> dict:
    """Horizontal stacked bars of goals per assessment (incl. 'ej bedömt') for each group, with counts as text."""
    if not counts:
        return empty_figure(NO_GOALS)
    groups = list(counts)
    labels = [_wrap(g, 30) for g in groups]
    traces = [
        {
            "type": "bar",
            "name": f"{ASSESSMENT_STYLE[code]['symbol']} {ASSESSMENT.label(code)}",
            "y": labels,
            "x": [counts[g][code] for g in groups],
            "orientation": "h",
            "marker": {"color": ASSESSMENT_STYLE[code]["colour"], "pattern": _pattern(ASSESSMENT_STYLE[code])},
            "text": [str(counts[g][code]) if counts[g][code] else "" for g in groups],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "textfont": {"color": "white", "size": 15},
            "hovertemplate": "%{y}<br>" + ASSESSMENT.label(code) + ": %{x} mål<extra></extra>",
        }
        for code in ASSESSMENT.codes
    ]
    # No x-axis title: the caption names the figure and the legend would collide with it on narrow screens.
    return figure(
        traces,
        {
            "height": max(260, 150 + 48 * len(groups)),
            **titled(title),
            "barmode": "stack",
            "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "traceorder": "normal"},
            "margin": {"l": 20, "t": 60 if title else 20, "b": 90},
            "xaxis": {"tickformat": ",d", "rangemode": "tozero"},
            "yaxis": {"autorange": "reversed", "automargin": True},
        },
    )


def attainment_by_perspective(counts: dict[str, dict[str, int]]) -> dict:
    """Stacked attainment bars per perspective, perspectives in their usual order and named in Swedish."""
    ordered = {PERSPECTIVE.label(code): counts[code] for code in PERSPECTIVE.codes if code in counts}
    return attainment_bars(ordered)


def trend_figure(trend: dict[str, dict[str, int]]) -> dict:
    """Share of goals per assessment at each assessment period, as 100 % stacked columns with percentages."""
    if not trend:
        return empty_figure(NO_GOALS)
    months = list(trend)
    labels = [month_label(m) for m in months]
    totals = [sum(trend[m].values()) for m in months]
    traces = []
    for code in ASSESSMENT.codes:
        style = ASSESSMENT_STYLE[code]
        shares = [trend[m][code] / t * 100 if t else 0 for m, t in zip(months, totals, strict=True)]
        hover = f"%{{x}}<br>{ASSESSMENT.label(code)}: %{{customdata}} mål (%{{y:.0f}} %)<extra></extra>"
        traces.append(
            {
                "type": "bar",
                "name": f"{style['symbol']} {ASSESSMENT.label(code)}",
                "x": labels,
                "y": shares,
                "marker": {"color": style["colour"], "pattern": _pattern(style)},
                "text": [f"{number(s)}\u00a0%" if s else "" for s in shares],
                "textposition": "inside",
                "textfont": {"color": "white"},
                "customdata": [trend[m][code] for m in months],
                "hovertemplate": hover,
            }
        )
    yaxis = {"title": {"text": "Andel av målen (%)"}, "range": [0, 100], "ticksuffix": "\u00a0%", "tickformat": "d"}
    return figure(
        traces,
        {
            "height": 360,
            "barmode": "stack",
            "legend": {"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0, "traceorder": "normal"},
            "margin": {"t": 20, "b": 90},
            "yaxis": yaxis,
            "xaxis": {"type": "category"},
        },
    )


def chain_figure(goals: list[Goal], indicators: list[Indicator]) -> dict:
    """The chain of steering as a treemap: council goals contain committee goals, which contain indicators.

    Committee goals are coloured by assessment and indicators by status, and every box also says it in words.
    """
    if not goals:
        return empty_figure(NO_GOALS)
    ids, labels, parents, colours, hovers = [], [], [], [], []
    for council_id in dict.fromkeys(g.council_goal_id for g in goals):
        first = next(g for g in goals if g.council_goal_id == council_id)
        ids.append(council_id)
        labels.append(f"<b>{plot_text(council_id)}</b> {_wrap(first.council_goal, 40)}")
        parents.append("")
        colours.append(COUNCIL_COLOUR)
        hovers.append(plot_text(f"Fullmäktiges mål {council_id}: {first.council_goal}"))
    for g in goals:
        node = f"{g.council_goal_id}/{g.committee_code}/{g.goal_id}"
        style = ASSESSMENT_STYLE[g.assessment]
        ids.append(node)
        labels.append(
            f"{style['symbol']} {ASSESSMENT.label(g.assessment)}<br><b>{plot_text(g.goal_id)}</b> {_wrap(g.goal)}"
        )
        parents.append(g.council_goal_id)
        colours.append(style["colour"])
        hovers.append(plot_text(f"{g.committee}: {g.goal} – {ASSESSMENT.label(g.assessment)}"))
    nodes = {(g.committee_code, g.goal_id): f"{g.council_goal_id}/{g.committee_code}/{g.goal_id}" for g in goals}
    for i in indicators:
        parent = nodes.get((i.committee_code, i.goal_id))
        if parent is None:
            continue
        style = STATUS_STYLE[i.status]
        ids.append(f"{parent}/{i.indicator_id}")
        labels.append(f"{style['symbol']} {_wrap(i.name, 24)}")
        parents.append(parent)
        colours.append(style["colour"])
        hovers.append(plot_text(f"Indikator {i.indicator_id}: {i.name} – {INDICATOR_STATUS.label(i.status)}"))
    fig = base_figure(height=520)
    fig["data"].append(
        dict(
            type="treemap",
            ids=ids,
            labels=labels,
            parents=parents,
            marker={"colors": colours, "line": {"color": "white", "width": 2}},
            textfont={"color": "white", "size": 15},
            hovertext=hovers,
            hoverinfo="text",
            maxdepth=2,
            tiling={"pad": 4},
            pathbar={"visible": True, "textfont": {"color": "white"}},
        )
    )
    update_layout(fig, margin={"l": 4, "r": 4, "t": 30, "b": 4})
    return fig


def indicator_figure(points: list[IndicatorPoint]) -> dict:
    """Outcome over time against the target line; the title says which direction is better."""
    if not points:
        return empty_figure("Välj en indikator")
    latest = points[-1]
    periods = [p.period for p in points]
    unit = plot_text(latest.unit)
    fig = base_figure(plot_text(f"{latest.name} ({DIRECTION.label(latest.direction).lower()})"), height=380)
    fig["data"].append(
        dict(
            type="scatter",
            name="Utfall",
            x=periods,
            y=[p.outcome for p in points],
            mode="lines+markers+text",
            marker={"size": 11, "color": "#0b5394"},
            line={"width": 3, "color": "#0b5394"},
            text=[f"{number(p.outcome, 1)}" if p.outcome is not None else "" for p in points],
            textposition="top center",
            hovertemplate="%{x}: %{y:,.1f} " + unit + "<extra>Utfall</extra>",
        )
    )
    targets = [p.target for p in points]
    if any(t is not None for t in targets):
        fig["data"].append(
            dict(
                type="scatter",
                name="Målvärde",
                x=periods,
                y=targets,
                mode="lines",
                line={"width": 2, "dash": "dash", "color": "#c62828"},
                hovertemplate="%{x}: målvärde %{y:,.1f} " + unit + "<extra></extra>",
            )
        )
    update_layout(fig, xaxis={"type": "category", "title": {"text": "Period"}})
    update_layout(fig, yaxis={"title": {"text": unit}, "rangemode": "tozero"})
    update_layout(fig, legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0}, margin={"b": 90})
    return fig
