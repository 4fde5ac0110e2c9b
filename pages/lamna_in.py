"""Lämna in (submitters and admins): the template, hand in workbooks, see every problem, preview, publish, withdraw.

The files go to the plain routes of intake/web.py (assets/lamna_in.js sends them); this page shows what became of
them by polling their state, and publishes, cancels and withdraws through intake/ and etl/ on the server.
"""

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from flask import has_request_context

from accounts import access, web
from data import meta, settings, submissions
from etl.container import megabytes
from etl.failure import CouldNotPublish, Refused
from etl.withdraw import withdraw
from intake import jobs
from intake import web as intake_web
from ui.components import dropdown, municipality_options, page, query_string, section
from ui.intake import PENDING_TEXT, PREFIX, history_table, job_card, withdraw_form

dash.register_page(__name__, path="/lamna-in", name="Lämna in", title="Lämna in – Styrkedjan", order=8, submit=True)
TITLE = "Lämna in rapport"
POLL_MS = 1000


def _committees(municipality: str | None) -> list[dict]:
    """The committees of the municipality the user may submit for."""
    user = access.current_user()
    if not municipality:
        return []
    return [
        {"label": name, "value": code}
        for code, name in meta.committees(municipality)
        if not has_request_context() or access.may_submit(user, municipality, code)
    ]


def _municipalities() -> list[dict]:
    user = access.current_user()
    options = municipality_options()
    if access.sees_all(user) or not has_request_context():
        return options
    return [o for o in options if o["value"] in user.municipalities]


def _labelled(name: str, label: str, control) -> html.Div:
    return html.Div([html.Label(label, htmlFor=f"{PREFIX}-{name}"), control], className="col-12 col-md-4")


def layout(kommun=None, namnd=None, **_):
    """The page for ?kommun=&namnd= (the user's first municipality and committee by default)."""
    municipalities = _municipalities()
    kommun = kommun if any(o["value"] == kommun for o in municipalities) else None
    kommun = kommun or (municipalities[0]["value"] if municipalities else None)
    committees = _committees(kommun)
    namnd = namnd if any(o["value"] == namnd for o in committees) else None
    namnd = namnd or (committees[0]["value"] if committees else None)
    limit = settings.max_upload_bytes()
    choose = html.Div(
        [
            _labelled(
                "kommun", "Kommun", dropdown(f"{PREFIX}-kommun", options=municipalities, value=kommun, clearable=False)
            ),
            _labelled("namnd", "Nämnd", dropdown(f"{PREFIX}-namnd", options=committees, value=namnd, clearable=False)),
            html.Div(
                html.A("Ladda ner rapportmallen", id=f"{PREFIX}-mall", className="btn btn-outline-primary", href=""),
                className="col-12 col-md-4 d-flex align-items-end",
            ),
        ],
        className="row g-3 filter-bar",
    )
    drop = html.Div(
        [
            html.P("Dra och släpp en eller flera Excel-filer (.xlsx) här, eller välj dem:", className="mb-2"),
            html.Button("Välj filer …", id=f"{PREFIX}-valj", type="button", className="btn btn-primary"),
            html.P(f"Högst {megabytes(limit)} per fil.", className="text-body-secondary mt-2 mb-0"),
        ],
        id=f"{PREFIX}-drop",
        className="intake-drop",
        **{"data-csrf": web.csrf_token() if has_request_context() else "", "data-url": intake_web.UPLOAD_PATH},
    )
    return page(
        TITLE,
        section("1. Nämnd och mall", choose),
        section("2. Lämna in filer", drop, html.Div(id=f"{PREFIX}-resultat", **{"aria-live": "polite"})),
        section("3. Tidigare inlämningar", html.Div(id=f"{PREFIX}-atgard"), html.Div(id=f"{PREFIX}-historik")),
        dcc.Store(id=f"{PREFIX}-skickat", data=[]),
        dcc.Store(id=f"{PREFIX}-andrat", data=0),
        dcc.Store(id=f"{PREFIX}-publicerade", data=0),
        dcc.Store(id=f"{PREFIX}-mal"),
        dcc.Interval(id=f"{PREFIX}-poll", interval=POLL_MS, disabled=True),
        intro="Lämna in nämndens rapport som Excel-fil. Du ser varje fel direkt och vad rapporten ändrar innan du "
        "publicerar.",
    )


@callback(
    Output(f"{PREFIX}-namnd", "options"),
    Output(f"{PREFIX}-namnd", "value"),
    Input(f"{PREFIX}-kommun", "value"),
    State(f"{PREFIX}-namnd", "value"),
    prevent_initial_call=True,
)
def update_committees(municipality, committee):
    """The committees of the chosen municipality."""
    options = _committees(municipality)
    codes = [o["value"] for o in options]
    return options, committee if committee in codes else (codes[0] if codes else None)


