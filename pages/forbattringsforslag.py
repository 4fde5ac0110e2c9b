"""Förbättringsförslag: the network's ranking of suggestions per employee, leader, targets, trends, departments."""

import dash
from dash import Input, Output, callback, dcc, html

from data import geography, groups, meta, network
from data.formatting import count, number
from data.network import Period, Ranking
from data.periods import add_months, month_label
from data.rankings import place_text
from ui.components import FilterPage, data_table, empty_state, kpi_card, section
from ui.figures import empty_figure, graph
from ui.glossary import definitions_note
from ui.groups import group_controls, group_note
from ui.maps import map_columns, map_figure, map_rows, register_map_click
from ui.network import MEASURE_LABEL, department_figure, ranking_figure, trend_figure, yearly_figure
from ui.network_tables import (
    RANKING_PAGE_SIZE,
    department_rows,
    incomplete_items,
    leader_text,
    own_page,
    radio_group,
    ranking_columns,
    ranking_rows,
    target_text,
)

dash.register_page(
    __name__,
    path="/forbattringsforslag",
    name="Förbättringsförslag",
    title="Förbättringsförslag – Styrkedjan",
    order=6,
    network=True,  # shared by the whole network: every account sees every municipality here
)
PREFIX = "forbattringsforslag"
TITLE = "Förbättringsförslag i nätverket"
PARAMS = {"omfang": ("ar", "manad"), "matt": ("genomforda", "inlamnade"), "takt": ("period", "helar")}
MEASURE = {"genomforda": "implemented", "inlamnade": "submitted"}
NO_SUGGESTIONS = "Inga förbättringsförslag är inrapporterade"
PAGE = FilterPage(PREFIX, TITLE, url_params=(*PARAMS, "grupp", "kommuner"))

# How the measures are computed, shown under the filters (words from data/glossary.py).
MEASURE_TERMS = (
    "Förslag per medarbetare",
    "Medarbetare",
    "Genomförandegrad",
    "Ofullständig",
    "Placering",
    "Pro rata",
    "Helårstakt",
)


def _radio(name: str, label: str, options: dict[str, str], value: str) -> html.Fieldset:
    return radio_group(
        f"{PREFIX}-{name}",
        label,
        [{"label": text, "value": key} for key, text in options.items()],
        value,
        "col-12 col-md-4",
    )


def _choice(name: str, value: str | None) -> str:
    return value if value in PARAMS[name] else PARAMS[name][0]


def period_for(omfang: str, month: str | None) -> Period | None:
    """The network period: January to the chosen month, or the chosen month alone."""
    return network.scope_period(month, omfang == "manad", network.available_months())


def layout(kommun=None, period=None, omfang=None, matt=None, takt=None, grupp=None, kommuner=None, **_):
    """The ranking for ?kommun=&period=&omfang=ar|manad&matt=genomforda|inlamnade&takt=period|helar&grupp=&kommuner=.

    Without a period in the URL it shows the newest month in which every municipality is complete, and says so.
    """
    available = network.available_months()
    if not available:
        return PAGE.no_data()
    default = None
    if period is None:
        default = network.latest_complete_month(_choice("omfang", omfang) == "manad", available)
    filters = meta.resolve(kommun, period or default)
    if filters.municipality is None:
        return PAGE.no_data()
    controls = [
        _radio("omfang", "Period", {"ar": "Hittills i år", "manad": "Vald månad"}, _choice("omfang", omfang)),
        _radio(
            "matt", "Rangordna efter", {"genomforda": "Genomförda", "inlamnade": "Inlämnade"}, _choice("matt", matt)
        ),
        _radio(
            "takt", "Visa", {"period": "Faktiskt för perioden", "helar": "Omräknat till helår"}, _choice("takt", takt)
        ),
    ]
    chosen = groups.resolve(grupp, filters.municipality, kommuner)
    return PAGE.layout(
        filters,
        html.P(default_text(period, default, available), className="mt-2 mb-1", id=f"{PREFIX}-default"),
        html.P(id=f"{PREFIX}-group-note", className="small mb-1"),
        definitions_note(f"{PREFIX}-definition", MEASURE_TERMS),
        dcc.Store(id=f"{PREFIX}-leaders"),
        html.Section(id=f"{PREFIX}-kpis", className="row g-3 my-2", **{"aria-label": "Nyckeltal för nätverket"}),
        section(
            "Rangordning",
            graph(f"{PREFIX}-ranking", "Kommunerna rangordnade, med eget mål pro rata (◆)"),
            data_table(
                f"{PREFIX}-table",
                [],
                ranking_columns(False),
                page_size=RANKING_PAGE_SIZE,
                rowClassRules={"own-row": "params.data.own"},
            ),
            html.Div(id=f"{PREFIX}-incomplete", className="mt-3"),
            source=(PREFIX, "suggestion"),
        ),
        section(
            "Karta över Sverige",
            graph(f"{PREFIX}-map", MAP_CAPTION),
            html.Details(
                [
                    html.Summary("Kartan som tabell"),
                    data_table(f"{PREFIX}-map-table", [], map_columns("Per 100 medarbetare"), page_size=25),
                ],
                className="mt-2",
            ),
        ),
        section(
            "Utveckling",
            graph(f"{PREFIX}-trend", "Per månad: vald kommun och ledaren mot nätverkets median"),
            graph(f"{PREFIX}-yearly", "Per år (förra året och i år): vald kommun och ledaren"),
            source=(PREFIX, "suggestion"),
        ),
        section(
            "Förvaltningar i vald kommun",
            graph(f"{PREFIX}-departments", "Förvaltningarna med samma mått"),
            data_table(f"{PREFIX}-department-table", [], ranking_columns(False, departments=True)),
            source=(PREFIX, "suggestion"),
        ),
        extra=[*controls, group_controls(PREFIX, filters.municipality, chosen, kommuner)],
    )


