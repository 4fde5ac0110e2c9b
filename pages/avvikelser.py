"""Avvikelser: deviation reports with filters, serious open ones flagged first, new ones marked, counts over time."""

import dash
from dash import Input, Output, State, callback, dcc, html

from data import deviations, meta
from data.deviations import NOT_CLOSED, Deviation, DeviationFilter
from data.formatting import count, iso_date, number
from data.periods import add_months, month_label
from data.vocabulary import DEVIATION_STATUS, DEVIATION_TYPE, SEVERITY
from ui.components import (
    COMMITTEE_WIDTH,
    FilterPage,
    data_table,
    empty_state,
    kpi_card,
    number_column,
    section,
    text_column,
)
from ui.deviations import status_figure, type_figure
from ui.export import XLSX_MIME, export_button, xlsx_bytes
from ui.figures import graph

dash.register_page(__name__, path="/avvikelser", name="Avvikelser", order=4)
PREFIX = "avvikelser"
TITLE = "Avvikelser"
PAGE_FILTERS = {"typ": DEVIATION_TYPE, "allvarlighet": SEVERITY, "status": DEVIATION_STATUS}
PAGE = FilterPage(PREFIX, TITLE, committee=True, url_params=tuple(PAGE_FILTERS))

SERIOUS = "⚠ Allvarlig"
NEW = "★ Ny"
SERIOUS_ROW = {"styleConditions": [{"condition": "params.data.serious", "style": {"backgroundColor": "#fde8e8"}}]}
COLUMNS = (  # what the director reads first comes first; the rest is a scroll away
    ("flag", "Flagga", 145),  # "⚠ Allvarlig · ★ Ny" on one line
    ("committee", "Nämnd", COMMITTEE_WIDTH),
    ("description", "Beskrivning", 250),
    ("action", "Åtgärd", 220),
    ("responsible_role", "Ansvarig roll", 160),  # "Kvalitetssamordnare" whole
    ("status", "Status", 125),
    ("severity", "Allvarlighet", 120),
    ("age_days", "Ålder", 115),
    ("type", "Typ", 120),
    ("reported_date", "Datum", 120),
    ("deviation_id", "Avvikelse-ID", 130),
    ("cause", "Orsak", 220),
)


def _columns() -> list[dict]:
    wrapped = {"committee", "description", "cause", "action", "responsible_role"}
    out = []
    for field, header, width in COLUMNS:
        if field == "age_days":
            out.append(number_column(field, header, suffix=("dag", "dagar"), width=width))
        else:
            out.append(text_column(field, header, width=width, wrap=field in wrapped))
    return out


def _table():
    grid = data_table("avvikelser-table", [], _columns(), page_size=25)
    grid.getRowStyle = SERIOUS_ROW  # serious rows are tinted as well as flagged in words
    return grid


def _choice(name: str, label: str, value) -> html.Div:
    vocabulary = PAGE_FILTERS[name]
    options = [{"label": text, "value": code} for code, text in vocabulary.items]
    if name == "status":  # the overview's "Öppna avvikelser" links here with status=not_closed
        options.insert(0, {"label": "Ej stängda (öppen eller åtgärd pågår)", "value": NOT_CLOSED})
    return PAGE.choice(name, label, options, value)


def layout(kommun=None, period=None, namnd=None, typ=None, allvarlighet=None, status=None, **_):
    """Deviations as of a month, filtered by committee, type, severity and status from the URL."""
    filters = meta.resolve(kommun, period, namnd)
    if filters.month is None:
        return PAGE.no_data()
    extra = [
        _choice("typ", "Typ", typ),
        _choice("allvarlighet", "Allvarlighet", allvarlighet),
        _choice("status", "Status", status),
    ]
    return PAGE.layout(
        filters,
        html.Div(id="avvikelser-kpis", className="row g-3 mb-2"),
        html.Div(id="avvikelser-serious"),
        section(
            "Alla avvikelser",
            html.P(id="avvikelser-scope", className="mb-1"),
            _table(),
            export_button(PREFIX),
            source=(PREFIX, "deviation"),
        ),
        section(
            "Utveckling över tid",
            graph("avvikelser-status-chart", "Avvikelser per status vid varje månads slut, senaste tolv månaderna"),
            graph("avvikelser-type-chart", "Rapporterade avvikelser per typ och månad, senaste tolv månaderna"),
            source=(PREFIX, "deviation"),
        ),
        intro="Rapporterade avvikelser med orsak, åtgärd och ansvarig roll. Allvarliga avvikelser som inte är "
        f"stängda visas överst och märks {SERIOUS}; avvikelser som tillkommit sedan förra månaden märks {NEW}.",
        extra=extra,
    )


