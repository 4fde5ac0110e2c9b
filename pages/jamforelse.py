"""Jämförelse: a shared indicator across the network with own targets, Kolada's national figures and trends."""

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from data import comparison, geography, groups, meta
from data.comparison import NORMALISATIONS, SharedIndicator, kolada_year
from data.formatting import NBSP, count, number
from ui.components import (
    KOLADA_SOURCE,
    data_table,
    dropdown,
    empty_state,
    kpi_card,
    no_data_page,
    page,
    register_sources,
    section,
    source_bar,
    sync_url,
)
from ui.figures import empty_figure, graph
from ui.maps import map_columns, map_figure, map_rows, register_map_click
from ui.network import comparison_ranking_figure, comparison_trend_figure, distribution_figure
from ui.network_tables import (
    RANKING_PAGE_SIZE,
    SAME_INDICATOR_RULE,
    comparison_columns,
    comparison_rows,
    period_text,
    radio_group,
)

dash.register_page(
    __name__, path="/jamforelse", name="Jämförelse", title="Jämförelse – Styrkedjan", order=7, network=True
)
PREFIX = "jamforelse"
TITLE = "Jämförelse mellan kommunerna"
PARAMS = ("indikator", "tid", "kommuner", "per", "grupp")
sync_url(PREFIX, PARAMS)
register_sources(
    PREFIX, [Input(f"{PREFIX}-tid", "value"), Input(f"{PREFIX}-indikator", "value")], scope=comparison.source_scope
)


def _pick(shared: list[SharedIndicator], key: str | None) -> SharedIndicator | None:
    """The indicator named in the URL, else the first with a Kolada KPI id, else the first."""
    by_key = {s.key: s for s in shared}
    return by_key.get(key) or next((s for s in shared if s.kolada_kpi), shared[0] if shared else None)


def indicator_label(s: SharedIndicator) -> str:
    """'Name (Kolada N15419, 10 kommuner)'."""
    kpi = f"Kolada {s.kolada_kpi}, " if s.kolada_kpi else ""
    return f"{s.name} ({kpi}{count(s.municipalities, 'kommun', 'kommuner')})"


def choices(indicator: SharedIndicator, period=None, municipalities=None, normalisation=None) -> dict:
    """Options and validated values of the period, municipality and normalisation controls (keyed by control)."""
    reporting = set(indicator.codes)
    names = {code: name for code, name in meta.municipalities() if code in reporting}  # Swedish order
    given = municipalities.split(",") if isinstance(municipalities, str) else municipalities or []
    chosen = [code for code in given if code in names]
    norm_options = [
        {"label": label, "value": key, "disabled": bool(key) and not indicator.normalisable}
        for key, label in NORMALISATIONS.items()
    ]
    return {
        "tid_options": [{"label": period_text(p), "value": p} for p in indicator.periods],
        "tid": period if period in indicator.periods else default_period(indicator),
        "kommuner_options": [{"label": name, "value": code} for code, name in names.items()],
        "kommuner": chosen,
        "per_options": norm_options,
        "per": normalisation if normalisation in NORMALISATIONS and indicator.normalisable else "",
    }


def default_period(indicator: SharedIndicator) -> str | None:
    """The latest period that Kolada's national figures cover, else the latest period with values."""
    years = comparison.national_reference(indicator.kolada_kpi)
    covered = [p for p in indicator.periods if kolada_year(p) in years]
    return (covered or list(indicator.periods) or [None])[0]


def _control(name: str, label: str, control, width: str = "col-12 col-md-6 col-xl-3") -> html.Div:
    return html.Div([html.Label(label, htmlFor=f"{PREFIX}-{name}"), control], className=width)


MAP_CAPTION = (
    "Alla kommuner färgade efter indikatorns värde för vald period (ljusare = högre), vald kommun med svart kant, "
    "nätverkets kommuner med ★; grå = inget värde. Klicka på en kommun för att välja den."
)


def own_municipality(kommun: str | None) -> str | None:
    """The municipality carried in the URL (the navbar's kommun), when it is a known one; None otherwise."""
    return kommun if kommun in {code for code, _ in meta.municipalities()} else None


def group_choice(own: str | None, grupp: str | None) -> html.Fieldset:
    """The comparison group chooser; "Egen lista" uses the municipalities ticked below."""
    options = [{"label": g.label, "value": g.key} for g in groups.choices(own)]
    options.append({"label": "Egen lista (kryssa i nedan)", "value": "egen"})
    value = grupp if grupp in {o["value"] for o in options} else groups.DEFAULT
    return radio_group(f"{PREFIX}-grupp", "Jämför med", options, value, "col-12")


