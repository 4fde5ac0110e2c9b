"""Ekonomi: budget, outcome to date and full-year forecast per committee, drilling down to activities."""

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from data import economy, meta
from data.formatting import percent, tkr
from data.periods import month_label
from reports import child
from reports.formats import MIME
from reports.slots import ReportBusy, report_slot
from ui.components import (
    NO_REPORT,
    FilterPage,
    data_table,
    empty_state,
    filter_states,
    kpi_card,
    number_column,
    section,
    source_bar,
    text_column,
)
from ui.economy import (
    DEFICIT,
    SURPLUS,
    budget_curve_figure,
    committee_deviation_figure,
    deviation_text,
    export_sheet,
    forecast_history_figure,
    table_row,
)
from ui.export import XLSX_MIME, export_button, xlsx_bytes
from ui.figures import graph

dash.register_page(__name__, path="/ekonomi", name="Ekonomi", order=3)
PREFIX = "ekonomi"
TITLE = "Ekonomi"
PAGE = FilterPage(PREFIX, TITLE, committee=True)

DEVIATION_STYLE = {
    "styleConditions": [
        {"condition": "params.value < 0", "style": {"color": DEFICIT["colour"], "fontWeight": "600"}},
        {"condition": "params.value > 0", "style": {"color": SURPLUS["colour"], "fontWeight": "600"}},
    ]
}


def _columns() -> list[dict]:
    deviation = {"cellStyle": DEVIATION_STYLE, "signed": True}

    def amount(field: str, header: str, decimals: int = 0, width: int = 112, signed=False, **extra) -> dict:
        # No filter button on amounts: the header keeps its words on one or two lines (sorting stays).
        column = number_column(field, header, decimals=decimals, width=width, signed=signed)
        return {**column, "filter": False, **extra}

    # Amounts without a unit in the cells (the scope line says tkr) keep all columns on a 1280 px screen.
    return [
        text_column("name", "Nämnd / verksamhet", width=220, wrap=True),
        text_column("state", "Läge helår", width=130),
        amount("annual_budget", "Årsbudget"),
        amount("budget_ytd", "Budget hittills"),
        amount("outcome_ytd", "Utfall hittills"),
        amount("deviation_ytd", "Avvikelse hittills", **deviation),
        amount("deviation_ytd_pct", "Avvikelse %", decimals=1, width=104, **deviation),
        amount("forecast", "Prognos helår"),
        amount("forecast_deviation", "Avvikelse prognos", **deviation),
        amount("forecast_deviation_pct", "Avvikelse prognos %", decimals=1, width=104, **deviation),
    ]


TOTAL_ROW = {"styleConditions": [{"condition": "params.node.rowPinned", "style": {"fontWeight": "700"}}]}

SIGN_CONVENTION = html.Aside(
    [
        html.H2("Så läser du siffrorna", className="h6 fw-semibold mb-1"),
        html.P(
            [
                "Belopp i tusentals kronor (tkr). Nettokostnader skrivs som negativa tal. "
                "Avvikelse = utfall − budget, och prognosavvikelse = helårsprognos − årsbudget. ",
                html.Span(f"{DEFICIT['symbol']} Negativ avvikelse = underskott", style={"color": DEFICIT["colour"]}),
                " (kostnaden blir högre än budget). ",
                html.Span(f"{SURPLUS['symbol']} Positiv avvikelse = överskott", style={"color": SURPLUS["colour"]}),
                " (kostnaden blir lägre än budget).",
            ],
            className="mb-0",
        ),
    ],
    className="empty-state mb-3",
    id="ekonomi-teckenregel",
)


def _table():
    grid = data_table("ekonomi-table", [], _columns())
    grid.getRowStyle = TOTAL_ROW
    return grid


def layout(kommun=None, period=None, namnd=None, **_):
    """The economy page for a municipality, month and optionally one committee."""
    filters = meta.resolve(kommun, period, namnd)
    if filters.month is None:
        return PAGE.no_data()
    report = html.Div(
        [
            html.Button("Månadsrapport som PDF", id="ekonomi-report-pdf", className="btn btn-primary btn-sm me-2"),
            html.Button("Månadsrapport som Word", id="ekonomi-report-docx", className="btn btn-outline-primary btn-sm"),
            dcc.Loading(dcc.Download(id="ekonomi-report-download"), type="dot"),
            html.P(id="ekonomi-report-status", role="status", className="mb-0 mt-1"),
        ],
        className="my-2",
    )
    return PAGE.layout(
        filters,
        SIGN_CONVENTION,
        html.Div(id="ekonomi-kpis", className="row g-3 mb-2"),
        source_bar(PREFIX, "economy", "Nyckeltal för ekonomin"),
        report,
        section(
            "Per nämnd och verksamhet",
            html.P(id="ekonomi-scope", className="mb-1"),
            html.Div(id="ekonomi-table-note"),
            _table(),
            export_button(PREFIX),
            source=(PREFIX, "economy"),
        ),
        section(
            "Prognosens utveckling",
            graph("ekonomi-forecast", "Helårsprognosens avvikelse mot årsbudget, månad för månad"),
            graph("ekonomi-curve", "Utfall hittills i år mot budget"),
            graph("ekonomi-committees", "Prognosavvikelse per nämnd för månaden"),
            source=(PREFIX, "economy"),
        ),
        intro="Budget, utfall och helårsprognos per nämnd. Välj en nämnd i tabellen för att se dess verksamheter.",
    )


