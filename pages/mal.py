"""Mål: the chain of steering, goal attainment per committee and perspective, trend, indicators and a goal table."""

import dash
from dash import Input, Output, State, callback, dcc, html

from data import comparison, goals, meta
from data.formatting import number, percent
from data.goals import CHANGE_LABELS, Goal, Indicator
from data.vocabulary import ASSESSMENT, DIRECTION, INDICATOR_STATUS, PERSPECTIVE
from ui.components import (
    COMMITTEE_WIDTH,
    FilterPage,
    assessment_text,
    data_table,
    dropdown,
    empty_state,
    kpi_card,
    section,
    text_column,
)
from ui.export import XLSX_MIME, export_button, xlsx_bytes
from ui.figures import graph
from ui.goals import (
    STATUS_STYLE,
    attainment_bars,
    attainment_by_perspective,
    chain_figure,
    indicator_figure,
    trend_figure,
)

dash.register_page(__name__, path="/mal", name="Mål", title="Mål – Styrkedjan", order=1)
PREFIX = "mal"
TITLE = "Måluppfyllelse"
PAGE = FilterPage(PREFIX, TITLE, committee=True, url_params=("indikator", "bedomning"))

TABLE_COLUMNS = [
    text_column("committee", "Nämnd", width=COMMITTEE_WIDTH, wrap=True),
    text_column("council_goal", "KF-mål", width=180, wrap=True),
    text_column("goal", "Nämndmål", width=210, wrap=True),
    text_column("perspective", "Perspektiv", width=115),
    text_column("assessment", "Bedömning", width=150),
    text_column("change_text", "Förändring", width=190, wrap=True),
    {**text_column("comment", "Kommentar", wrap=True), "minWidth": 220},
]
EXPORT_HEADERS = {
    "committee": "Nämnd",
    "council_goal_id": "KF-mål-ID",
    "council_goal": "KF-mål",
    "goal_id": "Mål-ID",
    "goal": "Nämndmål",
    "perspective": "Perspektiv",
    "assessment": "Bedömning",
    "period": "Bedömningsperiod",
    "previous": "Förra bedömningen",
    "change": "Förändring",
    "comment": "Kommentar",
}


def goal_row(g: Goal) -> dict:
    """One table row: Swedish labels, assessment with its symbol, change since the previous assessment."""
    return {
        "committee": g.committee,
        "council_goal_id": g.council_goal_id,
        "council_goal": g.council_goal,
        "goal_id": g.goal_id,
        "goal": g.goal,
        "perspective": PERSPECTIVE.label(g.perspective),
        "assessment": assessment_text(g.assessment),
        "period": g.period,
        "previous": f"{assessment_text(g.previous_assessment)} ({g.previous_period})" if g.previous_assessment else "–",
        "change": CHANGE_LABELS[g.change],
        "change_text": CHANGE_LABELS[g.change]
        + (f" (förut {assessment_text(g.previous_assessment)}, {g.previous_period})" if g.previous_assessment else ""),
        "comment": g.comment or "",
    }


def chain_text(goal_list: list[Goal], indicator_list: list[Indicator]) -> html.Ul:
    """The chain of steering as nested lists: the facts of the treemap for screen readers and for print."""
    by_goal: dict[tuple[str, str], list[Indicator]] = {}
    for i in indicator_list:
        by_goal.setdefault((i.committee_code, i.goal_id), []).append(i)
    items = []
    for council_id in dict.fromkeys(g.council_goal_id for g in goal_list):
        children = [g for g in goal_list if g.council_goal_id == council_id]
        goal_items = []
        for g in children:
            indicator_items = [
                html.Li(f"Indikator {i.indicator_id}: {i.name} – {INDICATOR_STATUS.label(i.status)}")
                for i in by_goal.get((g.committee_code, g.goal_id), [])
            ]
            goal_items.append(
                html.Li(
                    [
                        f"{g.committee}, {g.goal_id}: {g.goal} – {assessment_text(g.assessment)}",
                        html.Ul(indicator_items) if indicator_items else None,
                    ]
                )
            )
        items.append(html.Li([f"Fullmäktiges mål {council_id}: {children[0].council_goal}", html.Ul(goal_items)]))
    return html.Ul(items)


def indicator_options(indicator_list: list[Indicator]) -> list[dict]:
    """Dropdown options 'BUN-1.1 Andel elever ...' keyed by 'committee|indicator id'."""
    return [{"label": f"{i.indicator_id} {i.name}", "value": i.key} for i in indicator_list]


