"""Uppdrag: the council's and executive board's assignments to committees, their state and report-back."""

from datetime import date

import dash
from dash import Input, Output, State, callback, dcc, html

from data import assignments as data
from data import meetings, meta
from data.formatting import iso_date, number
from data.periods import as_of_day
from data.vocabulary import ASSIGNMENT_STATE, DECIDED_BY
from ui.assignments import (
    all_columns,
    assignment_row,
    export_sheet,
    given_completed_figure,
    list_columns,
    summary_columns,
    summary_row,
)
from ui.components import FilterPage, data_table, empty_state, filter_href, kpi_card, section
from ui.export import XLSX_MIME, export_button, xlsx_bytes
from ui.figures import graph

dash.register_page(__name__, path="/uppdrag", name="Uppdrag", order=6)
PREFIX = "uppdrag"
TITLE = "Uppdrag och återrapportering"
PAGE_FILTERS = ("status", "beslutat", "ar")
PAGE = FilterPage(PREFIX, TITLE, committee=True, url_params=PAGE_FILTERS)

STATE_RULES = (
    "Försenat: inte klart och slutdatumet har passerat. Klart, ej återrapporterat: nämnden har rapporterat "
    "uppdraget som klart men det är ännu inte återrapporterat till KF eller KS."
)
MEETING_RULES = (
    "Att återrapportera vid nästa sammanträde: uppdrag som varken är återrapporterade eller avbrutna och har "
    "slutdatum senast sammanträdesdagen. Uteblev vid förra sammanträdet: slutdatum senast den dagen men inte "
    "återrapporterat då."
)


def layout(kommun=None, period=None, namnd=None, status=None, beslutat=None, ar=None, **_):
    """The assignments page for a municipality and month, filtered by committee, state, decided by and year."""
    filters = meta.resolve(kommun, period, namnd)
    if filters.month is None:
        return PAGE.no_data()
    years = _year_options(data.assignments(filters.municipality, as_of_day(filters.month), filters.committee))
    states = [{"label": label, "value": code} for code, label in ASSIGNMENT_STATE.items]
    bodies = [{"label": code, "value": code} for code in DECIDED_BY.codes]
    extra = [
        PAGE.choice("status", "Läge", states, status, "Alla lägen"),
        PAGE.choice("beslutat", "Beslutat av", bodies, beslutat, "KF och KS"),
        PAGE.choice("ar", "Beslutsår", years, ar, "Alla år"),
    ]
    return PAGE.layout(
        filters,
        html.P(id="uppdrag-asof", className="mb-2"),
        html.P(dcc.Link("Öppna sammanträdesläget", id="uppdrag-sammantrade", href="/sammantrade"), className="mb-2"),
        html.Div(id="uppdrag-kpis", className="row g-3 mb-2"),
        section(
            "Kommunfullmäktiges sammanträden",
            html.Div(id="uppdrag-meetings"),
            section_id="uppdrag-mote",
            source=(PREFIX, "meeting"),
        ),
        section(
            "Per nämnd",
            html.P(
                "Klara i tid: andel klara uppdrag som blev klara senast slutdatumet. Medelförsening: dagar efter "
                "slutdatumet för klara och försenade uppdrag (uppdrag i tid räknas som 0)."
            ),
            data_table("uppdrag-committees", [], summary_columns()),
            source=(PREFIX, "assignment"),
        ),
        section(
            "Över tid",
            graph(
                "uppdrag-trend",
                "Givna och klara uppdrag, ackumulerat (klart: månaden då nämnden rapporterade uppdraget klart)",
            ),
            source=(PREFIX, "assignment"),
        ),
        section(
            "Alla uppdrag",
            export_button(PREFIX),
            data_table("uppdrag-table", [], all_columns(), page_size=25),
            source=(PREFIX, "assignment"),
        ),
        intro="Uppdrag från fullmäktige (KF) och kommunstyrelsen (KS) till nämnderna: vad som är klart, "
        "vad som är försenat och vad som ska återrapporteras.",
        extra=extra,
    )


def _year_options(items: list[data.Assignment]) -> list[dict]:
    return [{"label": str(y), "value": str(y)} for y in data.years(items)]


def _year(ar) -> int | None:
    return int(ar) if ar not in (None, "") and str(ar).isdigit() else None


