"""/lamna-in's pure builders: the card of each handed-in file (errors, preview, receipt) and earlier submissions."""

from dash import dcc, html

from data.formatting import count, iso_date, number, tkr
from data.submissions import Submission

PREFIX = "lamna-in"
KIND_LABELS = {"error": "Fel", "warning": "Varning"}
PENDING_TEXT = {
    "sending": "Skickas …",
    "reading": "Granskas …",
    "publishing": "Publiceras …",
}


def _table(caption: str, headers: list[str], rows: list[list], table_id: str | None = None) -> html.Table:
    """A plain accessible table: caption, column headers with scope, one row per list."""
    props = {"id": table_id} if table_id else {}
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        className="table table-sm intake-table",
        **props,
    )


def problem_table(problems: list[dict], file_name: str) -> html.Table:
    """Every error and warning, located, with what to do."""
    rows = [
        [
            KIND_LABELS[p["kind"]],
            p["sheet"] or "–",
            "–" if p["row"] is None else str(p["row"]),
            p["column"] or "–",
            p["header"] or "–",
            "–" if p["value"] is None else p["value"],
            p["message"],
        ]
        for p in problems
    ]
    errors = sum(1 for p in problems if p["kind"] == "error")
    caption = f"{file_name}: {count(errors, 'fel', 'fel')} och {count(len(problems) - errors, 'varning', 'varningar')}"
    return _table(caption, ["Typ", "Blad", "Rad", "Kolumn", "Rubrik", "Värde", "Vad du gör"], rows)


def _goals(figures: dict | None) -> str:
    if figures is None or not figures["goals_assessed"]:
        return "–"
    return f"{number(figures['goals_met'])} av {number(figures['goals_assessed'])}"


def figures_table(before: dict | None, after: dict | None, committee: str, month: str) -> html.Table:
    """The committee's headline figures for the month, published now and after publishing."""

    def money(figures: dict | None, key: str) -> str:
        return tkr(figures[key], signed=True) if figures else "–"

    def plain(figures: dict | None, key: str) -> str:
        return number(figures[key]) if figures else "–"

    rows = [
        ["Budgetavvikelse hittills i år", money(before, "deviation_ytd"), money(after, "deviation_ytd")],
        ["Prognosavvikelse för helåret", money(before, "forecast_deviation"), money(after, "forecast_deviation")],
        ["Uppfyllda mål av bedömda", _goals(before), _goals(after)],
        ["Öppna avvikelser", plain(before, "open_deviations"), plain(after, "open_deviations")],
    ]
    return _table(f"{committee}, {month}: nyckeltal", ["Nyckeltal", "Publicerat nu", "Efter publicering"], rows)


def rows_table(rows: list[dict]) -> html.Table:
    """Rows added and replaced per sheet."""
    return _table(
        "Rader per blad",
        ["Blad", "Läggs till", "Ersätts"],
        [[r["sheet"], number(r["added"]), number(r["replaced"])] for r in rows],
    )


def _buttons(job: str) -> html.Div:
    return html.Div(
        [
            html.Button(
                "Publicera",
                id={"type": f"{PREFIX}-publicera", "index": job},
                className="btn btn-primary me-2",
                n_clicks=0,
            ),
            html.Button(
                "Avbryt",
                id={"type": f"{PREFIX}-avbryt", "index": job},
                className="btn btn-outline-secondary",
                n_clicks=0,
            ),
        ],
        className="my-2",
    )


def _what(state: dict) -> str:
    identity = state["identity"]
    who = f"{identity['committee_name']} i {identity['municipality_name']}, period {identity['period']}"
    old = state.get("supersedes")
    if old:
        return (
            f"Rättelse för {who}: ersätter inlämning {old['submission_id']} ({old['file_name']}, inläst "
            f"{old['loaded_at']}), som finns kvar som historik."
        )
    return f"Ny period för {who}."


