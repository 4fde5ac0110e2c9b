"""Pure builders for /uppdrag and /sammantrade: data in; figures, Swedish sentences, grid columns and rows out."""

from itertools import accumulate

from data.assignments import Assignment, CommitteeSummary
from data.economy import EconomyRow, MonthPoint
from data.formatting import balance, count, iso_date, percent
from data.periods import month_label, month_short
from data.vocabulary import ASSIGNMENT_STATE, ASSIGNMENT_STATUS
from ui.components import COMMITTEE_WIDTH, number_column, text_column
from ui.economy import sign_style
from ui.figures import PALETTE, empty_figure, figure

# Figures in the meeting mode are read from across a room and printed on A4: fixed size, large type.
MEETING_FONT_SIZE = 24
MEETING_SIZE = {"width": 760, "height": 360}


def given_completed_figure(rows: list[tuple[str, int, int]]) -> dict:
    """Assignments given and completed, accumulated month by month: the gap between the lines is the backlog."""
    if not rows:
        return empty_figure("Inga uppdrag att visa för urvalet.")
    months = [f"{m}-01" for m, _, _ in rows]
    line = {"type": "scatter", "x": months, "mode": "lines+markers"}
    given = list(accumulate(g for _, g, _ in rows))
    completed = list(accumulate(c for _, _, c in rows))
    return figure(
        [
            {
                **line,
                "y": given,
                "customdata": [count(n, "givet", "givna") for n in given],
                "name": "Givna uppdrag",
                "line": {"color": PALETTE[0], "width": 3, "shape": "hv"},
                "marker": {"symbol": "circle", "size": 7},
                "hovertemplate": "%{x|%B %Y}: %{customdata} hittills<extra></extra>",
            },
            {
                **line,
                "y": completed,
                "customdata": [count(n, "klart", "klara") for n in completed],
                "name": "Klara uppdrag",
                "line": {"color": PALETTE[1], "width": 3, "dash": "dash", "shape": "hv"},
                "marker": {"symbol": "square", "size": 7},
                "hovertemplate": "%{x|%B %Y}: %{customdata} hittills<extra></extra>",
            },
        ],
        {
            "height": 360,
            "xaxis": {"type": "date", "tickformat": "%b %Y"},
            "yaxis": {"title": {"text": "Antal uppdrag, ackumulerat"}, "tickformat": "d", "rangemode": "tozero"},
        },
    )


