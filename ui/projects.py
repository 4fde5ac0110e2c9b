"""Pure builders for the project pages: projects in, plain-dict figures (or grid rows, export sheets) out.

Figures are plain dicts (ui.figures.figure), without plotly's per-property validation: far cheaper than
go.Bar(...) + add_trace + update_layout, which matters in the portfolio callback at 30x scale.
tests/test_projects_figures.py validates every figure with plotly, so a misspelt property still fails.
"""

import re
from collections import Counter
from datetime import date
from urllib.parse import quote, urlencode

from data.formatting import count, iso_date, percent
from data.projects import Project, thin_history_text
from data.vocabulary import LIGHT, PHASE, YES_NO
from ui.components import text_column
from ui.figures import LIGHT_STYLE, PALETTE, empty_figure, figure, plot_text

NO_PROJECTS = "Inga projekt rapporterade för valt urval."
# Committees are told apart by pattern as well as colour.
PATTERNS = ("", "/", "\\", "x", ".", "+", "-", "|")
LIGHT_COLUMNS = ("Tid", "Kostnad", "Leverans")
RED = LIGHT_STYLE["red"]["colour"]
ROW_HEIGHT = 34
DATE_AXIS = {"type": "date", "tickformat": "%Y-%m-%d", "title": {"text": "Rapportdatum"}}
LEGEND_ON_TOP = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}
_SV_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z), ignoring case."""
    return text.casefold().translate(_SV_LAST)


def labels(projects: list[Project]) -> list[str]:
    """A unique axis label per project: its name, with its id added where two projects share a name (as text)."""
    counts = Counter(p.name for p in projects)
    return [plot_text(p.name if counts[p.name] == 1 else f"{p.name} ({p.project_id})") for p in projects]


def _portfolio_layout(height: int, xaxis: dict, yaxis: dict, legend: dict = LEGEND_ON_TOP, **layout) -> dict:
    """The portfolio figures' layout: room for long names and dates, the legend above the plot (never over a title)."""
    return {
        "height": height,
        "xaxis": {"automargin": True, **xaxis},
        "yaxis": {"automargin": True, **yaxis},
        "legend": legend,
        "margin": {"t": 60},
        **layout,
    }


def _height(rows: int, extra: int = 150) -> int:
    return max(260, extra + ROW_HEIGHT * rows)


def _ms(start: date, end: date) -> float:
    """Bar length on a date axis, in milliseconds."""
    return (end - start).days * 86_400_000.0


def phase_figure(projects: list[Project]) -> dict:
    """Projects per phase, Förberedelse to Avslut, stacked by owner committee (count written on each part)."""
    if not projects:
        return empty_figure(NO_PROJECTS)
    committees = sorted({(p.owner, p.owner_name) for p in projects}, key=lambda c: sv_key(c[1]))
    phases = list(PHASE.labels)
    traces = []
    for i, (code, owner_name) in enumerate(committees):
        name = plot_text(owner_name)
        counts = Counter(PHASE.label(p.phase) for p in projects if p.owner == code)
        x = [counts.get(phase, 0) for phase in phases]
        traces.append(
            {
                "type": "bar",
                "name": name,
                "y": phases,
                "x": x,
                "orientation": "h",
                "text": [str(v) if v else "" for v in x],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "marker": {"color": PALETTE[i % len(PALETTE)], "pattern": {"shape": PATTERNS[i % len(PATTERNS)]}},
                "hovertemplate": f"{name}<br>%{{y}}: %{{x}} projekt<extra></extra>",
            }
        )
    return figure(
        traces,
        _portfolio_layout(
            _height(len(phases), 190),
            xaxis={"title": {"text": "Antal projekt"}, "tickformat": "d", "rangemode": "tozero"},
            yaxis={"categoryorder": "array", "categoryarray": phases, "autorange": "reversed"},
            legend={**LEGEND_ON_TOP, "traceorder": "normal"},  # stacked bars would list committees in reverse
            barmode="stack",
        ),
    )


