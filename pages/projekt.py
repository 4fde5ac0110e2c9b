"""Projekt: the project portfolio with phases, decision points, traffic lights, money, schedule and flags."""

from datetime import date

import dash
from dash import Input, Output, State, callback, dcc, html

from data import meta, projects
from data.formatting import iso_date, number, percent, tkr
from data.periods import as_of_day, month_label
from data.vocabulary import PHASE, PROJECT_FLAG
from ui.components import FilterPage, data_table, empty_state, kpi_card, number_column, section, text_column
from ui.export import XLSX_MIME, export_button, xlsx_bytes
from ui.figures import graph
from ui.projects import (
    budget_cost_figure,
    date_column,
    export_sheets,
    gantt_figure,
    light_matrix_figure,
    phase_figure,
    project_href,
    table_row,
)

dash.register_page(__name__, path="/projekt", name="Projekt", order=5)
PREFIX = "projekt"
TITLE = "Projekt"
PAGE_FILTERS = ("fas", "flagga")
PAGE = FilterPage(PREFIX, TITLE, committee=True, url_params=PAGE_FILTERS)

FLAG_OPTIONS = [
    {"label": "Alla flaggade projekt", "value": projects.ANY_FLAG},
    {"label": "Rött ljus", "value": projects.RED_LIGHT},
    *({"label": label, "value": code} for code, label in PROJECT_FLAG.items),
]


def _columns() -> list[dict]:
    project = {**text_column("project", "Projekt", width=240), "cellRenderer": "markdown", "pinned": "left"}
    return [
        project,
        text_column("project_id", "Projekt-ID", width=120),
        text_column("owner", "Ägande nämnd", width=220),
        text_column("phase", "Fas", width=140),
        text_column("decision_point", "Senaste BP", width=135),
        date_column("decision_date", "BP datum", 130),
        text_column("light_time", "Tid", width=110),
        text_column("light_cost", "Kostnad", width=120),
        text_column("light_delivery", "Leverans", width=120),
        number_column("budget", "Budget", suffix="tkr", width=130),
        number_column("cost_to_date", "Kostnad hittills", suffix="tkr", width=150),
        number_column("cost_share", "Andel av budget", decimals=0, suffix="%", width=140),
        date_column("planned_end", "Planerat slut", 140),
        date_column("forecast_end", "Prognos slut", 140),
        number_column("slip_days", "Förskjutning", suffix=("dag", "dagar"), width=140, signed=True),
        number_column("external_funding", "Extern finansiering", suffix="tkr", width=170),
        text_column("funder", "Finansiär", width=180),
        date_column("last_status_report", "Senaste statusrapport", 180),
        text_column("flags", "Flaggor", width=300, wrap=True),
        text_column("period", "Senast rapporterat", width=170),
    ]


def _flag_help() -> html.Details:
    items = [html.Dt("Rött ljus"), html.Dd(projects.RED_LIGHT_RULE)]
    for label, meaning in projects.flag_definitions():
        items += [html.Dt(label), html.Dd(meaning)]
    return html.Details(
        [html.Summary("Så flaggas projekt och så räknas rött ljus"), html.Dl(items, className="mb-0 mt-2")],
        className="empty-state mb-3",
        id="projekt-flag-help",
    )


def layout(kommun=None, period=None, namnd=None, fas=None, flagga=None, **_):
    """The portfolio of a municipality as of a month, optionally one owner committee, phase or flag."""
    filters = meta.resolve(kommun, period, namnd)
    if filters.month is None:
        return PAGE.no_data()
    phases = [{"label": label, "value": code} for code, label in PHASE.items]
    # Few options: no search box (Dash's own search placeholder is English).
    extra = [
        PAGE.choice("fas", "Fas", phases, fas, "Alla faser", searchable=False),
        PAGE.choice("flagga", "Flagga", FLAG_OPTIONS, flagga, "Alla projekt", searchable=False),
    ]
    return PAGE.layout(
        filters,
        html.Div(id="projekt-kpis", className="row g-3 mb-2"),
        section(
            "Projektportfölj",
            html.P(id="projekt-scope", className="mb-1"),
            data_table("projekt-table", [], _columns(), page_size=25),
            export_button(PREFIX),
            source=(PREFIX, "project"),
        ),
        section(
            "Projekt som behöver uppmärksamhet",
            _flag_help(),
            html.Div(id="projekt-flagged"),
            graph("projekt-lights", "Trafikljus och antal flaggor per projekt, flest röda överst"),
            source=(PREFIX, "project"),
        ),
        section(
            "Portföljen i bilder",
            graph("projekt-phases", "Projekt per fas och ägande nämnd, från Förberedelse till Avslut"),
            graph(
                "projekt-gantt",
                "Tidplan: planerad tid och prognos från start, med dagens datum markerat",
            ),
            graph("projekt-budget", "Budget och kostnad hittills per projekt (tkr)"),
            source=(PREFIX, "project"),
        ),
        intro="Projektbanken: varje projekts fas, beslutspunkt, trafikljus, ekonomi och tidplan, med flaggor "
        "för det som behöver följas upp. Klicka på ett projektnamn för att se projektets historik.",
        extra=extra,
    )