def deviation_figure(months: list[MonthPoint]) -> dict:
    """Meeting mode: outcome minus budget accumulated from January, one bar per month (below zero: deficit)."""
    size = {**MEETING_SIZE, "font": {"size": MEETING_FONT_SIZE, "color": "#000"}}
    if not months:
        return empty_figure("Ingen ekonomirapport", **size)
    values = [round(p.outcome_ytd - p.budget_ytd, 1) for p in months]
    bar = {
        "type": "bar",
        "x": [month_short(p.month) for p in months],
        "y": values,
        "marker": {"color": [sign_style(v)["colour"] for v in values]},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    return figure(
        [bar],
        {
            **size,
            "margin": {"l": 110, "r": 20, "t": 50, "b": 50},
            "yaxis": {"title": {"text": "tkr"}, "zerolinewidth": 3, "zerolinecolor": "#000", "automargin": True},
        },
    )


def economy_sentence(economy: EconomyRow | None, month: str) -> str:
    """The committee's economy in one Swedish sentence, saying plainly whether it is a deficit or a surplus."""
    if economy is None:
        return f"Ingen ekonomirapport inlämnad för {month_label(month)}."
    share = economy.forecast_deviation_pct
    share_text = f" ({percent(share, 1, signed=True)} av årsbudgeten)" if share is not None else ""
    return (
        f"Helårsprognosen visar {balance(economy.forecast_deviation, article=True)}{share_text}; "
        f"hittills i år {balance(economy.deviation_ytd, article=True)}."
    )


# --- Tables and export ---------------------------------------------------------------------------------------------

HIGHLIGHT = {
    "styleConditions": [
        {"condition": f"params.value === '{ASSIGNMENT_STATE.label(code)}'", "style": style}
        for code, style in (
            ("overdue", {"color": "#c62828", "fontWeight": "700"}),
            ("done_not_reported", {"color": "#8a5a00", "fontWeight": "700"}),
        )
    ]
}


def list_columns(reported: bool = True) -> list[dict]:
    """Grid columns of an assignment list; reported adds the report-back date."""
    # The page's own filters cover these columns; without a filter icon each the headers fit in full.
    plain = {"filter": False}
    columns = [
        {**text_column("case_number", "Diarienummer", width=140), **plain},
        {**text_column("decided_by", "Beslutat av", width=120), **plain},
        {**text_column("title", "Uppdrag", wrap=True), "minWidth": 260},
        {**text_column("recipient", "Mottagare", width=240), **plain},
        {**text_column("due_date", "Slutdatum", width=120), **plain},
        {**text_column("state", "Läge", width=210), "cellStyle": HIGHLIGHT, **plain},
    ]
    if reported:
        columns.append({**text_column("reported_back_date", "Återrapporterat", width=150), **plain})
    return columns


def all_columns() -> list[dict]:
    """Grid columns of the full assignment table: the list columns plus paragraph, decision date and comment."""
    base = list_columns()
    return [
        base[0],
        {**text_column("paragraph", "Paragraf", width=100), "filter": False},
        base[1],
        {**text_column("decision_date", "Beslutsdatum", width=130), "filter": False},
        *base[2:],
        {**text_column("comment", "Kommentar", wrap=True), "minWidth": 260},
    ]


def summary_columns() -> list[dict]:
    """Grid columns of the per-committee summary."""
    # Narrow count columns: headers wrap, and a filter per count would only crowd them.
    compact = {"wrapHeaderText": True, "autoHeaderHeight": True, "filter": False}
    counts = [{**number_column(code, label, width=100), **compact} for code, label in ASSIGNMENT_STATE.items]
    return [
        {
            **text_column("committee", "Nämnd", wrap=True),
            "minWidth": COMMITTEE_WIDTH,
            "pinned": "left",
            "filter": False,
        },
        {**number_column("total", "Totalt", width=90), **compact},
        *counts,
        {**number_column("on_time_percent", "Klara i tid", suffix="%", width=110), **compact},
        {**number_column("average_delay_days", "Medelförsening, dagar", decimals=1, width=140), **compact},
    ]


EXPORT_HEADERS = (
    "Diarienummer", "Paragraf", "Beslutat av", "Beslutsdatum", "Uppdrag", "Mottagare", "Slutdatum", "Status",
    "Läge", "Återrapporterat", "Klart enligt rapport", "Kommentar",
)  # fmt: skip


def assignment_row(item: Assignment) -> dict:
    """One assignment as a grid row: dates as ISO text, state as its Swedish label."""
    return {
        "case_number": item.case_number,
        "paragraph": item.paragraph or "",
        "decided_by": item.decided_by,
        "decision_date": iso_date(item.decision_date),
        "title": item.title,
        "recipient": item.recipient_name,
        "due_date": iso_date(item.due_date),
        "state": ASSIGNMENT_STATE.label(item.state),
        "reported_back_date": iso_date(item.reported_back_date) if item.reported_back_date else "",
        "comment": item.comment or "",
    }


def summary_row(summary: CommitteeSummary) -> dict:
    """One committee's counts by state, share done on time and average delay as a grid row."""
    return {
        "committee": summary.committee_name,
        "total": summary.total,
        **summary.counts,
        "on_time_percent": summary.on_time_percent,
        "average_delay_days": summary.average_delay_days,
    }


def export_sheet(items: list[Assignment]) -> tuple[tuple[str, ...], list[list]]:
    """(headers, rows) for the Excel export: real dates, Swedish labels, text kept as text."""
    return EXPORT_HEADERS, [
        [
            item.case_number,
            item.paragraph,
            item.decided_by,
            item.decision_date,
            item.title,
            item.recipient_name,
            item.due_date,
            ASSIGNMENT_STATUS.label(item.status),
            ASSIGNMENT_STATE.label(item.state),
            item.reported_back_date,
            item.done_date,
            item.comment,
        ]
        for item in items
    ]
