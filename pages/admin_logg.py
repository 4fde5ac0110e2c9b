"""Granskningslogg (admins only): who did what, when and from where; paged and filterable."""

import dash
from dash import Input, Output, State, callback, ctx, dcc, html

from accounts import audit
from ui.admin import audit_columns, audit_rows, paging_text
from ui.components import data_table, dropdown, page, sync_url

dash.register_page(__name__, path="/admin/logg", name="Granskningslogg", title="Granskningslogg – Styrkedjan", order=90)
PREFIX = "admin"
TITLE = "Granskningslogg"
sync_url(PREFIX, ("konto", "handling", "sok"))


def _labelled(name: str, label: str, control) -> html.Div:
    return html.Div([html.Label(label, htmlFor=f"{PREFIX}-{name}"), control], className="col-12 col-md-4")


def _known(value, options: list[dict]):
    return value if value in [o["value"] for o in options] else None


def layout(konto=None, handling=None, sok=None, **_):
    """The audit log for ?konto=&handling=&sok=, newest first, 50 lines a page."""
    actions = [{"label": label, "value": key} for key, label in audit.ACTIONS.items()]
    accounts = [{"label": name, "value": name} for name in audit.accounts_in_log()]
    filters = html.Section(
        html.Div(
            [
                _labelled(
                    "konto",
                    "Vem",
                    dropdown(f"{PREFIX}-konto", options=accounts, value=_known(konto, accounts), placeholder="Alla"),
                ),
                _labelled(
                    "handling",
                    "Handling",
                    dropdown(
                        f"{PREFIX}-handling", options=actions, value=_known(handling, actions), placeholder="Alla"
                    ),
                ),
                _labelled(
                    "sok",
                    "Sök i vad, detaljer och adress",
                    dcc.Input(id=f"{PREFIX}-sok", value=sok or "", debounce=True, className="form-control"),
                ),
            ],
            className="row g-3",
        ),
        className="filter-bar",
        **{"aria-label": "Filter"},
    )
    pager = html.Div(
        [
            html.Button("← Nyare", id=f"{PREFIX}-nyare", className="btn btn-outline-primary btn-sm me-2", n_clicks=0),
            html.Button("Äldre →", id=f"{PREFIX}-aldre", className="btn btn-outline-primary btn-sm me-3", n_clicks=0),
            html.Span(id=f"{PREFIX}-rader", role="status"),
            dcc.Store(id=f"{PREFIX}-sida", data=0),
        ],
        className="my-2 d-flex align-items-center",
    )
    return page(
        TITLE,
        filters,
        pager,
        data_table(f"{PREFIX}-logg", [], audit_columns()),
        intro="Inloggningar, nekade försök, exporter, hämtade rapporter, uppladdningar och kontoändringar.",
    )


@callback(
    Output(f"{PREFIX}-logg", "rowData"),
    Output(f"{PREFIX}-rader", "children"),
    Output(f"{PREFIX}-sida", "data"),
    Output(f"{PREFIX}-nyare", "disabled"),
    Output(f"{PREFIX}-aldre", "disabled"),
    Input(f"{PREFIX}-konto", "value"),
    Input(f"{PREFIX}-handling", "value"),
    Input(f"{PREFIX}-sok", "value"),
    Input(f"{PREFIX}-nyare", "n_clicks"),
    Input(f"{PREFIX}-aldre", "n_clicks"),
    State(f"{PREFIX}-sida", "data"),
)
def update(konto, handling, sok, _newer, _older, current):
    """One page of the log; filter changes go back to the newest lines."""
    step = {f"{PREFIX}-nyare": -1, f"{PREFIX}-aldre": 1}.get(ctx.triggered_id)
    number = max(0, int(current or 0) + step) if step else 0
    entries, total = audit.entries(konto, handling, sok, page=number)
    last = max(0, (total - 1) // audit.PAGE_SIZE)
    if number > last:
        number = last
        entries, total = audit.entries(konto, handling, sok, page=number)
    text = paging_text(number, audit.PAGE_SIZE, len(entries), total)
    return audit_rows(entries), text, number, number == 0, number >= last