def indicator_choice(indicator_list: list[Indicator], chosen: str | None) -> str | None:
    """The chosen indicator when the selection has it, else the first one."""
    keys = [i.key for i in indicator_list]
    return chosen if chosen in keys else (keys[0] if keys else None)


def indicator_facts(indicator: Indicator | None, median: float | None = None, national=None) -> html.Div:
    """Own outcome and target, status, and, with a Kolada KPI, the network's and the country's median beside them."""
    if indicator is None:
        return empty_state("Inga indikatorer för urvalet.")
    style = STATUS_STYLE[indicator.status]
    unit = indicator.unit

    def shown(value: float | None, missing: str) -> str:
        return missing if value is None else f"{number(value, 1)} {unit}"

    cards = [
        kpi_card(f"Senaste utfall ({indicator.period})", shown(indicator.outcome, "Inget utfall")),
        kpi_card("Målvärde", shown(indicator.target, "Inget målvärde"), DIRECTION.label(indicator.direction)),
        kpi_card("Status", f"{style['symbol']} {INDICATOR_STATUS.label(indicator.status)}"),
    ]
    if indicator.kolada_kpi:
        reference = national.national_median if national else None
        where = f"Kolada {indicator.kolada_kpi} {national.period}" if national else "Inga Kolada-siffror för perioden"
        cards += [
            kpi_card("Nätverkets median", shown(median, "–"), f"Samma KPI, {indicator.period}"),
            kpi_card("Rikets kommunmedian", shown(reference, "–"), where),
        ]
    else:
        cards.append(kpi_card("Kolada-KPI", "–", "Ingen Kolada-KPI: ingen nationell jämförelse"))
    width = "col-6 col-lg" if len(cards) > 4 else "col-6 col-lg-3"
    return html.Div([html.Div(c, className=width) for c in cards], className="row g-3 mb-2", id="mal-benchmarks")


def attainment_kpis(counts: dict[str, dict[str, int]]) -> html.Div:
    """One card per assessment: number of goals and, for assessed ones, the share of assessed goals."""
    totals = {code: sum(c[code] for c in counts.values()) for code in ASSESSMENT.codes}
    assessed = totals["met"] + totals["partly_met"] + totals["not_met"]

    def detail(code: str) -> str:
        if code == "not_assessed":
            return "räknas inte in i andelarna"
        return f"{percent(totals[code] / assessed * 100)} av bedömda mål" if assessed else "inga bedömda mål"

    cards = [kpi_card(assessment_text(code), number(totals[code]), detail(code)) for code in ASSESSMENT.codes]
    return html.Div([html.Div(c, className="col-6 col-lg-3") for c in cards], className="row g-3 mb-3")


def assessment_picker(chosen: str | None) -> html.Div:
    """The goal table's 'Bedömning' filter (?bedomning=met|partly_met|not_met|not_assessed)."""
    options = [{"label": label, "value": code} for code, label in ASSESSMENT.items]
    return PAGE.choice("bedomning", "Bedömning", options, chosen, "Alla bedömningar")


def table_goals(municipality: str, month: str, committee: str | None, assessment: str | None) -> list[Goal]:
    """The goals of the goal table: all, or those with the chosen assessment."""
    return [g for g in goals.goals(municipality, month, committee) if assessment in (None, g.assessment)]


