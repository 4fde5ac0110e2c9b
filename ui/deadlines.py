"""Rapportläge builders: each report's state in symbol and words, grid rows and columns, key figures, meetings."""

from datetime import date

from dash import html

from data.deadlines import ReportStatus
from data.formatting import count, iso_date, number
from data.vocabulary import REPORT_STATE
from ui.components import COMMITTEE_WIDTH, kpi_card, number_column, text_column

SYMBOLS = {"overdue": "✖", "due_soon": "⚠", "late": "◆", "on_time": "✔", "upcoming": "○"}
# Row tints repeat what the words say (colour is never the only signal).
ROW_STYLE = {
    "styleConditions": [
        {"condition": "params.data.state === 'overdue'", "style": {"backgroundColor": "#fde8e8"}},
        {"condition": "params.data.state === 'due_soon'", "style": {"backgroundColor": "#fff4d6"}},
        {"condition": "params.data.state === 'late'", "style": {"backgroundColor": "#f3ecfa"}},
    ]
}
COLUMNS = (  # (field, header, width); what the director reads first comes first, the report's own date last
    ("committee", "Nämnd", COMMITTEE_WIDTH),
    ("period", "Period", 104),
    ("deadline", "Sista dag", 110),
    ("state_text", "Rapportläge", 205),
    ("days", "Dagar sent", 104),
    ("submitted", "Inlämnad", 150),
    ("next_ks", "Nästa KS", 110),
    ("next_kf", "Nästa KF", 110),
    ("report_date", "Rapportdatum", 152),
)


def _days(n: int) -> str:
    return count(n, "dag", "dagar")


def state_text(item: ReportStatus) -> str:
    """'✔ Inlämnad i tid', '◆ Inlämnad sent, 3 dagar efter sista dag', '✖ Saknas, försenad 5 dagar' and so on."""
    label = f"{SYMBOLS[item.state]} {REPORT_STATE.label(item.state)}"
    if item.state == "late":
        label += f", {_days(item.days)} efter sista dag"
    elif item.state == "overdue":
        label += f" {_days(item.days)}"
    elif item.state in ("due_soon", "upcoming"):
        label += ": sista dag i dag" if item.days == 0 else f": {_days(item.days)} kvar"
    if item.withdrawn and item.submitted_at is None:
        label += " (rapporten återkallad)"
    return label


def table_row(item: ReportStatus) -> dict:
    """One grid (and export) row: dates as 2026-03-31, days late as a number (left for days remaining)."""
    return {
        "state": item.state,
        "committee": item.committee,
        "period": item.period,
        "deadline": iso_date(item.deadline),
        "state_text": state_text(item),
        "days": item.days if item.state in ("late", "overdue") else None,
        "submitted": item.submitted_at.strftime("%Y-%m-%d %H:%M") if item.submitted_at else "–",
        "report_date": iso_date(item.report_date) if item.report_date else "–",
        "next_ks": iso_date(item.next_ks) if item.next_ks else "–",
        "next_kf": iso_date(item.next_kf) if item.next_kf else "–",
    }


def columns() -> list[dict]:
    """The grid's columns: texts sorted in Swedish order, days late as a number."""
    out = []
    for field, header, width in COLUMNS:
        if field == "days":
            out.append(number_column(field, header, suffix=("dag", "dagar"), width=width))
        else:
            out.append(text_column(field, header, width=width, wrap=field in ("committee", "state_text")))
    return out


def export_rows(items: list[ReportStatus]) -> tuple[list[str], list[list]]:
    """Headers and rows for the Excel export, the same columns as the grid."""
    return [header for _, header, _ in COLUMNS], [[table_row(i)[field] for field, _, _ in COLUMNS] for i in items]


def kpis(counts: dict[str, int]) -> list:
    """One key figure per state, in the order of REPORT_STATE, each with its symbol."""
    return [
        html.Div(
            kpi_card(
                label,
                f"{SYMBOLS[code]} {number(counts.get(code, 0))}",
                card_id=f"rapportlage-kpi-{code}",
            ),
            className="col-6 col-lg",
        )
        for code, label in REPORT_STATE.items
    ]


def meetings(ks: list[date], kf: list[date], year: int) -> html.Div:
    """The year's KS and KF meeting dates beside the deadlines, as two lists of dates."""

    def listing(title: str, dates: list[date]) -> html.Div:
        shown = [d for d in dates if d.year == year]
        body = html.Ul([html.Li(iso_date(d)) for d in shown]) if shown else html.P("Inga sammanträden i lagret.")
        return html.Div([html.H3(title, className="h6"), body], className="col-6 col-md-3")

    return html.Div([listing("Kommunstyrelsen (KS)", ks), listing("Kommunfullmäktige (KF)", kf)], className="row")