def gantt_figure(projects: list[Project], today: date) -> dict:
    """Planned and forecast period of each project as bars from start, with today marked by a line."""
    if not projects:
        return empty_figure(NO_PROJECTS)
    names = labels(projects)
    starts = [p.start_date.isoformat() for p in projects]
    planned = {
        "type": "bar",
        "name": "Planerat",
        "y": names,
        "base": starts,
        "x": [_ms(p.start_date, p.planned_end) for p in projects],
        "orientation": "h",
        "marker": {"color": PALETTE[0]},
        "customdata": [[iso_date(p.start_date), iso_date(p.planned_end)] for p in projects],
        "hovertemplate": "%{y}<br>Planerat: %{customdata[0]} – %{customdata[1]}<extra></extra>",
    }
    forecast = {
        "type": "bar",
        "name": "Prognos",
        "y": names,
        "base": starts,
        "x": [_ms(p.start_date, p.forecast_end) for p in projects],
        "orientation": "h",
        "marker": {"color": [RED if p.slip_days > 0 else PALETTE[1] for p in projects], "pattern": {"shape": "/"}},
        "text": [count(p.slip_days, "dag", "dagar", signed=True) if p.slip_days else "" for p in projects],
        "textposition": "outside",
        "customdata": [
            [iso_date(p.start_date), iso_date(p.forecast_end), count(p.slip_days, "dag", "dagar", signed=True)]
            for p in projects
        ],
        "hovertemplate": (
            "%{y}<br>Prognos: %{customdata[0]} – %{customdata[1]}<br>Förskjutning: %{customdata[2]}<extra></extra>"
        ),
    }
    first = min(p.start_date for p in projects)
    last = max(today, *(max(p.planned_end, p.forecast_end) for p in projects))
    pad = (last - first) * 0.15
    day = today.isoformat()
    window = [(first - pad / 5).isoformat(), (last + pad).isoformat()]
    return figure([planned, forecast], _portfolio_layout(_height(len(projects), 170),
        xaxis={"type": "date", "tickformat": "%Y-%m-%d", "range": window},
        yaxis={"autorange": "reversed", "tickformat": ""},
        barmode="group",
        bargap=0.25,
        shapes=[
            {"type": "line", "x0": day, "x1": day, "y0": 0, "y1": 1, "yref": "paper",
             "line": {"color": "#1f2328", "width": 2, "dash": "dash"}},
        ],
        annotations=[
            {"x": day, "y": 1, "yref": "paper", "yanchor": "top", "xanchor": "left", "text": f"Idag {iso_date(today)}",
             "showarrow": False, "bgcolor": "white", "font": {"size": 14}},
        ]))  # fmt: skip


def budget_cost_figure(projects: list[Project]) -> dict:
    """Budget beside cost to date for each project; cost above budget is its own red, hatched series."""
    if not projects:
        return empty_figure(NO_PROJECTS)
    names = labels(projects)
    traces = [
        {
            "type": "bar",
            "name": "Budget",
            "y": names,
            "x": [p.budget for p in projects],
            "orientation": "h",
            "offsetgroup": "budget",
            "marker": {"color": PALETTE[0]},
            "hovertemplate": "%{y}<br>Budget: %{x:,.0f} tkr<extra></extra>",
        }
    ]
    for over, name, colour, pattern in (
        (False, "Kostnad hittills", PALETTE[4], ""),
        (True, "Kostnad över budget", RED, "x"),
    ):
        part = [(p, label) for p, label in zip(projects, names, strict=True) if (p.cost_to_date > p.budget) == over]
        traces.append(
            {
                "type": "bar",
                "name": name,
                "y": [label for _, label in part],
                "x": [p.cost_to_date for p, _ in part],
                "orientation": "h",
                "offsetgroup": "cost",
                "marker": {"color": colour, "pattern": {"shape": pattern}},
                "text": [f"{percent(p.cost_share)} av budget" if p.cost_share is not None else "" for p, _ in part],
                "textposition": "outside",
                "hovertemplate": "%{y}<br>Kostnad hittills: %{x:,.0f} tkr<br>%{text}<extra></extra>",
            }
        )
    highest = max(max(p.budget, p.cost_to_date) for p in projects)
    return figure(
        traces,
        _portfolio_layout(
            _height(len(projects), 170),
            xaxis={"title": {"text": "tkr"}, "tickformat": ",~r", "range": [0, highest * 1.35 if highest > 0 else 1]},
            yaxis={"categoryorder": "array", "categoryarray": names, "autorange": "reversed", "tickformat": ""},
            barmode="group",
            bargap=0.25,
        ),
    )