@callback(
    Output(f"{PREFIX}-mall", "href"),
    Output(f"{PREFIX}-historik", "children"),
    Input(f"{PREFIX}-kommun", "value"),
    Input(f"{PREFIX}-namnd", "value"),
    Input(f"{PREFIX}-andrat", "data"),
    Input(f"{PREFIX}-publicerade", "data"),
)
def update_committee(municipality, committee, _changed, _published):
    """The template link (also where the script sends files) and the committee's earlier submissions."""
    if not municipality or not committee:
        return "", html.P("Välj kommun och nämnd.")
    href = "/lamna-in/mall" + query_string(kommun=municipality, namnd=committee)
    return href, history_table(submissions.committee_submissions(municipality, committee))


@callback(
    Output(f"{PREFIX}-resultat", "children"),
    Output(f"{PREFIX}-poll", "disabled"),
    Output(f"{PREFIX}-publicerade", "data"),
    Input(f"{PREFIX}-skickat", "data"),
    Input(f"{PREFIX}-poll", "n_intervals"),
    Input(f"{PREFIX}-andrat", "data"),
    State(f"{PREFIX}-publicerade", "data"),
)
def show_files(sent, _tick, _changed, published_before):
    """Each handed-in file's card; keep polling while one is on its way; count publishes (history follows)."""
    user, cards, pending, published = access.current_user(), [], False, 0
    for entry in sent or []:
        job = jobs.find(entry.get("job", ""), user) if entry.get("job") else None
        state = jobs.state(job) if job else None
        pending = pending or (state or entry).get("status") in PENDING_TEXT
        published += bool(state and state["status"] == "published")
        cards.append(job_card(entry, state))
    return cards, not pending, published if published != published_before else no_update


@callback(
    Output(f"{PREFIX}-andrat", "data"),
    Input({"type": f"{PREFIX}-publicera", "index": ALL}, "n_clicks"),
    Input({"type": f"{PREFIX}-avbryt", "index": ALL}, "n_clicks"),
    State(f"{PREFIX}-andrat", "data"),
    prevent_initial_call=True,
)
def act(_publish, _cancel, changed):
    """Publish or cancel the file whose button was pressed."""
    if not ctx.triggered_id or not ctx.triggered[0]["value"]:
        return no_update
    job = jobs.find(ctx.triggered_id["index"], access.current_user())
    if job is None:
        return no_update
    if ctx.triggered_id["type"].endswith("publicera"):
        intake_web.start_publish(job)
    else:
        jobs.cancel(job)
    return (changed or 0) + 1


@callback(
    Output(f"{PREFIX}-atgard", "children"),
    Output(f"{PREFIX}-mal", "data"),
    Input({"type": f"{PREFIX}-aterkalla", "index": ALL}, "n_clicks"),
    State(f"{PREFIX}-kommun", "value"),
    State(f"{PREFIX}-namnd", "value"),
    prevent_initial_call=True,
)
def ask_reason(_clicks, municipality, committee):
    """Ask why before withdrawing the chosen submission."""
    if not ctx.triggered_id or not ctx.triggered[0]["value"]:
        return no_update, no_update
    chosen = ctx.triggered_id["index"]
    found = next(
        (s for s in submissions.committee_submissions(municipality, committee) if s.submission_id == chosen), None
    )
    return (withdraw_form(found), chosen) if found else (no_update, no_update)


@callback(
    Output(f"{PREFIX}-atgard", "children", allow_duplicate=True),
    Output(f"{PREFIX}-andrat", "data", allow_duplicate=True),
    Input(f"{PREFIX}-bekrafta", "n_clicks"),
    Input(f"{PREFIX}-angra", "n_clicks"),
    State(f"{PREFIX}-skal", "value"),
    State(f"{PREFIX}-mal", "data"),
    State(f"{PREFIX}-andrat", "data"),
    prevent_initial_call=True,
)
def confirm_withdraw(_confirm, _undo, reason, chosen, changed):
    """Withdraw the submission (the user must be allowed to submit for its committee) and publish."""
    if not ctx.triggered or not ctx.triggered[0]["value"]:  # the form has just appeared
        return no_update, no_update
    if ctx.triggered_id != f"{PREFIX}-bekrafta":
        return [], no_update
    owner = submissions.submission(chosen) if isinstance(chosen, int) else None
    user = access.current_user()
    if owner is None or not access.may_submit(user, *owner):
        raise access.deny(f"återkallelse av inlämning {chosen}")
    if not (reason or "").strip():
        found = next(s for s in submissions.committee_submissions(*owner) if s.submission_id == chosen)
        return withdraw_form(found, "Skriv varför inlämningen återkallas."), no_update
    try:
        result = withdraw(settings.db_path(), chosen, reason.strip(), by=user.name, wait=jobs.LOCK_WAIT_SECONDS)
    except (Refused, CouldNotPublish) as exc:
        return html.P(exc.message, role="alert"), no_update
    text = f"Inlämning {chosen} är återkallad. Publicerat som dataversion {result['data_version']}."
    if result["back_in_force"]:
        text += f" Inlämning {result['back_in_force']} gäller igen för samma period."
    return html.P(text, role="status", id=f"{PREFIX}-aterkallad"), (changed or 0) + 1