def flag_text(d: Deviation) -> str:
    """'⚠ Allvarlig · ★ Ny', or '' for an ordinary deviation."""
    return " · ".join([*([SERIOUS] if d.serious else []), *([NEW] if d.is_new else [])])


def table_row(d: Deviation) -> dict:
    """One grid row; free text stays text (the grid renders strings, never HTML)."""
    return {
        "flag": flag_text(d),
        "serious": d.serious,
        "committee": d.committee,
        "deviation_id": d.deviation_id,
        "reported_date": iso_date(d.reported_date),
        "type": DEVIATION_TYPE.label(d.type),
        "severity": SEVERITY.label(d.severity),
        "status": DEVIATION_STATUS.label(d.status),
        "age_days": d.age_days,
        "description": d.description,
        "cause": d.cause,
        "action": d.action,
        "responsible_role": d.responsible_role,
    }


def _serious_box(items: list[Deviation]):
    serious = [d for d in items if d.serious]
    if not serious:
        return empty_state("Inga allvarliga avvikelser är öppna i urvalet.")
    entries = [
        html.Li(
            [
                html.Strong(f"{d.committee} ({d.deviation_id}), {DEVIATION_TYPE.label(d.type).lower()}: "),
                html.Span(d.description),
                html.Br(),
                f"{DEVIATION_STATUS.label(d.status)} sedan {iso_date(d.reported_date)} "
                f"({count(d.age_days, 'dag', 'dagar')}). "
                f"Åtgärd: {d.action or 'ingen angiven'}. Ansvarig: {d.responsible_role or 'ingen angiven'}."
                + (f" {NEW} sedan förra månaden." if d.is_new else ""),
            ],
            className="mb-2",
        )
        for d in serious
    ]
    return html.Section(
        [
            html.H2(
                f"{SERIOUS}: {count(len(serious), 'öppen avvikelse', 'öppna avvikelser')} med hög allvarlighet",
                className="h5",
            ),
            html.Ul(entries),
        ],
        className="serious-deviations p-3 mb-3",
        style={"background": "#fde8e8", "borderLeft": "6px solid #8b1a1a", "borderRadius": ".5rem", "color": "#3d0b0b"},
        id="avvikelser-serious-list",
    )


def _kpis(items: list[Deviation]) -> list:
    cards = [
        (f"{SERIOUS}a och öppna", number(sum(d.serious for d in items)), "hög allvarlighet, ej stängda"),
        (f"{NEW}a sedan förra månaden", number(sum(d.is_new for d in items)), None),
        ("Ej stängda", number(sum(d.status != "closed" for d in items)), "öppna eller åtgärd pågår"),
        ("Stängda", number(sum(d.status == "closed" for d in items)), None),
    ]
    return [html.Div(kpi_card(*card), className="col-6 col-lg-3") for card in cards]


@callback(
    Output("avvikelser-kpis", "children"),
    Output("avvikelser-serious", "children"),
    Output("avvikelser-scope", "children"),
    Output("avvikelser-table", "rowData"),
    Output("avvikelser-status-chart", "figure"),
    Output("avvikelser-type-chart", "figure"),
    *PAGE.inputs(),
    Input("avvikelser-typ", "value"),
    Input("avvikelser-allvarlighet", "value"),
    Input("avvikelser-status", "value"),
)
def update(municipality, month, committee, deviation_type, severity, status):
    """Refresh the list, the flagged box, key figures and counts for the chosen filters."""
    chosen = DeviationFilter(committee, deviation_type, severity, status)
    items = deviations.deviations(municipality, month, chosen)
    first = add_months(month, 1 - deviations.COUNT_MONTHS)
    counts = deviations.counts(municipality, month, chosen)
    scope = f"{count(len(items), 'avvikelse', 'avvikelser')} enligt senaste rapport till och med {month_label(month)}."
    return (
        _kpis(items),
        _serious_box(items),
        scope,
        [table_row(d) for d in items],
        status_figure(counts["status"], first, month),
        type_figure(counts["type"], first, month),
    )


@callback(
    Output("avvikelser-export-download", "data"),
    Input("avvikelser-export", "n_clicks"),
    *PAGE.states(),
    State("avvikelser-typ", "value"),
    State("avvikelser-allvarlighet", "value"),
    State("avvikelser-status", "value"),
    prevent_initial_call=True,
)
def export(n_clicks, municipality, month, committee, deviation_type, severity, status):
    """The filtered list as a formula-safe Excel file."""
    items = deviations.deviations(municipality, month, DeviationFilter(committee, deviation_type, severity, status))
    rows = [[table_row(d)[field] for field, _, _ in COLUMNS] for d in items]
    content = xlsx_bytes({"Avvikelser": ([header for _, header, _ in COLUMNS], rows)})
    return dcc.send_bytes(content, f"avvikelser_{municipality}_{month}.xlsx", type=XLSX_MIME)