def light_matrix_figure(projects: list[Project]) -> dict:
    """Time, cost and delivery lights and the number of flags per project, most troubled project on top."""
    if not projects:
        return empty_figure(NO_PROJECTS)
    ordered = sorted(projects, key=lambda p: p.trouble, reverse=True)  # stable: Swedish name order within ties
    names = labels(ordered)
    traces = []
    for code, style in LIGHT_STYLE.items():
        xs, ys, hover = [], [], []
        for p, name in zip(ordered, names, strict=True):
            for column, light in zip(LIGHT_COLUMNS, p.lights, strict=True):
                if light == code:
                    xs.append(column)
                    ys.append(name)
                    hover.append(f"{name}<br>{column}: {style['symbol']} {style['label']}")
        traces.append(
            {
                "type": "scatter",
                "name": style["label"],
                "x": xs,
                "y": ys,
                "mode": "markers+text",
                "marker": {"symbol": style["marker"], "size": 18, "color": style["colour"]},
                "text": [style["label"]] * len(xs),
                "textposition": "middle right",
                "textfont": {"color": style["colour"]},
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "name": "Flaggor",
            "x": ["Flaggor"] * len(ordered),
            "y": names,
            "mode": "text",
            "text": [str(len(p.flags)) if p.flags else "–" for p in ordered],
            "textfont": {"size": 16},
            "hovertext": [
                f"{name}<br>" + ("<br>".join(f.label for f in p.flags) if p.flags else "Inga flaggor")
                for p, name in zip(ordered, names, strict=True)
            ],
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    fixed = {"categoryorder": "array", "fixedrange": True}
    return figure(
        traces,
        _portfolio_layout(
            _height(len(ordered), 140),
            xaxis={**fixed, "categoryarray": [*LIGHT_COLUMNS, "Flaggor"], "side": "top", "range": [-0.5, 3.6]},
            yaxis={**fixed, "categoryarray": names, "autorange": "reversed", "tickformat": ""},
            legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top"},
        ),
    )


def _thin(reports: list[Project]) -> dict | None:
    text = thin_history_text(len(reports))
    return empty_figure(text) if text else None


def _days(reports: list[Project]) -> list[str]:
    return [r.report_date.isoformat() for r in reports]


def _new_decision_points(reports: list[Project]) -> list[str]:
    """Each report's decision point where it differs from the report before ('' elsewhere), to label once."""
    out, previous = [], None
    for r in reports:
        out.append(r.decision_point if r.decision_point and r.decision_point != previous else "")
        previous = r.decision_point
    return out


def phase_history_figure(reports: list[Project]) -> dict:
    """The phase at each report as a step line, labelled where a new decision point has been passed."""
    if (thin := _thin(reports)) is not None:
        return thin
    trace = {
        "type": "scatter",
        "name": "Fas",
        "x": _days(reports),
        "y": [PHASE.label(r.phase) for r in reports],
        "mode": "lines+markers+text",
        "line": {"shape": "hv", "color": PALETTE[0], "width": 3},
        "marker": {"size": 10},
        "text": _new_decision_points(reports),
        "textposition": "top center",
        "customdata": [
            [iso_date(r.report_date), r.decision_point or "ingen", iso_date(r.decision_date)] for r in reports
        ],
        "hovertemplate": (
            "Rapport %{customdata[0]}<br>Fas: %{y}<br>Beslutspunkt: %{customdata[1]} (%{customdata[2]})<extra></extra>"
        ),
    }
    phases = list(PHASE.labels)
    return figure(
        [trace],
        _portfolio_layout(
            320,
            xaxis=DATE_AXIS,
            yaxis={"categoryorder": "array", "categoryarray": phases, "range": [-0.5, 3.5], "tickformat": ""},
            showlegend=False,
        ),
    )


def lights_history_figure(reports: list[Project]) -> dict:
    """Time, cost and delivery lights at each report: symbol, colour and word."""
    if (thin := _thin(reports)) is not None:
        return thin
    traces = []
    for code, style in LIGHT_STYLE.items():
        xs, ys = [], []
        for r in reports:
            for column, light in zip(LIGHT_COLUMNS, r.lights, strict=True):
                if light == code:
                    xs.append(r.report_date.isoformat())
                    ys.append(column)
        traces.append(
            {
                "type": "scatter",
                "name": LIGHT.label(code),
                "x": xs,
                "y": ys,
                "mode": "markers",
                "marker": {"symbol": style["marker"], "size": 18, "color": style["colour"]},
                "hovertemplate": f"%{{x|%Y-%m-%d}}<br>%{{y}}: {style['label']}<extra></extra>",
            }
        )
    yaxis = {"categoryorder": "array", "categoryarray": list(LIGHT_COLUMNS), "autorange": "reversed", "tickformat": ""}
    return figure(traces, _portfolio_layout(300, xaxis=DATE_AXIS, yaxis=yaxis))


def _against(reports: list[Project], planned: tuple[str, list], actual: tuple[str, list], unit: str, yaxis: dict):
    """A dashed step line of what was planned and a solid line of what happened, report by report."""
    days = _days(reports)
    traces = [
        {
            "type": "scatter",
            "name": planned[0],
            "x": days,
            "y": planned[1],
            "mode": "lines",
            "line": {"shape": "hv", "dash": "dash", "color": PALETTE[0], "width": 2},
            "hovertemplate": f"Rapport %{{x|%Y-%m-%d}}<br>{planned[0]}: {unit}<extra></extra>",
        },
        {
            "type": "scatter",
            "name": actual[0],
            "x": days,
            "y": actual[1],
            "mode": "lines+markers",
            "line": {"color": PALETTE[5], "width": 3},
            "marker": {"size": 9, "symbol": "diamond"},
            "hovertemplate": f"Rapport %{{x|%Y-%m-%d}}<br>{actual[0]}: {unit}<extra></extra>",
        },
    ]
    return figure(traces, _portfolio_layout(320, xaxis=DATE_AXIS, yaxis=yaxis))


def cost_history_figure(reports: list[Project]) -> dict:
    """Cost to date at each report against the budget of that report (tkr)."""
    if (thin := _thin(reports)) is not None:
        return thin
    return _against(
        reports,
        ("Budget", [r.budget for r in reports]),
        ("Kostnad hittills", [r.cost_to_date for r in reports]),
        "%{y:,.0f} tkr",
        {"title": {"text": "tkr"}, "rangemode": "tozero"},
    )


def forecast_history_figure(reports: list[Project]) -> dict:
    """The forecast end date report by report, against the planned end date."""
    if (thin := _thin(reports)) is not None:
        return thin
    return _against(
        reports,
        ("Planerat slut", [r.planned_end.isoformat() for r in reports]),
        ("Prognos slut", [r.forecast_end.isoformat() for r in reports]),
        "%{y|%Y-%m-%d}",
        {"type": "date", "tickformat": "%Y-%m-%d", "title": {"text": "Slutdatum"}},
    )


# --- Table rows and export ---------------------------------------------------------------------------------------


def date_column(field: str, header: str, width: int) -> dict:
    """A 2025-03-31 column kept as text: ag-grid would infer a date type and show '–' (no date) as an empty cell."""
    return {**text_column(field, header, width=width), "cellDataType": "text"}


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def project_href(project_id: str, municipality: str | None = None, month: str | None = None) -> str:
    """Address of a project's own page, the id URL-quoted so any id is safe in the path."""
    query = urlencode({k: v for k, v in (("kommun", municipality), ("period", month)) if v})
    return f"/projekt/{quote(project_id, safe='')}" + (f"?{query}" if query else "")


def markdown_link(text: str, href: str) -> str:
    """A Markdown link whose text is escaped, so report text is shown as typed (the grid renders no HTML)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return f"[{escaped}]({href})"


def _light(code: str) -> str:
    style = LIGHT_STYLE[code]
    return f"{style['symbol']} {style['label']}"


def table_row(p: Project, municipality: str | None = None, month: str | None = None) -> dict:
    """One grid row: text for text columns (lights as symbol and word), numbers for number columns."""
    return {
        "project": markdown_link(p.name, project_href(p.project_id, municipality, month)),
        "project_id": p.project_id,
        "owner": p.owner_name,
        "phase": PHASE.label(p.phase),
        "decision_point": p.decision_point or "–",
        "decision_date": iso_date(p.decision_date),
        "light_time": _light(p.light_time),
        "light_cost": _light(p.light_cost),
        "light_delivery": _light(p.light_delivery),
        "budget": p.budget,
        "cost_to_date": p.cost_to_date,
        "cost_share": p.cost_share,
        "planned_end": iso_date(p.planned_end),
        "forecast_end": iso_date(p.forecast_end),
        "slip_days": p.slip_days,
        "external_funding": p.external_funding,
        "funder": p.funder or "",
        "last_status_report": iso_date(p.last_status_report),
        "flags": ", ".join(f.label for f in p.flags),
        "period": p.period,
    }


EXPORT_HEADERS = (
    "Projekt-ID", "Projekt", "Ägande nämnd", "Fas", "Senaste beslutspunkt", "Beslutspunkt datum",
    "Tid", "Kostnad", "Leverans", "Budget (tkr)", "Kostnad hittills (tkr)", "Andel av budget (%)",
    "Start", "Planerat slut", "Prognos slut", "Förskjutning (dagar)", "Extern finansiering (tkr)", "Finansiär",
    "Senaste statusrapport", "Slutrapport", "Beställare", "Projektledare", "Flaggor",
)  # fmt: skip


def export_sheets(projects: list[Project]) -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """The portfolio and its flags as plain values for the formula-safe Excel writer."""
    portfolio = [
        [
            p.project_id, p.name, p.owner_name, PHASE.label(p.phase), p.decision_point, p.decision_date,
            LIGHT.label(p.light_time), LIGHT.label(p.light_cost), LIGHT.label(p.light_delivery),
            p.budget, p.cost_to_date, None if p.cost_share is None else round(p.cost_share, 1),
            p.start_date, p.planned_end, p.forecast_end, p.slip_days, p.external_funding, p.funder,
            p.last_status_report, YES_NO.label(p.final_report) or None, p.sponsor_role, p.manager_role,
            ", ".join(f.label for f in p.flags),
        ]
        for p in projects
    ]  # fmt: skip
    flags = [[p.project_id, p.name, f.label, f.text] for p in projects for f in p.flags]
    return {
        "Projekt": (EXPORT_HEADERS, portfolio),
        "Flaggor": (("Projekt-ID", "Projekt", "Flagga", "Förklaring"), flags),
    }