def job_card(entry: dict, state: dict | None) -> html.Div:
    """One handed-in file: pending, refused (why), rejected (every problem), preview, or the receipt."""
    name = entry.get("file_name", "")
    status = state["status"] if state else entry.get("status")
    body: list = [html.H3(name, className="h5")]
    if status in PENDING_TEXT:
        body.append(html.P(PENDING_TEXT[status], role="status"))
    elif state is None and entry.get("job"):
        body.append(html.P("Inlämningen är avbruten. Inget från filen sparades."))
    elif state is None or status == "failed":
        body.append(html.P((state or entry).get("message") or "Filen kunde inte tas emot.", className="intake-refused"))
    elif status == "skipped":
        same = state.get("same_as") or {}
        body.append(html.P(f"Samma innehåll är redan inläst ({same.get('file_name', 'tidigare fil')}). Inget ändras."))
    elif status == "rejected":
        body.append(
            html.P(
                "Filen lästes inte in: rätta felen nedan och lämna in den igen. Det publicerade är oförändrat.",
                className="intake-refused",
            )
        )
        if state.get("message"):
            body.append(html.P(state["message"]))
        if state.get("annotated"):
            body.append(_annotated_link(entry["job"]))
        body.append(problem_table(state["problems"], name))
    elif status == "preview":
        body += [
            html.P(_what(state)),
            rows_table(state["rows"]),
            figures_table(state["before"], state["after"], state["identity"]["committee_name"], state["month"]),
        ]
        if state.get("message"):
            body.append(html.P(state["message"], className="intake-refused"))
        if state["problems"]:
            body += [_annotated_link(entry["job"]), problem_table(state["problems"], name)]
        body.append(_buttons(entry["job"]))
    elif status == "published":
        body.append(receipt(state["receipt"]))
    return html.Div(body, className="intake-card", id={"type": f"{PREFIX}-fil", "index": entry.get("job") or name})


def _annotated_link(job: str) -> html.P:
    return html.P(
        html.A(
            "Ladda ner arbetsboken med felen markerade",
            href=f"/lamna-in/jobb/{job}/granskad.xlsx",
            download="",
            id={"type": f"{PREFIX}-granskad", "index": job},
        )
    )


def receipt(values: dict) -> html.Div:
    """The receipt of a publish: submission id, sha256, data version, time."""
    return html.Div(
        [
            html.P("Publicerat. Sidorna visar de nya uppgifterna från och med nästa sidvisning.", role="status"),
            html.Dl(
                [
                    html.Dt("Inlämning"),
                    html.Dd(str(values["submission_id"]), className="intake-receipt-id"),
                    html.Dt("Kontrollsumma (sha256)"),
                    html.Dd(html.Code(values["sha256"])),
                    html.Dt("Dataversion"),
                    html.Dd(values["data_version"]),
                    html.Dt("Tid"),
                    html.Dd(values["published_at"]),
                ],
                className="intake-receipt",
            ),
        ]
    )


def _state_text(s: Submission) -> str:
    if s.withdrawn_at is not None:
        return f"Återkallad {iso_date(s.withdrawn_at)} av {s.withdrawn_by}: {s.withdraw_reason}"
    if s.in_force:
        return "Gäller"
    return f"Ersatt av inlämning {s.superseded_by}" if s.superseded_by else "Gäller inte"


def history_table(items: list[Submission]) -> html.Div:
    """The committee's earlier submissions, newest first; those in force can be withdrawn."""
    if not items:
        return html.P("Nämnden har inga inlämningar ännu.")
    rows = []
    for s in items:
        action = (
            html.Button(
                "Återkalla",
                id={"type": f"{PREFIX}-aterkalla", "index": s.submission_id},
                className="btn btn-outline-danger btn-sm",
                n_clicks=0,
                **{"aria-label": f"Återkalla inlämning {s.submission_id} ({s.file_name})"},
            )
            if s.in_force
            else ""
        )
        rows.append(
            [
                str(s.submission_id),
                s.period,
                s.file_name,
                s.loaded_at.strftime("%Y-%m-%d %H:%M"),
                number(s.row_count),
                _state_text(s),
                action,
            ]
        )
    return _table(
        "Inlämningar, senaste först",
        ["Inlämning", "Period", "Fil", "Inläst", "Rader", "Läge", "Åtgärd"],
        rows,
        table_id=f"{PREFIX}-historik-tabell",
    )


def withdraw_form(submission: Submission, error: str | None = None) -> html.Div:
    """Ask why a submission is withdrawn before doing it (error: what was wrong with the last try)."""
    return html.Div(
        [
            *([html.P(error, role="alert", className="intake-refused")] if error else []),
            html.Label(
                f"Varför återkallas inlämning {submission.submission_id} ({submission.file_name})?",
                htmlFor=f"{PREFIX}-skal",
            ),
            dcc.Input(id=f"{PREFIX}-skal", type="text", className="form-control my-1", maxLength=500),
            html.Button("Återkalla inlämningen", id=f"{PREFIX}-bekrafta", className="btn btn-danger me-2", n_clicks=0),
            html.Button("Ångra", id=f"{PREFIX}-angra", className="btn btn-outline-secondary", n_clicks=0),
        ],
        className="intake-withdraw my-2",
    )