def layout(kommun=None, period=None, namnd=None, indikator=None, bedomning=None, **_):
    """Goal attainment for ?kommun=&period=&namnd=&indikator=&bedomning= (defaults: all committees, latest month);
    bedomning=met etc. narrows the goal table to one assessment (Översikt's "Uppfyllda mål" links there)."""
    filters = meta.resolve(kommun, period, namnd)
    if filters.municipality is None:
        return PAGE.no_data()
    indicator_list = goals.indicators(filters.municipality, filters.month, filters.committee)
    indicator_picker = html.Div(
        [
            html.Label("Indikator", htmlFor="mal-indikator"),
            dropdown(
                "mal-indikator",
                options=indicator_options(indicator_list),
                value=indicator_choice(indicator_list, indikator),
                clearable=False,
                placeholder="Välj indikator",
            ),
        ],
        className="col-12 col-lg-8",
    )
    return PAGE.layout(
        filters,
        section(
            "Styrkedjan",
            html.P(
                "Fullmäktiges mål bryts ned i nämndmål som följs upp med indikatorer. Klicka i rutorna för att "
                "gå ned en nivå. Färg, symbol och text visar bedömningen.",
                className="text-body-secondary",
            ),
            graph("mal-chain", "Fullmäktiges mål → nämndmål → indikatorer"),
            html.Details(
                [html.Summary("Styrkedjan som text"), html.Div(id="mal-chain-text", className="sr-facts mt-2")],
                className="mb-3",
            ),
            source=(PREFIX, "goal"),
        ),
        section(
            "Måluppfyllelse",
            html.Div(id="mal-kpis"),
            html.Div(
                [
                    html.Div(graph("mal-by-committee", "Per nämnd"), className="col-12 col-xl-6"),
                    html.Div(graph("mal-by-perspective", "Per perspektiv"), className="col-12 col-xl-6"),
                ],
                className="row g-3",
            ),
            graph("mal-trend", "Måluppfyllelse över tid (andel av målen vid varje uppföljning)"),
            source=(PREFIX, "goal"),
        ),
        section(
            "Indikatorer",
            html.Div(indicator_picker, className="row mb-2"),
            html.Div(id="mal-indicator-facts"),
            graph("mal-indicator", "Utfall mot målvärde"),
            source=(PREFIX, "indicator"),
        ),
        section(
            "Mål och bedömningar",
            html.Div(assessment_picker(bedomning), className="row mb-2"),
            export_button(PREFIX),
            html.Div(data_table("mal-goals-table", [], TABLE_COLUMNS, page_size=25), id="mal-table-wrap"),
            source=(PREFIX, "goal"),
        ),
    )


@callback(
    Output("mal-chain", "figure"),
    Output("mal-chain-text", "children"),
    Output("mal-indikator", "options"),
    Output("mal-indikator", "value"),
    *PAGE.inputs(),
    State("mal-indikator", "value"),
)
def update_chain(municipality, month, committee, chosen):
    """The chain of steering and the indicators to choose from."""
    goal_list = goals.goals(municipality, month, committee)
    indicator_list = goals.indicators(municipality, month, committee)
    return (
        chain_figure(goal_list, indicator_list),
        chain_text(goal_list, indicator_list) if goal_list else empty_state("Inga mål för urvalet."),
        indicator_options(indicator_list),
        indicator_choice(indicator_list, chosen),
    )


@callback(
    Output("mal-goals-table", "rowData"),
    *PAGE.inputs(),
    Input("mal-bedomning", "value"),
)
def update_table(municipality, month, committee, assessment):
    """The goal table for the filters and the chosen assessment."""
    return [goal_row(g) for g in table_goals(municipality, month, committee, assessment)]


@callback(
    Output("mal-kpis", "children"),
    Output("mal-by-committee", "figure"),
    Output("mal-by-perspective", "figure"),
    Output("mal-trend", "figure"),
    *PAGE.inputs(),
)
def update_attainment(municipality, month, committee):
    """Attainment per committee and perspective, and its trend."""
    goal_list = goals.goals(municipality, month, committee)
    counts = goals.attainment(goal_list, "committee")
    return (
        attainment_kpis(counts),
        attainment_bars(counts),
        attainment_by_perspective(goals.attainment(goal_list, "perspective")),
        trend_figure(goals.trend(municipality, month, committee)),
    )


@callback(
    Output("mal-indicator", "figure"),
    Output("mal-indicator-facts", "children"),
    Input("mal-indikator", "value"),
    *PAGE.inputs(),
)
def update_indicator(key, municipality, month, committee):
    """The chosen indicator's outcomes over time against its target."""
    if not key:
        return indicator_figure([]), indicator_facts(None)
    latest = next((i for i in goals.indicators(municipality, month, committee) if i.key == key), None)
    median, national = comparison.benchmarks(latest.kolada_kpi, latest.period) if latest else (None, None)
    series = goals.indicator_series(municipality, key, month)
    return indicator_figure(series), indicator_facts(latest, median, national)


@callback(
    Output("mal-export-download", "data"),
    Input("mal-export", "n_clicks"),
    *PAGE.states(),
    State("mal-bedomning", "value"),
    prevent_initial_call=True,
)
def export(_clicks, municipality, month, committee, assessment=None):
    """The goal table as an xlsx file (the goals shown: the chosen assessment only, when one is chosen)."""
    rows = [goal_row(g) for g in table_goals(municipality, month, committee, assessment)]
    sheet = (list(EXPORT_HEADERS.values()), [[row[key] for key in EXPORT_HEADERS] for row in rows])
    content = xlsx_bytes({"Mål": sheet})
    return dcc.send_bytes(content, f"mal_{municipality}_{month}.xlsx", type=XLSX_MIME)