def layout(indikator=None, tid=None, kommuner=None, per=None, grupp=None, kommun=None, **_):
    """The comparison for ?indikator=kpi:N15419&tid=2025-T3&kommuner=2581,0884&per=medarbetare|invanare."""
    shared = comparison.shared_indicators()
    indicator = _pick(shared, indikator)
    if indicator is None:
        return no_data_page(TITLE)
    c = choices(indicator, tid, kommuner, per)
    controls = html.Section(
        html.Div(
            [
                _control(
                    "indikator",
                    "Indikator",
                    dropdown(
                        f"{PREFIX}-indikator",
                        options=[{"label": indicator_label(s), "value": s.key} for s in shared],
                        value=indicator.key,
                        clearable=False,
                    ),
                    "col-12 col-xl-6",
                ),
                _control(
                    "tid",
                    "Period",
                    dropdown(f"{PREFIX}-tid", options=c["tid_options"], value=c["tid"], clearable=False),
                ),
                radio_group(f"{PREFIX}-per", "Visa", c["per_options"], c["per"], "col-12 col-xl-6"),
                group_choice(own_municipality(kommun), "egen" if grupp is None and c["kommuner"] else grupp),
                dcc.Store(id=f"{PREFIX}-own", data=own_municipality(kommun)),
                # Native checkboxes: Dash 4's multi-select dropdown fails axe (label-content-name-mismatch).
                html.Details(
                    [
                        html.Summary("Välj kommuner (ingen vald = alla)"),
                        html.Fieldset(
                            [
                                html.Legend("Kommuner", className="visually-hidden"),
                                dbc.Checklist(
                                    id=f"{PREFIX}-kommuner",
                                    options=c["kommuner_options"],
                                    value=c["kommuner"],
                                    inline=True,
                                ),
                            ],
                            className="municipality-choice",
                            style={"maxHeight": "14rem", "overflowY": "auto"},
                        ),
                    ],
                    open=bool(c["kommuner"]),
                    className="col-12",
                ),
                html.P(id=f"{PREFIX}-per-note", className="small text-body-secondary mb-0 col-12"),
            ],
            className="row g-3",
        ),
        className="filter-bar",
        **{"aria-label": "Filter"},
    )
    return page(
        TITLE,
        controls,
        html.Section(id=f"{PREFIX}-kpis", className="row g-3 my-2", **{"aria-label": "Nyckeltal för indikatorn"}),
        source_bar(PREFIX, KOLADA_SOURCE, "Rikets siffror från Kolada"),
        section(
            "Rangordning och eget målvärde",
            graph(f"{PREFIX}-ranking", "Kommunerna rangordnade efter indikatorns riktning, eget målvärde (◆)"),
            data_table(f"{PREFIX}-table", [], comparison_columns(indicator.unit), page_size=RANKING_PAGE_SIZE),
            source=(PREFIX, "indicator"),
        ),
        section(
            "Karta över Sverige",
            graph(f"{PREFIX}-map", MAP_CAPTION),
            html.Details(
                [
                    html.Summary("Kartan som tabell"),
                    data_table(f"{PREFIX}-map-table", [], map_columns("Värde"), page_size=RANKING_PAGE_SIZE),
                ],
                className="mt-2",
            ),
            source=(PREFIX, "indicator"),
        ),
        section(
            "Fördelning",
            graph(f"{PREFIX}-distribution", "Spridningen i nätverket, varje punkt är en kommun"),
            source=(PREFIX, "indicator"),
        ),
        section("Över tid", graph(f"{PREFIX}-trend", "Varje kommuns värde per period"), source=(PREFIX, "indicator")),
        html.P(SAME_INDICATOR_RULE, className="small text-body-secondary mt-3", id=f"{PREFIX}-rule"),
        intro="Samma indikator i flera kommuner: samma Kolada-KPI eller samma namn.",
    )


@callback(
    Output(f"{PREFIX}-tid", "options"),
    Output(f"{PREFIX}-tid", "value"),
    Output(f"{PREFIX}-kommuner", "options"),
    Output(f"{PREFIX}-kommuner", "value"),
    Output(f"{PREFIX}-per", "options"),
    Output(f"{PREFIX}-per", "value"),
    Input(f"{PREFIX}-indikator", "value"),
    State(f"{PREFIX}-tid", "value"),
    State(f"{PREFIX}-kommuner", "value"),
    State(f"{PREFIX}-per", "value"),
    prevent_initial_call=True,
)
def follow_indicator(key, period, municipalities, normalisation):
    """Periods, municipalities and normalisations that exist for the chosen indicator."""
    c = choices(_pick(comparison.shared_indicators(), key), period, municipalities, normalisation)
    return c["tid_options"], c["tid"], c["kommuner_options"], c["kommuner"], c["per_options"], c["per"]


def unit_text(indicator: SharedIndicator, norm: str) -> str:
    """The indicator's unit, with the normalisation when one is chosen."""
    return indicator.unit if not norm else f"{indicator.unit} {NORMALISATIONS[norm].lower()}"