def _kpis(chosen: list[projects.Project]) -> list:
    budget = sum(p.budget for p in chosen)
    cost = sum(p.cost_to_date for p in chosen)
    external = sum(p.external_funding or 0 for p in chosen)
    red = sum(1 for p in chosen if p.red_light)
    flagged = sum(1 for p in chosen if p.flags)
    cards = [
        ("Projekt", number(len(chosen)), "i urvalet"),
        ("Projekt med rött ljus", number(red), "tid, kostnad eller leverans; tills BP4 är fattad"),
        ("Flaggade projekt", number(flagged), "se förklaringar nedan"),
        ("Kostnad hittills", tkr(cost), f"{percent(cost / budget * 100) if budget else '–'} av budget {tkr(budget)}"),
        ("Extern finansiering", tkr(external), "EU och annan medfinansiering"),
    ]
    return [html.Div(kpi_card(*card), className="col-6 col-lg") for card in cards]


def _flagged_list(chosen: list[projects.Project], municipality: str, month: str):
    flagged = sorted((p for p in chosen if p.flags), key=lambda p: p.trouble, reverse=True)
    if not flagged:
        return empty_state("Inga flaggade projekt i urvalet.")
    return html.Ul(
        [
            html.Li(
                [
                    dcc.Link(p.name, href=project_href(p.project_id, municipality, month), className="fw-semibold"),
                    f" ({p.owner_name})",
                    html.Ul([html.Li([html.Strong(f"{f.label}: "), f.text]) for f in p.flags]),
                ],
                className="mb-2",
            )
            for p in flagged
        ],
        className="list-unstyled",
        id="projekt-flagged-list",
    )


def _chosen(municipality, month, committee, fas, flagga, today: date | None = None) -> list[projects.Project]:
    return projects.select(projects.portfolio(municipality, month, committee, today=today), fas, flagga)


@callback(
    Output("projekt-kpis", "children"),
    Output("projekt-scope", "children"),
    Output("projekt-table", "rowData"),
    Output("projekt-flagged", "children"),
    Output("projekt-lights", "figure"),
    Output("projekt-phases", "figure"),
    Output("projekt-gantt", "figure"),
    Output("projekt-budget", "figure"),
    *PAGE.inputs(),
    Input("projekt-fas", "value"),
    Input("projekt-flagga", "value"),
)
def update(municipality, month, committee, fas, flagga):
    """Refresh key figures, table, flags and portfolio views for the chosen filters."""
    today = date.today()
    chosen = _chosen(municipality, month, committee, fas, flagga, today)
    on = as_of_day(month, today)
    scope = (
        f"{number(len(chosen))} projekt enligt senaste rapport till och med {month_label(month)}. "
        f"Flaggorna gäller läget {iso_date(on)}."
    )
    return (
        _kpis(chosen),
        scope,
        [table_row(p, municipality, month) for p in chosen],
        _flagged_list(chosen, municipality, month),
        light_matrix_figure(chosen),
        phase_figure(chosen),
        gantt_figure(chosen, today),
        budget_cost_figure(chosen),
    )


@callback(
    Output("projekt-export-download", "data"),
    Input("projekt-export", "n_clicks"),
    *PAGE.states(),
    State("projekt-fas", "value"),
    State("projekt-flagga", "value"),
    prevent_initial_call=True,
)
def export(n_clicks, municipality, month, committee, fas, flagga):
    """The portfolio as filtered, with a sheet of flag explanations, as a formula-safe Excel file."""
    content = xlsx_bytes(export_sheets(_chosen(municipality, month, committee, fas, flagga)))
    return dcc.send_bytes(
        content, f"projekt_{municipality}_{month}{'_' + committee if committee else ''}.xlsx", type=XLSX_MIME
    )