def default_text(period: str | None, default: str | None, available: list[str]) -> str | None:
    """Which month the page opened on without a period in the URL, and why."""
    if period is not None:
        return None
    if default is None:
        return (
            "Ingen av de senaste månaderna har fullständiga uppgifter från alla kommuner; sidan visar senaste "
            f"månaden med uppgifter, {month_label(available[0])}."
        )
    return f"Senaste fullständiga månad: {month_label(default)} (alla kommuner har lämnat alla uppgifter)."


MAP_CAPTION = (
    "Alla kommuner färgade efter måttet (ljusare = fler förslag per 100 medarbetare), vald kommun med svart kant, "
    "nätverkets kommuner med ★; grå = inga fullständiga uppgifter. Klicka på en kommun för att välja den."
)


def _inputs() -> list[Input]:
    names = (*PARAMS, "grupp", "kommuner")
    return [*PAGE.inputs(), *(Input(f"{PREFIX}-{name}", "value") for name in names)]


def kpi_cards(ranking: Ranking, municipality: str, annualised: bool) -> list:
    """Leader, the chosen municipality's place and its target status, and who is left out."""
    own = next((r for r in ranking.ranked + ranking.incomplete if r.municipality_code == municipality), None)
    if own is None:
        place, detail = "–", "Kommunen rapporterar inga förbättringsförslag"
    elif own.rank is None:
        place, detail = "Ofullständig", f"Saknar {len(own.missing_months)} av {count(own.n_months, 'månad', 'månader')}"
    else:
        place = place_text(own.rank, len(ranking.ranked)).capitalize()
        factor = 12 / ranking.period.n_months if annualised else 1
        value = own.per_employee(ranking.measure) * factor
        detail = f"{number(value, 2)} per medarbetare{' (helårstakt)' if annualised else ''}"
    cards = [
        kpi_card(*leader_text(ranking), card_id=f"{PREFIX}-leader"),
        kpi_card(f"Placering, {own.municipality if own else 'vald kommun'}", place, detail),
        kpi_card(*target_text(ranking, own), card_id=f"{PREFIX}-target"),
        kpi_card(
            "Kommuner i rangordningen",
            f"{len(ranking.ranked)} av {len(ranking.ranked) + len(ranking.incomplete)}",
            f"{len(ranking.incomplete)} ofullständiga visas separat" if ranking.incomplete else "Alla fullständiga",
        ),
    ]
    return [html.Div(card, className="col-12 col-md-6 col-xl-3") for card in cards]


