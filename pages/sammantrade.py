"""Sammanträdesläge: the presidium's full-screen meeting mode, one committee per slide, and its printed handout.

Every slide is rendered at once and assets/sammantrade.js shows one at a time (arrow keys, Page Up/Down from a
presentation clicker, Esc leaves), keeping `?bild=N` in the address so a slide can be linked. Printing the page
gives the handout: assets/sammantrade.css puts each committee on its own stamped page.
"""

import dash
from dash import Input, Output, State, clientside_callback, dcc, html

from data import meetings, meta
from data.formatting import iso_date, number
from data.periods import as_of_day
from ui.components import empty_state, filter_href, no_data_page, page, register_sources
from ui.meetings import (
    PREFIX,
    assignment_line,
    chooser,
    committee_slide,
    deviation_line,
    list_slide,
    meeting_for,
    slide_index,
    source_scope,
    stamp_line,
    summary_slide,
    toolbar,
)

dash.register_page(__name__, path="/sammantrade", name="Sammanträdesläge", order=7)
TITLE = "Sammanträdesläge"
SHOWN = (f"{PREFIX}-shown-kommun", f"{PREFIX}-shown-period")  # what the deck shows, for its 'Källa' panels
register_sources(PREFIX, [State(SHOWN[0], "data"), State(SHOWN[1], "data")], scope=source_scope)


def layout(kommun=None, period=None, mote=None, bild=None, ordning=None, **_):
    """The whole municipality, then each committee in agenda order (?ordning=KS,BUN,...), then the serious
    deviations and the report-backs due at the meeting; ?bild=N picks the slide shown first."""
    filters = meta.resolve(kommun, period)
    if filters.month is None:
        return no_data_page(TITLE)
    as_of = as_of_day(filters.month)
    dates = meetings.meeting_dates(filters.municipality)
    meeting = meeting_for(mote, dates, as_of)
    unordered = meetings.slides(filters.municipality, filters.month, meeting, as_of)
    known = {s.committee for s in unordered}
    order = [c.strip() for c in ordning.split(",") if c.strip() in known] if isinstance(ordning, str) else []
    deck = meetings.in_agenda_order(unordered, order)
    if not deck:
        return page(TITLE, empty_state("Kommunen har inga nämnder i Styrkedjan ännu."))
    summary = meetings.summary(filters.municipality, filters.month, deck)
    count = len(deck) + 3
    current = slide_index(bild, count)
    stamp = meetings.stamp(filters.municipality)
    context = {
        "period": filters.month,
        "meeting": meeting,
        "as_of": as_of,
        "stamp": stamp_line(stamp, filters.month, meeting),
        "stamp_name": stamp.municipality,
    }
    names = {s.committee: s.name for s in deck}
    picker = chooser(filters.municipality, meeting, dates, deck, ",".join(order) or None)
    due_title = f"Att återrapportera {iso_date(meeting)}" if meeting else "Att återrapportera"
    last = len(deck) + 1
    slides = [
        summary_slide(summary, 0, count, current == 0, context, picker),
        *[committee_slide(s, i + 1, count, i + 1 == current, context) for i, s in enumerate(deck)],
        list_slide(
            f"Allvarliga avvikelser ({number(len(summary.serious))})",
            [deviation_line(d) for d in summary.serious],
            "Inga allvarliga öppna avvikelser.",
            last, count, current == last, context, ("deviation", "allvarliga"),
        ),
        list_slide(
            f"{due_title} ({number(len(summary.due))})",
            [assignment_line(a, names) for a in summary.due],
            "Inget att återrapportera." if meeting else "Lägg in fullmäktiges sammanträden på bladet Sammanträden.",
            last + 1, count, current == last + 1, context, ("assignment", "aterrapportera"),
        ),
    ]  # fmt: skip
    # The stage is laid out at 1920×1080 and scaled to the screen (assets/sammantrade.js), like a slide deck.
    shown = [dcc.Store(id=SHOWN[0], data=filters.municipality), dcc.Store(id=SHOWN[1], data=filters.month)]
    stage = html.Div([*slides, toolbar(filter_href("/uppdrag", filters)), *shown], className="sammantrade-stage")
    return html.Div(stage, id="sammantrade-deck", className="sammantrade-deck")


clientside_callback(
    """
    function(clicks, kommun, mote, ordning) {
        if (!clicks) { return window.dash_clientside.no_update; }
        const params = new URLSearchParams();
        if (kommun) { params.set("kommun", kommun); }
        if (mote) { params.set("mote", mote); }
        if (ordning) { params.set("ordning", ordning.replace(/\\s+/g, "")); }
        return "/sammantrade?" + params.toString();
    }
    """,
    Output("sammantrade-go", "href"),
    Input("sammantrade-visa", "n_clicks"),
    State("sammantrade-kommun", "value"),
    State("sammantrade-mote", "value"),
    State("sammantrade-ordning", "value"),
    prevent_initial_call=True,
)
