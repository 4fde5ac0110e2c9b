"""A project's own page (/projekt/<id>): its current state and its story from the successive submissions.

Reached from the portfolio; the shell leaves path_template pages out of the navbar. The id is URL-quoted in links
(ids such as 'KS 2025/112' hold spaces and slashes), so it is unquoted here.
"""

from urllib.parse import unquote

import dash
from dash import Output, State, callback, dcc, html

from data import meta, projects
from data.formatting import count, iso_date, percent, tkr
from data.vocabulary import PHASE, YES_NO
from ui.components import (
    data_table,
    empty_state,
    filter_bar,
    filter_href,
    filter_inputs,
    light_badge,
    no_data_page,
    number_column,
    register_filters,
    section,
    text_column,
)
from ui.figures import graph
from ui.projects import (
    cost_history_figure,
    date_column,
    forecast_history_figure,
    lights_history_figure,
    phase_history_figure,
    table_row,
)

# Where the browser walk and the benchmark open this page: a Härnösand demo project (the first municipality)
# with a long history.
EXAMPLE_PATH = "/projekt/P-2024-04?kommun=2280"
dash.register_page(
    __name__,
    path_template="/projekt/<id>",
    name="Projekt (ett projekt)",
    title="Projekt",
    order=6,
    nav=False,
    example_path=EXAMPLE_PATH,
)
PREFIX = "projekt-historik"
# 'Källa' lists the reports of this project only (its id is kept in the page's store).
register_filters(PREFIX, sources=([State("projekt-historik-id", "data")], projects.source_scope))


def layout(kommun=None, period=None, **params):
    """One project's page for a municipality, its history up to a month; the project id comes from the path."""
    filters = meta.resolve(kommun, period)
    if filters.month is None:
        return no_data_page("Projekt")
    project_id = unquote(params.get("id") or "")
    return html.Div(
        [
            html.H1(f"Projekt {project_id}", className="page-title", id="projekt-historik-title"),
            dcc.Store(id="projekt-historik-id", data=project_id),
            html.P(
                dcc.Link("← Till projektportföljen", href=filter_href("/projekt", filters), id="projekt-historik-back")
            ),
            filter_bar(PREFIX, filters),
            html.Div(id="projekt-historik-content"),
        ]
    )


def _facts(p: projects.Project) -> html.Div:
    rows = [
        ("Ägande nämnd", p.owner_name),
        ("Fas", PHASE.label(p.phase)),
        ("Senaste beslutspunkt", f"{p.decision_point} ({iso_date(p.decision_date)})" if p.decision_point else "Ingen"),
        ("Tid", light_badge(p.light_time)),
        ("Kostnad", light_badge(p.light_cost)),
        ("Leverans", light_badge(p.light_delivery)),
        ("Budget", tkr(p.budget)),
        ("Kostnad hittills", f"{tkr(p.cost_to_date)} ({percent(p.cost_share)} av budget)"),
        ("Start", iso_date(p.start_date)),
        ("Planerat slut", iso_date(p.planned_end)),
        ("Prognos slut", f"{iso_date(p.forecast_end)} ({count(p.slip_days, 'dag', 'dagar', signed=True)})"),
        (
            "Extern finansiering",
            f"{tkr(p.external_funding)} {p.funder or ''}".strip() if p.external_funding else "Ingen",
        ),
        ("Senaste statusrapport", iso_date(p.last_status_report)),
        ("Slutrapport", YES_NO.label(p.final_report) or "Ej angivet"),
        ("Beställare", p.sponsor_role or "–"),
        ("Projektledare", p.manager_role or "–"),
        ("Senaste rapport", f"{iso_date(p.report_date)} (period {p.period})"),
    ]
    items = []
    for term, value in rows:
        items += [html.Dt(term), html.Dd(value)]
    return html.Div(html.Dl(items), className="committee-card", id="projekt-historik-facts")


def _flags(p: projects.Project):
    if not p.flags:
        return empty_state("Inga flaggor för projektet.")
    return html.Ul([html.Li([html.Strong(f"{f.label}: "), f.text]) for f in p.flags], id="projekt-historik-flags")


def _history_columns() -> list[dict]:
    return [
        date_column("report_date", "Rapportdatum", 140),
        text_column("period", "Period", width=110),
        text_column("phase", "Fas", width=140),
        text_column("decision_point", "Senaste BP", width=135),
        text_column("light_time", "Tid", width=110),
        text_column("light_cost", "Kostnad", width=120),
        text_column("light_delivery", "Leverans", width=120),
        number_column("cost_to_date", "Kostnad hittills", suffix="tkr", width=150),
        number_column("budget", "Budget", suffix="tkr", width=130),
        date_column("forecast_end", "Prognos slut", 140),
        date_column("planned_end", "Planerat slut", 140),
    ]


def _history_rows(reports: list[projects.Project]) -> list[dict]:
    return [{**table_row(r), "report_date": iso_date(r.report_date)} for r in reports]


@callback(
    Output("projekt-historik-back", "href"),
    Output("projekt-historik-title", "children"),
    Output("projekt-historik-content", "children"),
    *filter_inputs(PREFIX),
    State("projekt-historik-id", "data"),
)
def update(municipality, month, project_id):
    """The project's state as of the month, its flags and its history report by report."""
    back = filter_href("/projekt", meta.Filters(municipality, month))
    current, reports = projects.story(municipality, project_id, month)
    if current is None:
        return (
            back,
            f"Projekt {project_id}",
            empty_state(
                f"Projektet {project_id or '(inget id)'} finns inte i kommunens rapporter till och med vald månad.",
                "Välj ett projekt i projektportföljen.",
            ),
        )
    return back, current.name, _content(current, reports)


def _history_graphs(reports: list[projects.Project]) -> list:
    return [
        graph(
            "projekt-historik-phase", "Fas och senaste beslutspunkt vid varje rapport", phase_history_figure(reports)
        ),
        graph("projekt-historik-lights", "Trafikljus vid varje rapport", lights_history_figure(reports)),
        graph("projekt-historik-cost", "Kostnad hittills mot budget (tkr)", cost_history_figure(reports)),
        graph(
            "projekt-historik-forecast", "Prognos för slutdatum rapport för rapport", forecast_history_figure(reports)
        ),
    ]


def _content(current: projects.Project, reports: list[projects.Project]) -> list:
    """Facts and flags as of the month, the story in words, then in figures unless the history is thin."""
    thin = projects.thin_history_text(len(reports))
    events = [html.Li([html.Strong(f"{iso_date(e.day)}: "), e.text]) for e in projects.events(reports)]
    return [
        html.P(f"Projekt-ID {current.project_id} · {current.owner_name}", className="text-body-secondary"),
        html.Div(
            [
                html.Div(_facts(current), className="col-12 col-lg-6"),
                html.Div(section("Flaggor", _flags(current), source=(PREFIX, "project")), className="col-12 col-lg-6"),
            ],
            className="row g-3",
        ),
        section(
            "Historik",
            empty_state(thin) if thin else None,
            html.Ol(events, id="projekt-historik-events"),
            *([] if thin else _history_graphs(reports)),
            source=(PREFIX, "project_history"),
        ),
        section(
            "Rapporter",
            data_table("projekt-historik-table", _history_rows(reports), _history_columns(), page_size=12),
            source=(PREFIX, "project_history"),
        ),
    ]