@callback(
    Output(f"{PREFIX}-kpis", "children"),
    Output(f"{PREFIX}-ranking", "figure"),
    Output(f"{PREFIX}-table", "rowData"),
    Output(f"{PREFIX}-table", "columnDefs"),
    Output(f"{PREFIX}-table", "paginationGoTo"),
    Output(f"{PREFIX}-incomplete", "children"),
    Output(f"{PREFIX}-leaders", "data"),
    Output(f"{PREFIX}-group-note", "children"),
    *_inputs(),
)
def update_ranking(municipality, month, omfang, matt, takt, grupp=None, kommuner=None):
    """The ranking, leader, targets and incomplete municipalities for the chosen period and comparison group."""
    chosen = period_for(omfang, month)
    if chosen is None:
        return [], empty_figure(NO_SUGGESTIONS), [], ranking_columns(False), 0, [], [], ""
    annualised = takt == "helar"
    group = groups.resolve(grupp, municipality, kommuner)
    ranking = network.ranking(chosen, MEASURE.get(matt, "implemented"), group)
    incomplete = incomplete_items(ranking)
    rows = ranking_rows(ranking, annualised, municipality)
    return (
        kpi_cards(ranking, municipality, annualised),
        ranking_figure(ranking, annualised, municipality),
        rows,
        ranking_columns(annualised),
        own_page(rows),
        incomplete or empty_state("Alla kommuner har fullständiga uppgifter för perioden."),
        [r.municipality_code for r in ranking.leaders],
        group_note(group, len(ranking.ranked) + len(ranking.incomplete)),
    )


@callback(
    Output(f"{PREFIX}-trend", "figure"),
    Output(f"{PREFIX}-yearly", "figure"),
    Input(f"{PREFIX}-leaders", "data"),
    *_inputs(),
)
def update_trends(leaders, municipality, month, omfang, matt, _takt, grupp=None, kommuner=None):
    """Monthly rates (24 months) against the network median; this year and last for the municipality and leader."""
    chosen = period_for(omfang, month)
    if chosen is None:
        return empty_figure(NO_SUGGESTIONS), empty_figure(NO_SUGGESTIONS)
    measure = MEASURE.get(matt, "implemented")
    codes = list(dict.fromkeys([municipality, *(leaders or [])]))
    # 24 months always reach back to January of the previous year, so one query serves both figures.
    group = groups.resolve(grupp, municipality, kommuner)
    points = network.monthly(add_months(chosen.last, -23), chosen.last, codes, group)
    years = [y for y in network.yearly(points) if y.year >= chosen.year - 1]
    median = "Nätverkets median" if group.key == groups.DEFAULT else f"Median, {group.label}"
    return trend_figure(points, measure, codes, median), yearly_figure(years, measure, codes)


@callback(
    Output(f"{PREFIX}-departments", "figure"),
    Output(f"{PREFIX}-department-table", "rowData"),
    Output(f"{PREFIX}-department-table", "columnDefs"),
    *_inputs(),
)
def update_departments(municipality, month, omfang, matt, takt, _grupp=None, _kommuner=None):
    """The chosen municipality's departments with the same measures."""
    chosen = period_for(omfang, month)
    if chosen is None or not municipality:
        return empty_figure(NO_SUGGESTIONS), [], ranking_columns(False, departments=True)
    annualised = takt == "helar"
    measure = MEASURE.get(matt, "implemented")
    rows = network.department_rates(chosen, municipality, measure)
    title = f"Förvaltningar, {chosen.label()}"
    return (
        department_figure(rows, measure, title),
        department_rows(rows, chosen, annualised),
        ranking_columns(annualised, departments=True),
    )


@callback(
    Output(f"{PREFIX}-map", "figure"),
    Output(f"{PREFIX}-map-table", "rowData"),
    Output(f"{PREFIX}-map-table", "columnDefs"),
    *_inputs(),
)
def update_map(municipality, month, omfang, matt, takt, _grupp=None, _kommuner=None):
    """Every municipality of Sweden coloured by the measure per 100 employees, with its table."""
    chosen = period_for(omfang, month)
    if chosen is None:
        return empty_figure(NO_SUGGESTIONS), [], map_columns("Per 100 medarbetare")
    measure = MEASURE.get(matt, "implemented")
    factor = 12 / chosen.n_months if takt == "helar" else 1
    values = {r.municipality_code: r.per_100(measure) * factor for r in network.ranking(chosen, measure).ranked}
    header = f"{MEASURE_LABEL[measure]} per 100 medarbetare"
    title = f"{header}, {chosen.label()}{', helårstakt' if takt == 'helar' else ''}"
    shapes = geography.shapes()
    return (
        map_figure(shapes, values, title, "per 100", municipality, groups.NETWORK),
        map_rows(shapes, values, municipality),
        map_columns(header),
    )


register_map_click(PREFIX, Output(f"{PREFIX}-kommun", "value", allow_duplicate=True))