def _scope_rows(table: economy.EconomyTable, committee: str | None):
    """(rows for the grid, the row summing them, what the rows are) for the municipality or one committee."""
    if committee is None:
        return table.committees, table.total, "Nämnder"
    return table.activities.get(committee, []), table.committee(committee), "Verksamheter"


@callback(
    Output("ekonomi-kpis", "children"),
    Output("ekonomi-scope", "children"),
    Output("ekonomi-table-note", "children"),
    Output("ekonomi-table", "rowData"),
    Output("ekonomi-table", "dashGridOptions"),
    Output("ekonomi-forecast", "figure"),
    Output("ekonomi-curve", "figure"),
    Output("ekonomi-committees", "figure"),
    *PAGE.inputs(),
    State("ekonomi-table", "dashGridOptions"),
)
def update(municipality, month, committee, grid_options):
    """Refresh figures, table and key figures for the chosen municipality, month and committee."""
    table = economy.economy_table(municipality, month)
    rows, summed, what = _scope_rows(table, committee)
    has_data = summed is not None and summed.has_data
    note = None if has_data else empty_state(NO_REPORT, "Ingen ekonomi är rapporterad för månaden i urvalet.")
    pinned = (
        [{**table_row(summed), "name": f"Summa {summed.name}" if committee else "Summa hela kommunen"}]
        if has_data
        else []
    )
    options = {**(grid_options or {}), "pinnedBottomRowData": pinned}
    reported = sum(r.reported for r in table.committees)
    history = [p for p in economy.forecast_history(municipality, month) if committee in (None, p.committee_code)]
    names = {r.committee_code: r.name for r in table.committees}
    return (
        [html.Div(kpi_card(*card), className="col-6 col-lg-3") for card in _kpis(summed, reported, table)],
        f"{what} i {summed.name if committee and summed else 'hela kommunen'}, {month_label(month)}. "
        "Belopp i tkr. Summaraden längst ned summerar raderna.",
        note,
        [table_row(r) for r in rows],
        options,
        forecast_history_figure(history, names, month[:4]),
        budget_curve_figure(economy.monthly(municipality, month, committee), month[:4]),
        committee_deviation_figure(table.committees if committee is None else rows),
    )


def _kpis(row: economy.EconomyRow | None, reported: int, table: economy.EconomyTable) -> list[tuple]:
    if row is None or not row.has_data:
        figures = [
            ("Utfall hittills i år", "–"),
            ("Avvikelse hittills i år", "–"),
            ("Helårsprognos mot årsbudget", "–"),
        ]
    else:
        figures = [
            ("Utfall hittills i år", tkr(row.outcome_ytd), f"Budget hittills {tkr(row.budget_ytd)}"),
            ("Avvikelse hittills i år", deviation_text(row.deviation_ytd), percent(row.deviation_ytd_pct, 1, True)),
            ("Helårsprognos mot årsbudget", deviation_text(row.forecast_deviation), f"Prognos {tkr(row.forecast)}"),
        ]
    return [*figures, ("Nämnder som rapporterat", f"{reported} av {len(table.committees)}", "för vald månad")]


@callback(
    Output("ekonomi-namnd", "value", allow_duplicate=True),
    Input("ekonomi-table", "cellClicked"),
    State("ekonomi-table", "rowData"),
    prevent_initial_call=True,
)
def drill_down(cell, rows):
    """Clicking a committee row shows that committee's activities."""
    # rowIndex is the position on screen (it changes when the user sorts or filters); without getRowId the grid
    # names rows by their index in rowData ("0", "1", ...) and pinned rows "b-0", so rowId finds the right row.
    row_id = str((cell or {}).get("rowId") or "")
    if not row_id.isdigit() or int(row_id) >= len(rows):
        return no_update
    row = rows[int(row_id)]
    return row["code"] if row.get("level") == "committee" else no_update


@callback(
    Output("ekonomi-export-download", "data"),
    Input("ekonomi-export", "n_clicks"),
    *PAGE.states(),
    prevent_initial_call=True,
)
def export(n_clicks, municipality, month, committee):
    """The table as it is shown, as a formula-safe Excel file."""
    table = economy.economy_table(municipality, month)
    rows, summed, _ = _scope_rows(table, committee)
    headers, values = export_sheet([*rows, *([summed] if summed else [])])
    content = xlsx_bytes({"Ekonomi": (headers, values)})
    return dcc.send_bytes(
        content, f"ekonomi_{municipality}_{month}{'_' + committee if committee else ''}.xlsx", type=XLSX_MIME
    )


@callback(
    Output("ekonomi-report-download", "data"),
    Output("ekonomi-report-status", "children"),
    Input("ekonomi-report-pdf", "n_clicks"),
    Input("ekonomi-report-docx", "n_clicks"),
    *filter_states(PREFIX),  # the report covers the whole municipality: municipality and month only
    prevent_initial_call=True,
)
def download_report(pdf_clicks, docx_clicks, municipality, month):
    """The municipal director's monthly report for the chosen month, archived as it is handed out."""
    try:
        fmt = "docx" if dash.ctx.triggered_id == "ekonomi-report-docx" else "pdf"
        return make_report(fmt, municipality, month), ""
    except (ReportBusy, child.ReportFailed) as refused:
        return no_update, str(refused)


def make_report(fmt: str, municipality: str, month: str) -> dict:
    """The report as a dcc.Download payload, rendered by a child process in one of the server's few report slots."""
    with report_slot():
        result = child.render(municipality, month, fmt)
    return dcc.send_bytes(result.content, result.file_name, type=MIME[fmt])
