"""Pure figure builders for the network pages (Förbättringsförslag and Jämförelse): data in, plain-dict figures out."""

import statistics

from data.comparison import NORMALISATIONS, Reference, Value, kolada_year
from data.formatting import number
from data.network import MonthPoint, Ranking, Rates, YearPoint
from data.periods import MONTH_ABBREVIATIONS, months_between
from data.rankings import Gap, excerpt, place_text
from ui.figures import PALETTE, base_figure, empty_figure, plot_text, update_layout

MEASURE_LABEL = {"implemented": "Genomförda", "submitted": "Inlämnade"}
BAR_COLOUR, LEADER_COLOUR, TARGET_COLOUR, MEDIAN_COLOUR, NATIONAL_COLOUR, OWN_COLOUR = (
    PALETTE[0],
    PALETTE[2],
    PALETTE[5],
    PALETTE[7],
    PALETTE[6],
    PALETTE[1],
)


# A legend pinned to the bottom of the figure (not of the plot) never collides with the x-axis title.
BOTTOM_LEGEND = {"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0}


def _target_markers(points: list[tuple[str, float]], name: str, hover: str) -> dict:
    """Each municipality's own target as a diamond beside its bar: (label, value) pairs, hover without <extra>."""
    return dict(
        type="scatter",
        y=[label for label, _ in points],
        x=[value for _, value in points],
        mode="markers",
        name=name,
        marker={"symbol": "diamond", "size": 13, "color": TARGET_COLOUR, "line": {"width": 1, "color": "white"}},
        hovertemplate=hover + "<extra></extra>",
    )


def _definitions(r: Rates) -> str:
    """The employee definitions a municipality reported (workbook text, escaped)."""
    return plot_text("; ".join(r.definitions) or "ingen angiven")


def _bar_height(count: int) -> int:
    return max(280, 150 + 30 * count)


def _excerpt_labels(items: list, own: str | None, label) -> tuple[list, list[str]]:
    """Rows of an excerpt and their axis labels; a Gap becomes a label without a value, own is bold and marked."""
    rows, labels = [], []
    for item in items:
        if isinstance(item, Gap):
            rows.append(None)
            labels.append(f"<i>{item.label()}</i>")
            continue
        text = plot_text(label(item))
        rows.append(item)
        labels.append(f"<b>▶ {text}</b>" if item.municipality_code == own else text)
    return rows, labels


def _per_100_bars(labels: list[str], values: list, name: str, marker: dict, **trace) -> dict:
    """Horizontal bars per 100 employees, one a label from the top, each value written beside its bar."""
    fig = base_figure(height=_bar_height(len(labels)))
    fig["data"].append(
        dict(
            type="bar",
            y=labels,
            x=values,
            orientation="h",
            name=name,
            marker=marker,
            text=["" if v is None else number(v, 1) for v in values],
            textposition="outside",
            **trace,
        )
    )
    return fig


def ranking_figure(ranking: Ranking, annualised: bool = False, own: str | None = None) -> dict:
    """Ranked municipalities by the chosen measure per 100 employees, leader marked, own target pro rata.

    Beyond LIMIT places the chart shows the leaders and the own municipality with its neighbours; every skipped
    run of places is a named row ("… 205 kommuner till (plats 6–210), se tabellen").
    """
    if not ranking.ranked:
        return empty_figure("Ingen kommun har fullständiga uppgifter för perioden")
    measure, period = ranking.measure, ranking.period
    factor = 12 / period.n_months if annualised else 1
    leader_codes = {r.municipality_code for r in ranking.leaders}
    rows, labels = _excerpt_labels(
        excerpt(ranking.ranked, own),
        own,
        lambda r: f"{r.rank}. {r.municipality}" + (" ★ Ledare" if r.municipality_code in leader_codes else ""),
    )
    values = [None if r is None else r.per_100(measure) * factor for r in rows]
    colours = [
        OWN_COLOUR
        if r is not None and r.municipality_code == own
        else LEADER_COLOUR
        if r is not None and r.municipality_code in leader_codes
        else BAR_COLOUR
        for r in rows
    ]
    fig = _per_100_bars(
        labels,
        values,
        f"{MEASURE_LABEL[measure]} per 100 medarbetare",
        {"color": colours},
        customdata=[["", ""] if r is None else [number(r.employees, 0), _definitions(r)] for r in rows],
        hovertemplate="%{y}: %{text} per 100 medarbetare<br>Medarbetare %{customdata[0]} "
        "(%{customdata[1]})<extra></extra>",
    )
    targets = [(label, ranking.status(r, measure)) for label, r in zip(labels, rows, strict=True) if r is not None]
    shown = [(label, s.pro_rata * 100 * factor) for label, s in targets if s is not None]
    if shown:
        fig["data"].append(
            _target_markers(shown, "Eget mål, pro rata för perioden", "%{y}: mål %{x:.1f} per 100 medarbetare")
        )
    suffix = ", omräknat till helårstakt" if annualised else ""
    place = next((r for r in ranking.ranked if r.municipality_code == own), None)
    where = f"<br>{plot_text(place.municipality)}: {place_text(place.rank, len(ranking.ranked))}" if place else ""
    title = f"{MEASURE_LABEL[measure]} förslag per 100 medarbetare, {period.label()}{suffix}{where}"
    update_layout(
        fig,
        title={"text": title, "x": 0},
        yaxis={"autorange": "reversed", "tickformat": None},
        xaxis={"title": {"text": "per 100 medarbetare"}, "rangemode": "tozero"},
        margin={"l": 340 if len(rows) < len(ranking.ranked) else 220, "r": 40, "b": 100, "t": 90 if where else 60},
        legend=BOTTOM_LEGEND,
        showlegend=bool(shown),
    )
    return fig


def _median_by_month(points: list[MonthPoint], measure: str) -> dict[str, float]:
    return {p.month: p.median_per_100(measure) for p in points if p.median_per_100(measure) is not None}


def _median_line(x: list[str], y: list, name: str, hover: str, markers: bool = False) -> dict:
    """The median over time, drawn the same in every figure: a dashed line in MEDIAN_COLOUR."""
    mode = "lines+markers" if markers else "lines"
    line = {"color": MEDIAN_COLOUR, "dash": "dash", "width": 2}
    return dict(type="scatter", x=x, y=y, mode=mode, name=name, line=line, hovertemplate=hover)


def trend_figure(
    points: list[MonthPoint], measure: str, highlight: list[str], median_name: str = "Nätverkets median"
) -> dict:
    """Monthly rate per 100 employees for the highlighted municipalities against the network's median.

    Every month of the span is on the axis, so a month without complete figures is a visible gap.
    """
    if not points:
        return empty_figure("Inga månadsuppgifter för perioden")
    months = months_between(min(p.month for p in points), max(p.month for p in points))
    median = _median_by_month(points, measure)
    fig = base_figure(height=400)
    median_line = [median.get(m) for m in months]
    fig["data"].append(_median_line(months, median_line, median_name, "%{x|%Y-%m}: median %{y:.1f}<extra></extra>"))
    for index, code in enumerate(highlight):
        own = {p.month: p for p in points if p.municipality_code == code}
        if not own:
            continue
        name = plot_text(next(iter(own.values())).municipality)
        fig["data"].append(
            dict(
                type="scatter",
                x=months,
                y=[own[m].per_100(measure) if m in own else None for m in months],
                mode="lines+markers",
                name=name,
                marker={"symbol": ("circle", "square", "triangle-up", "diamond")[index % 4], "size": 8},
                line={"color": PALETTE[index % 2 * 2], "width": 3},
                connectgaps=False,
                hovertemplate=f"{name} %{{x|%Y-%m}}: %{{y:.1f}}<extra></extra>",
            )
        )
    update_layout(
        fig,
        title={"text": f"{MEASURE_LABEL[measure]} förslag per 100 medarbetare och månad", "x": 0},
        xaxis={"type": "date", "tickformat": "%b %Y", "dtick": "M3"},
        yaxis={"title": {"text": "per 100 medarbetare"}, "rangemode": "tozero"},
    )
    return fig


def yearly_figure(years: list[YearPoint], measure: str, codes: list[str]) -> dict:
    """Yearly rate per employee for the chosen municipalities; a year that is not yet full says which months."""
    shown = [y for y in years if y.municipality_code in codes]
    if not shown:
        return empty_figure("Inga årsuppgifter att visa")
    fig = base_figure(height=360)
    for index, code in enumerate(codes):
        own = sorted((y for y in shown if y.municipality_code == code), key=lambda y: y.year)
        if not own:
            continue
        labels = [
            str(y.year) if y.complete_months == 12 else f"{y.year} (jan–{MONTH_ABBREVIATIONS[y.last_month - 1]})"
            for y in own
        ]
        values = [y.per_employee(measure) for y in own]
        name = plot_text(own[0].municipality)
        fig["data"].append(
            dict(
                type="bar",
                x=labels,
                y=values,
                name=name,
                marker={"color": PALETTE[index % len(PALETTE)], "pattern": {"shape": ("", "/", ".", "x")[index % 4]}},
                text=[number(v, 2) for v in values],
                textposition="outside",
                hovertemplate=f"{name} %{{x}}: %{{text}} per medarbetare<extra></extra>",
            )
        )
    update_layout(
        fig,
        title={"text": f"{MEASURE_LABEL[measure]} förslag per medarbetare och år (ej omräknat)", "x": 0},
        barmode="group",
        xaxis={"type": "category"},
        yaxis={"title": {"text": "per medarbetare"}, "rangemode": "tozero", "tickformat": ",.2f"},
    )
    return fig


def department_figure(rows: list[Rates], measure: str, title: str) -> dict:
    """Departments of one municipality by the chosen measure per 100 employees; incomplete ones marked."""
    shown = [r for r in rows if r.per_100(measure) is not None]
    if not shown:
        return empty_figure("Inga förvaltningar med uppgifter för perioden")
    shown.sort(key=lambda r: r.per_100(measure), reverse=True)
    labels = [plot_text(r.department) + ("" if r.complete else " (ofullständig)") for r in shown]
    values = [r.per_100(measure) for r in shown]
    marker = {
        "color": [BAR_COLOUR if r.complete else "#9aa4b1" for r in shown],
        "pattern": {"shape": ["" if r.complete else "/" for r in shown]},
    }
    fig = _per_100_bars(
        labels, values, MEASURE_LABEL[measure], marker, hovertemplate="%{y}: %{text} per 100 medarbetare<extra></extra>"
    )
    update_layout(
        fig,
        title={"text": title, "x": 0},
        yaxis={"autorange": "reversed", "tickformat": None},
        xaxis={"title": {"text": "per 100 medarbetare"}, "rangemode": "tozero"},
        margin={"l": 300, "r": 40},
        showlegend=False,
    )
    return fig


# --- Jämförelse ------------------------------------------------------------------------------------------------


def _unit_text(unit: str, normalisation: str) -> str:
    """The indicator's unit (workbook text, escaped) with the normalisation when one is chosen."""
    unit = plot_text(unit)
    return unit if not normalisation else f"{unit} {NORMALISATIONS[normalisation].lower()}"


def _reference_lines(fig: dict, median: float | None, national: Reference | None) -> None:
    """Vertical lines for the network median and Kolada's national median, named in the legend."""
    lines = []
    if median is not None:
        lines.append((median, f"Nätverkets median {number(median, 1)}", MEDIAN_COLOUR, "dash"))
    if national is not None and national.national_median is not None:
        text = f"Rikets kommunmedian {number(national.national_median, 1)} (Kolada)"
        lines.append((national.national_median, text, NATIONAL_COLOUR, "dot"))
    for value, text, colour, dash in lines:
        # A line trace on a hidden 0..1 axis (not a shape) so the reference is named in the legend too.
        fig["data"].append(
            dict(
                type="scatter",
                x=[value, value],
                y=[0, 1],
                yaxis="y2",
                mode="lines",
                name=text,
                line={"color": colour, "dash": dash, "width": 2},
                hoverinfo="name",
            )
        )
    if lines:
        update_layout(fig, yaxis2={"overlaying": "y", "range": [0, 1], "visible": False})


def comparison_ranking_figure(
    ranked: list[Value],
    normalisation: str,
    median: float | None,
    national: Reference | None,
    own: str | None = None,
) -> dict:
    """Municipalities ranked by the indicator (best first by its direction), own target beside each value.

    Beyond LIMIT places it shows an excerpt like ranking_figure, naming every skipped run of places.
    """
    if not ranked:
        return empty_figure("Inga värden att jämföra för vald period")
    rows, labels = _excerpt_labels(excerpt(ranked, own), own, lambda v: f"{v.rank}. {v.municipality}")
    unit = _unit_text(ranked[0].unit, normalisation)
    values = [None if v is None else v.shown(normalisation) for v in rows]
    fig = base_figure(height=_bar_height(len(rows)) + 40)
    # Dots, not bars: values such as 83-89 % must be told apart, so the axis does not start at zero.
    fig["data"].append(
        dict(
            type="scatter",
            y=labels,
            x=values,
            mode="markers+text",
            name="Utfall",
            marker={"color": BAR_COLOUR, "size": 14, "symbol": "circle"},
            text=["" if v is None else number(v, 1) for v in values],
            textposition="middle left",
            hovertemplate=f"%{{y}}: %{{text}} {unit}<extra></extra>",
        )
    )
    targets = [(label, v.target_shown(normalisation)) for label, v in zip(labels, rows, strict=True) if v]
    targets = [(label, t) for label, t in targets if t is not None]
    if targets:
        fig["data"].append(_target_markers(targets, "Kommunens eget målvärde", f"%{{y}}: målvärde %{{x:.1f}} {unit}"))
    _reference_lines(fig, median, national)
    direction = "högre är bättre" if ranked[0].direction == "higher" else "lägre är bättre"
    update_layout(
        fig,
        title={"text": f"Rangordning ({direction})", "x": 0},
        yaxis={"autorange": "reversed", "tickformat": None},
        xaxis={"title": {"text": unit}},
        margin={"l": 200, "r": 40, "b": 110},
        legend=BOTTOM_LEGEND,
    )
    return fig


def distribution_figure(
    items: list[Value], normalisation: str, median: float | None, national: Reference | None
) -> dict:
    """The spread of the municipalities' values as a box with every municipality as a named point."""
    shown = [v for v in items if v.shown(normalisation) is not None]
    if len(shown) < 2:
        return empty_figure("Fördelningen kräver värden från minst två kommuner")
    unit = _unit_text(shown[0].unit, normalisation)
    fig = base_figure(height=340)
    fig["data"].append(
        dict(
            type="box",
            x=[v.shown(normalisation) for v in shown],
            name="Nätverket",
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            text=[plot_text(v.municipality) for v in shown],
            marker={"color": BAR_COLOUR, "size": 9},
            line={"color": "#4d4d4d"},
            fillcolor="rgba(11, 83, 148, 0.12)",
            hovertemplate=f"%{{text}}: %{{x:.1f}} {unit}<extra></extra>",
        )
    )
    _reference_lines(fig, median, national)
    update_layout(
        fig,
        title={"text": "Fördelning i nätverket", "x": 0},
        xaxis={"title": {"text": unit}},
        yaxis={"showticklabels": False},
        margin={"b": 110},
        legend=BOTTOM_LEGEND,
    )
    return fig


MAX_LINES = 12  # more municipalities than this are drawn as the network's median and middle half instead


def _spread_traces(shown: list[Value], periods: list[str], normalisation: str, unit: str) -> list[dict]:
    by_period: dict[str, list[float]] = {}
    for v in shown:
        by_period.setdefault(v.period, []).append(v.shown(normalisation))
    quartiles = {p: statistics.quantiles(vs, n=4) if len(vs) > 1 else [vs[0]] * 3 for p, vs in by_period.items()}
    low = [quartiles[p][0] if p in quartiles else None for p in periods]
    high = [quartiles[p][2] if p in quartiles else None for p in periods]
    middle = [quartiles[p][1] if p in quartiles else None for p in periods]
    band = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "showlegend": False}
    return [
        dict(type="scatter", x=periods, y=low, **band),
        dict(
            type="scatter",
            x=periods,
            y=high,
            fill="tonexty",
            fillcolor="rgba(11, 83, 148, 0.15)",
            name="Mittersta hälften av kommunerna",
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
        ),
        _median_line(
            periods, middle, "Nätverkets median", f"Median %{{x}}: %{{y:.1f}} {unit}<extra></extra>", markers=True
        ),
    ]