def _selection(municipality, month, committee, status, beslutat, ar):
    """(as-of date, every assignment of the committee filter, those matching the page's other filters)."""
    as_of = as_of_day(month)
    every = data.assignments(municipality, as_of, committee)
    return as_of, every, data.select(every, status, beslutat, _year(ar))


def _meeting_block(dates: list[date], items: list[data.Assignment], as_of: date) -> list:
    if not dates:
        return [
            empty_state(
                "Ingen sammanträdesplan inlämnad.",
                "Fyll i fullmäktiges sammanträden på bladet Sammanträden i rapportmallen.",
            )
        ]
    out = [html.P(MEETING_RULES)]
    upcoming, last = meetings.next_meeting(dates, as_of), meetings.last_meeting(dates, as_of)
    for when, heading, picked, table_id in (
        (upcoming, "Att återrapportera vid nästa sammanträde", data.due_at_meeting, "uppdrag-nasta"),
        (last, "Uteblev vid förra sammanträdet", data.missed_at_meeting, "uppdrag-forra"),
    ):
        if when is None:
            out += [html.H3(heading, className="h5 mt-3"), empty_state("Inget sammanträde i planen.")]
            continue
        rows = [assignment_row(item) for item in picked(items, when)]
        out.append(html.H3(f"{heading} {iso_date(when)} ({number(len(rows))})", className="h5 mt-3"))
        out.append(data_table(table_id, rows, list_columns(), page_size=10) if rows else empty_state("Inga uppdrag."))
    return out


@callback(
    Output("uppdrag-asof", "children"),
    Output("uppdrag-sammantrade", "href"),
    Output("uppdrag-kpis", "children"),
    Output("uppdrag-meetings", "children"),
    Output("uppdrag-committees", "rowData"),
    Output("uppdrag-trend", "figure"),
    Output("uppdrag-table", "rowData"),
    Output("uppdrag-ar", "options"),
    *PAGE.inputs(),
    *[Input(f"{PREFIX}-{name}", "value") for name in PAGE_FILTERS],
)
def update(municipality, month, committee, status, beslutat, ar):
    """Refresh every part of the page for the chosen filters."""
    as_of, every, items = _selection(municipality, month, committee, status, beslutat, ar)
    counts = {code: sum(1 for item in items if item.state == code) for code in ASSIGNMENT_STATE.codes}
    dates = meetings.meeting_dates(municipality)
    upcoming = meetings.next_meeting(dates, as_of)
    due = data.due_at_meeting(items, upcoming) if upcoming else []
    kpis = [
        kpi_card("Uppdrag i urvalet", number(len(items))),
        kpi_card(ASSIGNMENT_STATE.label("overdue"), number(counts["overdue"]), "inte klara, slutdatum passerat"),
        kpi_card(ASSIGNMENT_STATE.label("done_not_reported"), number(counts["done_not_reported"])),
        kpi_card(
            "Att återrapportera vid nästa KF",
            number(len(due)) if upcoming else "–",
            f"sammanträdet {iso_date(upcoming)}" if upcoming else "ingen sammanträdesplan",
        ),
    ]
    meeting_link = filter_href(
        "/sammantrade", meta.Filters(municipality, month), mote=iso_date(upcoming) if upcoming else None
    )
    return (
        f"Läget den {iso_date(as_of)}. {STATE_RULES}",
        meeting_link,
        [html.Div(card, className="col-6 col-lg-3") for card in kpis],
        _meeting_block(dates, items, as_of),
        [summary_row(s) for s in data.committee_summaries(items, as_of)],
        given_completed_figure(data.given_and_completed(items)),
        [assignment_row(item) for item in items],
        _year_options(every),
    )


@callback(
    Output("uppdrag-export-download", "data"),
    Input("uppdrag-export", "n_clicks"),
    *PAGE.states(),
    *[State(f"{PREFIX}-{name}", "value") for name in PAGE_FILTERS],
    prevent_initial_call=True,
)
def export(_clicks, municipality, month, committee, status, beslutat, ar):
    """The assignments in the current selection as an Excel file."""
    *_, items = _selection(municipality, month, committee, status, beslutat, ar)
    content = xlsx_bytes({"Uppdrag": export_sheet(items)})
    return dcc.send_bytes(content, f"uppdrag_{municipality}_{month}.xlsx", type=XLSX_MIME)
