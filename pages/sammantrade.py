"""Sammanträdesläge: the presidium's full-screen meeting mode, one committee per slide, and its printed handout.

Every slide is rendered at once and assets/sammantrade.js shows one at a time (arrow keys, Page Up/Down from a
presentation clicker, Esc leaves), keeping `?bild=N` in the address so a slide can be linked. Printing the page
gives the handout: assets/sammantrade.css puts each committee on its own stamped page.
"""

from datetime import date

import dash
from dash import dcc, html

from data import meetings, meta
from data.assignments import Assignment
from data.formatting import iso_date, number
from data.periods import month_label
from data.vocabulary import ASSESSMENT, ASSIGNMENT_STATE
from ui.assignments import deviation_figure, economy_sentence
from ui.components import empty_state, filter_href, no_data_page, page
from ui.figures import ASSESSMENT_STYLE, GRAPH_CONFIG

dash.register_page(__name__, path="/sammantrade", name="Sammanträdesläge", order=7)
TITLE = "Sammanträdesläge"
MAX_ITEMS = 3  # what a room can read on one slide; the rest is counted and found on /uppdrag
STATIC_GRAPH = {**GRAPH_CONFIG, "staticPlot": True, "responsive": False}


def _meeting(mote: str | None, dates: list[date], as_of: date) -> date | None:
    """The meeting from the URL when it is a date, else the next council meeting (or the last one)."""
    try:
        if mote:
            return date.fromisoformat(mote)
    except ValueError:
        pass
    return meetings.next_meeting(dates, as_of) or meetings.last_meeting(dates, as_of)


def _slide_index(bild: str | None, count: int) -> int:
    """0-based index of the slide named by ?bild= (1-based), kept inside the deck."""
    try:
        wanted = int(bild) - 1 if bild else 0
    except ValueError:
        wanted = 0
    return max(0, min(count - 1, wanted))


def _goals(counts: dict[str, int]) -> html.Div:
    if not counts:
        return html.P("Ingen målbedömning inlämnad.", className="sammantrade-missing")
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        ASSESSMENT_STYLE[code]["symbol"], className="sammantrade-symbol", **{"aria-hidden": "true"}
                    ),
                    html.Strong(number(counts[code])),
                    " ",
                    ASSESSMENT.label(code).lower(),
                ],
                style={"color": ASSESSMENT_STYLE[code]["colour"]},
            )
            for code in ASSESSMENT.codes
        ],
        className="sammantrade-goals",
        **{"aria-label": "Målens bedömning"},
    )


def _item(item: Assignment, as_of: date) -> html.Li:
    due = html.Span(f"slutdatum {iso_date(item.due_date)}", className="sammantrade-nowrap")
    if item.state == "overdue":
        detail = [f"{item.case_number} · ", due, f" · {number(item.days_late(as_of))} dagar sent"]
    else:
        detail = [f"{item.case_number} · {ASSIGNMENT_STATE.label(item.state)} · ", due]
    return html.Li([html.Span(item.title, className="sammantrade-item-title"), html.Br(), *detail])


def _assignment_list(items: list[Assignment], as_of: date, empty: str) -> html.Div:
    if not items:
        return html.P(empty, className="sammantrade-none")
    shown = [_item(item, as_of) for item in items[:MAX_ITEMS]]
    rest = len(items) - MAX_ITEMS
    more = [html.P(f"… och {number(rest)} till, se sidan Uppdrag.", className="sammantrade-more")] if rest > 0 else []
    return html.Div([html.Ul(shown, className="sammantrade-items"), *more])


def _nothing_due(slide: meetings.Slide, meeting: date | None) -> str:
    if meeting is None:
        return "Lägg in fullmäktiges sammanträden på bladet Sammanträden."
    return "Inget mer utöver de försenade." if slide.overdue else "Inget att återrapportera."