def reference_cards(
    indicator: SharedIndicator, items, period: str, norm: str, median, reference, group: str = "Valda kommuner"
) -> list:
    """How many municipalities have a value, the network median and Kolada's national figures."""
    unit = unit_text(indicator, norm)
    with_value = [v for v in items if v.shown(norm) is not None]
    year = kolada_year(period)
    if not indicator.kolada_kpi:
        national, detail = "–", "Indikatorn har ingen Kolada-KPI"
    elif norm:
        national, detail = "–", "Koladas tal jämförs bara med faktiska värden"
    elif year is None:
        national, detail = "–", "Koladas jämförelsetal avser helår: välj ett helår eller tertial 3"
    elif reference is None or reference.national_median is None:
        national, detail = "–", f"Inga Kolada-siffror för {indicator.kolada_kpi} {year} är importerade"
    else:
        national = f"{number(reference.national_median, 1)}{NBSP}{unit}"
        riket = f"; riket {number(reference.riket, 1)}" if reference.riket is not None else ""
        of = count(reference.municipalities, "kommun", "kommuner")
        detail = f"Median av {of}, Kolada {indicator.kolada_kpi} {year}{riket}"
    cards = [
        kpi_card("Kommuner med värde", f"{len(with_value)} av {len(items)}", period_text(period)),
        kpi_card(
            "Nätverkets median" if group == groups.resolve(None, None).label else "Gruppens median",
            "–" if median is None else f"{number(median, 1)}{NBSP}{unit}",
            group,
        ),
        kpi_card("Rikets kommunmedian", national, detail, card_id=f"{PREFIX}-national"),
    ]
    return [html.Div(card, className="col-12 col-md-4") for card in cards]


@callback(
    Output(f"{PREFIX}-kpis", "children"),
    Output(f"{PREFIX}-ranking", "figure"),
    Output(f"{PREFIX}-distribution", "figure"),
    Output(f"{PREFIX}-trend", "figure"),
    Output(f"{PREFIX}-table", "rowData"),
    Output(f"{PREFIX}-table", "columnDefs"),
    Output(f"{PREFIX}-per-note", "children"),
    *(Input(f"{PREFIX}-{name}", "value") for name in PARAMS),
    Input(f"{PREFIX}-own", "data"),
)
def update(key, period, municipalities, normalisation, grupp=None, own=None):
    """Ranking, distribution, trend and table of the chosen indicator, period and comparison group."""
    norm = normalisation if normalisation in NORMALISATIONS else ""
    custom = grupp == "egen" or (grupp is None and bool(municipalities))
    group = groups.resolve("egen" if custom else grupp, own, municipalities)
    codes = list(group.codes) if group.codes is not None else None
    series = comparison.values(key, None, codes, employees=norm == "medarbetare") if key else []
    indicator = comparison.describe(key, series)
    if indicator is None or period is None:
        empty = empty_figure("Välj en indikator och en period")
        return empty_state("Inga värden för urvalet."), empty, empty, empty, [], [], ""
    norm = norm if indicator.normalisable else ""
    items = [v for v in series if v.period == period]
    ranked = comparison.rank(items, norm)
    median = comparison.network_median(items, norm)
    references = comparison.national_reference(indicator.kolada_kpi)
    year = kolada_year(period)
    reference = references.get(year) if year and not norm else None
    note = (
        "Per medarbetare: medelantalet medarbetare under indikatorns period. Per invånare: kommunens folkmängd."
        if indicator.normalisable
        else "Indikatorn är redan en andel eller ett genomsnitt och visas som den är."
    )
    return (
        reference_cards(indicator, items, period, norm, median, reference, group.label),
        comparison_ranking_figure(ranked, norm, median, reference, own),
        distribution_figure(items, norm, median, reference),
        comparison_trend_figure(series, norm, references),
        comparison_rows(items, norm),
        comparison_columns(unit_text(indicator, norm)),
        note,
    )


@callback(
    Output(f"{PREFIX}-map", "figure"),
    Output(f"{PREFIX}-map-table", "rowData"),
    Output(f"{PREFIX}-map-table", "columnDefs"),
    Input(f"{PREFIX}-indikator", "value"),
    Input(f"{PREFIX}-tid", "value"),
    Input(f"{PREFIX}-per", "value"),
    Input(f"{PREFIX}-own", "data"),
)
def update_map(key, tid, per, own):
    """Every municipality's value of the indicator for the period on the map of Sweden, with its table."""
    norm = per if per in NORMALISATIONS else ""
    items = comparison.values(key, tid, None, employees=norm == "medarbetare") if key and tid else []
    indicator = comparison.describe(key, items)
    if indicator is None:
        return empty_figure("Välj en indikator och en period"), [], map_columns("Värde")
    norm = norm if indicator.normalisable else ""
    unit = unit_text(indicator, norm)
    values = {v.municipality_code: v.shown(norm) for v in items}
    shapes = geography.shapes()
    title = f"{indicator.name}, {period_text(tid)}"
    return (
        map_figure(shapes, values, title, unit, own, groups.NETWORK),
        map_rows(shapes, values, own),
        map_columns(f"Värde ({unit})"),
    )


register_map_click(PREFIX, Output(f"{PREFIX}-own", "data", allow_duplicate=True))