def comparison_trend_figure(items: list[Value], normalisation: str, references: dict[str, Reference]) -> dict:
    """Each chosen municipality's value per period (or, for many, the median and middle half), with Kolada's
    national median for whole years."""
    shown = [v for v in items if v.shown(normalisation) is not None]
    if not shown:
        return empty_figure("Inga värden över tid")
    periods = sorted({v.period for v in items})
    unit = _unit_text(shown[0].unit, normalisation)
    fig = base_figure(height=400)
    names = sorted({(plot_text(v.municipality), v.municipality_code) for v in shown})
    if len(names) > MAX_LINES:
        fig["data"].extend(_spread_traces(shown, periods, normalisation, unit))
    for index, (name, code) in enumerate(names if len(names) <= MAX_LINES else []):
        own = {v.period: v.shown(normalisation) for v in shown if v.municipality_code == code}
        fig["data"].append(
            dict(
                type="scatter",
                x=periods,
                y=[own.get(p) for p in periods],
                mode="lines+markers",
                name=name,
                connectgaps=False,
                line={"color": PALETTE[index % len(PALETTE)]},
                marker={"symbol": ("circle", "square", "triangle-up", "diamond", "x")[index % 5], "size": 8},
                hovertemplate=f"{name} %{{x}}: %{{y:.1f}} {unit}<extra></extra>",
            )
        )
    national = {p: references[y].national_median for p in periods if (y := kolada_year(p)) in references}
    if not normalisation and any(v is not None for v in national.values()):
        fig["data"].append(
            dict(
                type="scatter",
                x=periods,
                y=[national.get(p) for p in periods],
                mode="lines+markers",
                name="Rikets kommunmedian (Kolada, helår)",
                line={"color": NATIONAL_COLOUR, "dash": "dot", "width": 2},
                marker={"symbol": "star", "size": 11},
                connectgaps=True,
                hovertemplate="Rikets kommunmedian %{x}: %{y:.1f}<extra></extra>",
            )
        )
    title = (
        "Över tid" if len(names) <= MAX_LINES else f"Över tid: {len(names)} kommuner (välj kommuner för egna linjer)"
    )
    update_layout(
        fig,
        title={"text": title, "x": 0},
        xaxis={"type": "category"},
        yaxis={"title": {"text": unit}},
        # Room for the tick labels plus every legend row (about three entries a row), so they never overlap.
        margin={"b": 80 + 26 * (rows := -(-len(fig["data"]) // 3))},
        height=340 + 26 * rows,
        legend=BOTTOM_LEGEND,
    )
    return fig