def _slide(slide: meetings.Slide, index: int, count: int, current: bool, context: dict) -> html.Section:
    month, meeting, as_of = context["period"], context["meeting"], context["as_of"]
    due_heading = (
        f"Att återrapportera senast {iso_date(meeting)} ({number(len(slide.due))})"
        if meeting
        else "Att återrapportera: ingen sammanträdesplan"
    )
    left = [
        html.H2("Mål"),
        _goals(slide.goal_counts),
        html.H2("Ekonomi"),
        html.P(economy_sentence(slide.economy, month), className="sammantrade-economy"),
    ]
    if slide.economy is not None:
        left.append(
            html.Figure(
                [
                    html.Figcaption("Avvikelse mot budget hittills i år, tkr (under noll: underskott)"),
                    dcc.Graph(
                        id=f"sammantrade-graph-{slide.committee}",
                        figure=deviation_figure(slide.economy_months),
                        config=STATIC_GRAPH,
                        className="sammantrade-graph",
                    ),
                ],
                className="sammantrade-figure",
            )
        )
    right = [
        html.H2(f"Försenade uppdrag ({number(len(slide.overdue))})"),
        _assignment_list(slide.overdue, as_of, "Inga försenade uppdrag."),
        html.H2(due_heading),
        _assignment_list(slide.due, as_of, _nothing_due(slide, meeting)),
    ]
    head = [html.H1(slide.name), html.P(f"{index + 1} / {count}", className="sammantrade-count")]
    if not slide.reported:
        head.append(html.P(f"Ingen rapport inlämnad för {month_label(month)}.", className="sammantrade-missing"))
    return html.Section(
        [
            html.Header(head, className="sammantrade-head"),
            html.Div(
                [html.Div(left, className="sammantrade-left"), html.Div(right, className="sammantrade-right")],
                className="sammantrade-body",
            ),
            html.Footer(context["stamp"], className="sammantrade-stamp"),
        ],
        className="sammantrade-slide is-current" if current else "sammantrade-slide",
        **{"aria-label": f"Bild {index + 1} av {count}: {slide.name}", "data-committee": slide.committee},
    )


def _stamp(municipality: str, month: str, meeting: date | None) -> list:
    stamp = meetings.stamp(municipality)
    parts = [
        stamp.municipality,
        f"period {month_label(month)}",
        f"sammanträde {iso_date(meeting)}" if meeting else "inget sammanträde i planen",
        f"data inläst {iso_date(stamp.loaded_at)}",
    ]
    if stamp.demo:
        parts.append("demodata")
    # Each part stays on one line; a wrapped line breaks only between parts.
    spans = [html.Span(part, className="sammantrade-nowrap") for part in parts]
    return [item for span in spans for item in (" · ", span)][1:]


def _toolbar(back: str) -> html.Nav:
    def button(label: str, action: str, text: str) -> html.Button:
        return html.Button(text, type="button", title=label, className="sammantrade-button",
                           **{"data-sammantrade": action, "aria-label": label})  # fmt: skip

    return html.Nav(
        [
            button("Föregående nämnd (vänsterpil)", "prev", "◀"),
            button("Nästa nämnd (högerpil)", "next", "▶"),
            button("Helskärm (F)", "fullscreen", "Helskärm"),
            button("Skriv ut underlaget", "print", "Skriv ut"),
            dcc.Link("Lämna (Esc)", href=back, id="sammantrade-leave", className="sammantrade-button"),
        ],
        className="sammantrade-toolbar",
        **{"aria-label": "Styr sammanträdesläget"},
    )


def layout(kommun=None, period=None, mote=None, bild=None, **_):
    """All committees' slides for a municipality, month and meeting; ?bild=N picks the slide shown first."""
    filters = meta.resolve(kommun, period)
    if filters.month is None:
        return no_data_page(TITLE)
    as_of = meetings.as_of_date(filters.month, date.today())
    meeting = _meeting(mote, meetings.meeting_dates(filters.municipality), as_of)
    deck = meetings.slides(filters.municipality, filters.month, meeting, as_of)
    if not deck:
        return page(TITLE, empty_state("Kommunen har inga nämnder i Styrkedjan ännu."))
    current = _slide_index(bild, len(deck))
    context = {
        "period": filters.month,
        "meeting": meeting,
        "as_of": as_of,
        "stamp": _stamp(filters.municipality, filters.month, meeting),
    }
    # The stage is laid out at 1920×1080 and scaled to the screen (assets/sammantrade.js), like a slide deck.
    stage = html.Div(
        [
            *[_slide(s, i, len(deck), i == current, context) for i, s in enumerate(deck)],
            _toolbar(filter_href("/uppdrag", filters)),
        ],
        className="sammantrade-stage",
    )
    return html.Div(stage, id="sammantrade-deck", className="sammantrade-deck")
