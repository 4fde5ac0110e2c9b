"""Rapportläge: per committee and period, handed in on time or late, missing past the deadline, due soon."""

import dash
from dash import Input, Output, State, callback, dcc, html

from data import deadlines, meta
from data.deadlines import DUE_SOON_DAYS
from data.formatting import count
from data.meetings import meeting_dates
from data.periods import month_label
from data.vocabulary import REPORT_STATE
from ui.components import FilterPage, data_table, section
from ui.deadlines import ROW_STYLE, columns, export_rows, kpis, meetings, table_row
from ui.export import XLSX_MIME, export_button, xlsx_bytes

dash.register_page(__name__, path="/rapportlage", name="Rapportläge", title="Rapportläge – Styrkedjan", order=9)
PREFIX = "rapportlage"
TITLE = "Rapportläge"
SCOPE_LABELS = {"ar": "Hela året", "manad": "Vald månad"}  # manad: the periods ending in the month
PAGE = FilterPage(PREFIX, TITLE, url_params=("visa", "status"))


def _choices(visa, status) -> list:
    scopes = [{"label": text, "value": code} for code, text in SCOPE_LABELS.items()]
    states = [{"label": text, "value": code} for code, text in REPORT_STATE.items]
    return [
        PAGE.choice("visa", "Visa", scopes, visa if visa in deadlines.SCOPES else "ar", clearable=False),
        PAGE.choice("status", "Rapportläge", states, status),
    ]


def layout(kommun=None, period=None, visa=None, status=None, **_):
    """Every committee's reports against the reporting calendar for ?kommun=&period=&visa=&status=."""
    filters = meta.resolve(kommun, period)
    if filters.month is None:
        return PAGE.no_data()
    grid = data_table(f"{PREFIX}-table", [], columns(), page_size=50)
    grid.getRowStyle = ROW_STYLE  # tints repeat what the words say
    return PAGE.layout(
        filters,
        html.Section(id=f"{PREFIX}-kpis", className="row g-3 mb-2", **{"aria-label": "Antal rapporter per läge"}),
        section(
            "Rapporter mot rapportkalendern",
            html.P(id=f"{PREFIX}-scope", className="mb-1"),
            grid,
            export_button(PREFIX),
        ),
        section("Sammanträden", html.Div(id=f"{PREFIX}-meetings")),
        intro="Har nämnderna lämnat sina rapporter i tid? Varje nämnd och period med en sista dag i kommunens "
        f"rapportkalender: inlämnad i tid eller sent, saknas efter sista dag, eller sista dag inom {DUE_SOON_DAYS} "
        "dagar. En återkallad rapport räknas som saknad.",
        extra=_choices(visa, status),
    )


def _items(municipality, month, scope, status) -> list[deadlines.ReportStatus]:
    return [i for i in deadlines.statuses(municipality, month, scope or "ar") if not status or i.state == status]


def _scope_text(items: list, month: str, scope: str) -> str:
    where = f"år {month[:4]}" if scope != "manad" else f"perioder som slutar i {month_label(month)}"
    if not items:
        return f"Rapportkalendern har ingen sista dag för {where} (eller inget i urvalet). Läs in kalendern med " \
            "python -m etl calendar."  # fmt: skip
    return f"{count(len(items), 'rapport', 'rapporter')} med sista dag, {where}."


@callback(
    Output(f"{PREFIX}-kpis", "children"),
    Output(f"{PREFIX}-scope", "children"),
    Output(f"{PREFIX}-table", "rowData"),
    Output(f"{PREFIX}-meetings", "children"),
    *PAGE.inputs(),
    Input(f"{PREFIX}-visa", "value"),
    Input(f"{PREFIX}-status", "value"),
)
def update(municipality, month, scope, status):
    """Key figures, the list and the meetings for the chosen municipality, month, scope and state."""
    every = _items(municipality, month, scope, None)
    items = [i for i in every if not status or i.state == status]
    ks, kf = meeting_dates(municipality, "KS"), meeting_dates(municipality, "KF")
    return (
        kpis(deadlines.counts(every)),
        _scope_text(items, month, scope),
        [table_row(i) for i in items],
        meetings(ks, kf, int(month[:4])),
    )


@callback(
    Output(f"{PREFIX}-export-download", "data"),
    Input(f"{PREFIX}-export", "n_clicks"),
    *PAGE.states(),
    State(f"{PREFIX}-visa", "value"),
    State(f"{PREFIX}-status", "value"),
    prevent_initial_call=True,
)
def export(n_clicks, municipality, month, scope, status):
    """The list as shown, as a formula-safe Excel file."""
    content = xlsx_bytes({"Rapportläge": export_rows(_items(municipality, month, scope, status))})
    return dcc.send_bytes(content, f"rapportlage_{municipality}_{month}.xlsx", type=XLSX_MIME)
