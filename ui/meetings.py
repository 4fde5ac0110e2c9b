"""Sammanträdesläge's slides: pure builders for the whole-municipality slide, one slide per committee, the serious
deviations and the report-backs due, the stamp, the toolbar and the chooser (municipality, meeting, agenda)."""

from datetime import date

from dash import dcc, html

from data import meetings, overview, projects, versions
from data.assignments import Assignment
from data.deviations import Deviation
from data.formatting import count, iso_date, number, percent, tkr
from data.periods import month_label
from data.provenance import Scope
from data.vocabulary import ASSESSMENT, ASSIGNMENT_STATE, PHASE
from ui.assignments import deviation_figure, economy_sentence
from ui.components import as_of_text, dropdown, municipality_options, query_string, source_bar
from ui.figures import ASSESSMENT_STYLE, GRAPH_CONFIG
from ui.projects import LIGHT_COLUMNS

RIGHT_ITEMS = 5  # what a room can read beside a committee's figures; the rest is counted and found on its page
LIST_ITEMS = 3  # per column on the slides that list items across committees
STATIC_GRAPH = {**GRAPH_CONFIG, "staticPlot": True, "responsive": False}
PREFIX = "sammantrade"
PATH = "/sammantrade"
COMMITTEE_SECTION = "namnd-"  # a committee slide's 'Källa' section key: namnd-<committee code>
WHOLE_MUNICIPALITY = ("any", "kommunen")  # the first slide's 'Källa': (kind of fact, section key)


def source_scope(municipality: str | None, month: str | None, section: str | None = None) -> Scope:
    """What a slide's 'Källa' covers: the shown municipality and month; one committee's reports on its slide."""
    committee = section.removeprefix(COMMITTEE_SECTION) if (section or "").startswith(COMMITTEE_SECTION) else None
    return Scope(municipality, month, committee)


def meeting_for(mote: str | None, dates: list[date], as_of: date) -> date | None:
    """The meeting from the URL when it is one in the plan, else the next council meeting (or the last one)."""
    try:
        wanted = date.fromisoformat(mote) if mote else None
    except ValueError:
        wanted = None
    if wanted in dates:
        return wanted
    return meetings.next_meeting(dates, as_of) or meetings.last_meeting(dates, as_of)


def slide_index(bild: str | None, count: int) -> int:
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


def _item(item: Assignment, as_of: date) -> list:
    due = html.Span(f"slutdatum {iso_date(item.due_date)}", className="sammantrade-nowrap")
    if item.state == "overdue":
        detail = [f"{item.case_number} · ", due, f" · {count(item.days_late(as_of), 'dag', 'dagar')} sent"]
    else:
        detail = [f"{item.case_number} · {ASSIGNMENT_STATE.label(item.state)} · ", due]
    return [html.Span(item.title, className="sammantrade-item-title"), html.Br(), *detail]


def project_line(p: projects.Project, with_committee: bool = True) -> list:
    """A red-light project as the room reads it: name, (committee,) phase and which lights are red."""
    red = [name.lower() for name, light in zip(LIGHT_COLUMNS, p.lights, strict=True) if light == "red"]
    detail = [p.owner_name] if with_committee else []
    detail += [PHASE.label(p.phase), f"rött: {', '.join(red)}"]
    return [html.Span(p.name, className="sammantrade-item-title"), html.Br(), " · ".join(detail)]


def shares(lengths: list[int], budget: int) -> list[int]:
    """How many items of each list fit when the lists share `budget` places: one each in turn, in list order."""
    shown = [0] * len(lengths)
    while budget > 0 and any(s < n for s, n in zip(shown, lengths, strict=True)):
        for i, n in enumerate(lengths):
            if budget > 0 and shown[i] < n:
                shown[i] += 1
                budget -= 1
    return shown


def _section(heading: str, lines: list[list], empty: str, where: str, shown: int) -> list:
    """A heading with its count, the first `shown` lines and how many more there are (found on page `where`)."""
    title = html.H2(f"{heading} ({number(len(lines))})")
    if not lines:
        return [title, html.P(empty, className="sammantrade-none")]
    shown = min(shown, len(lines))
    rest = len(lines) - shown
    more = [html.P(f"… och {number(rest)} till, se sidan {where}.", className="sammantrade-more")] if rest else []
    return [title, html.Ul([html.Li(line) for line in lines[:shown]], className="sammantrade-items"), *more]


def _nothing_due(slide: meetings.Slide, meeting: date | None) -> str:
    if meeting is None:
        return "Lägg in fullmäktiges sammanträden på bladet Sammanträden."
    return "Inget mer utöver de försenade." if slide.overdue else "Inget att återrapportera."


def committee_slide(slide: meetings.Slide, index: int, count: int, current: bool, context: dict):
    """One committee's slide: goals and economy on the left; its serious deviations, overdue assignments, red-light
    projects and report-backs due on the right, sharing RIGHT_ITEMS places."""
    month, meeting, as_of = context["period"], context["meeting"], context["as_of"]
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
    due_heading = f"Att återrapportera senast {iso_date(meeting)}" if meeting else "Att återrapportera"
    sections = [
        ("Allvarliga avvikelser", [deviation_line(d, False) for d in slide.serious],
         "Inga allvarliga öppna avvikelser.", "Avvikelser"),
        ("Försenade uppdrag", [_item(a, as_of) for a in slide.overdue], "Inga försenade uppdrag.", "Uppdrag"),
        ("Projekt med rött ljus", [project_line(p, False) for p in slide.red_projects], "Inga projekt med rött ljus.",
         "Projekt"),
        (due_heading, [_item(a, as_of) for a in slide.due], _nothing_due(slide, meeting), "Uppdrag"),
    ]  # fmt: skip
    places = shares([len(lines) for _, lines, _, _ in sections], RIGHT_ITEMS)
    right = [part for section, shown in zip(sections, places, strict=True) for part in _section(*section, shown)]
    missing = None if slide.reported else f"Ingen rapport inlämnad för {month_label(month)}."
    frame = (slide.name, index, count, current, context, ("any", COMMITTEE_SECTION + slide.committee))
    return _frame(*frame, left, right, missing=missing, committee=slide.committee)


def _frame(title, index, count, current, context, source, left, right, missing=None, committee=None) -> html.Section:
    """One slide: heading with its number and its 'Källa' (source = kind of fact, section key), two columns, and the
    stamp at its foot."""
    fact, section = source
    head = [
        html.H1(title),
        html.P(f"{index + 1} / {count}", className="sammantrade-count"),
        source_bar(PREFIX, fact, title, section),
    ]
    if missing:
        head.append(html.P(missing, className="sammantrade-missing"))
    extra = {"data-committee": committee} if committee else {}
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
        **{"aria-label": f"Bild {index + 1} av {count}: {title}", **extra},
    )


def deviation_line(d: Deviation, with_committee: bool = True) -> list:
    """A serious deviation as the room reads it: what, (which committee,) since when."""
    detail = [d.committee] if with_committee else []
    detail += [f"rapporterad {iso_date(d.reported_date)}", count(d.age_days, "dag", "dagar")]
    return [html.Span(d.description, className="sammantrade-item-title"), html.Br(), " · ".join(detail)]


def _figures(t: overview.MunicipalityTotals, serious: int, month: str) -> html.Dl:
    """The whole municipality in six lines, with Översikt's numbers."""
    goals_text = (
        f"{percent(t.goals_met_share)} ({t.goals_met} av {t.goals_assessed} bedömda)" if t.goals_assessed else "–"
    )
    rows = [
        ("Uppfyllda mål", goals_text),
        ("Budgetavvikelse hittills i år", tkr(t.deviation_ytd, signed=True)),
        ("Prognosavvikelse helår", tkr(t.forecast_deviation, signed=True)),
        ("Allvarliga öppna avvikelser", f"{number(serious)} (av {number(t.open_deviations)} öppna)"),
        ("Försenade uppdrag", number(t.overdue_assignments)),
        ("Projekt med rött ljus", number(t.red_projects)),
    ]
    items = [part for label, value in rows for part in (html.Dt(label), html.Dd(value))]
    return html.Dl(items, className="sammantrade-figures", id="sammantrade-figures", **{"data-month": month})


def summary_slide(summary: meetings.Summary, index, count, current, context, chooser) -> html.Section:
    """The first slide: the whole municipality's figures (as on Översikt) and the chooser."""
    t = summary.totals
    left = [
        html.H2(f"Hela kommunen, {month_label(context['period'])}"),
        _figures(t, len(summary.serious), context["period"]),
    ]
    red = [project_line(p) for p in summary.red_projects]
    right = [
        *_section("Projekt med rött ljus", red, "Inga projekt med rött ljus.", "Projekt", LIST_ITEMS),
        html.H2(f"Nämnder som rapporterat: {t.reported} av {t.committees}"),
        chooser,
    ]
    return _frame(context["stamp_name"], index, count, current, context, WHOLE_MUNICIPALITY, left, right)


def list_slide(title: str, lines: list, empty: str, index, count, current, context, source) -> html.Section:
    """A slide listing items across the committees (serious deviations, report-backs due) in two columns;
    source = (kind of fact, section key) of its 'Källa'."""
    items = [html.Li(line) for line in lines[: 2 * LIST_ITEMS]]
    rest = len(lines) - 2 * LIST_ITEMS
    more = [html.P(f"… och {number(rest)} till.", className="sammantrade-more")] if rest > 0 else []
    if not items:
        left, right = [html.P(empty, className="sammantrade-none")], []
    else:
        left = [html.Ul(items[:LIST_ITEMS], className="sammantrade-items")]
        right = [html.Ul(items[LIST_ITEMS:], className="sammantrade-items"), *more]
    return _frame(title, index, count, current, context, source, left, right)


def assignment_line(item: Assignment, names: dict[str, str]) -> list:
    """An assignment due for report-back: title, committee, reference and due date."""
    detail = f"{names.get(item.recipient, item.recipient)} · {item.case_number} · slutdatum {iso_date(item.due_date)}"
    return [html.Span(item.title, className="sammantrade-item-title"), html.Br(), detail]


def stamp_line(stamp: meetings.Stamp, month: str, meeting: date | None) -> list:
    """What every slide and handout page carries at its foot: municipality, period, meeting, data time."""
    parts = [
        stamp.municipality,
        f"period {month_label(month)}",
        f"sammanträde {iso_date(meeting)}" if meeting else "inget sammanträde i planen",
        f"data inläst {iso_date(stamp.loaded_at)}",
    ]
    if stamp.demo:
        parts.append("demodata")
    shown = versions.shown()
    if shown is not None:
        # Pinned (?version=, the version sent out with the agenda) or not, the room sees which data it reads.
        parts.append(as_of_text(shown) if versions.pinned_id() else f"dataversion {shown.version_id}")
    # Each part stays on one line; a wrapped line breaks only between parts.
    spans = [html.Span(part, className="sammantrade-nowrap") for part in parts]
    return [item for span in spans for item in (" · ", span)][1:]


def toolbar(back: str) -> html.Nav:
    """Buttons for the chair's mouse: previous, next, full screen, print, leave."""

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


def chooser(municipality: str, meeting: date | None, dates: list[date], deck: list, order: str | None) -> html.Div:
    """Choose municipality, meeting and the committees' agenda order in the page (then 'Visa' reloads it)."""
    agenda = order or ",".join(s.committee for s in deck)
    return html.Div(
        [
            html.Label("Kommun", htmlFor="sammantrade-kommun"),
            dropdown(
                "sammantrade-kommun",
                options=municipality_options(),
                value=municipality,
                clearable=False,
            ),
            html.Label("Sammanträde", htmlFor="sammantrade-mote"),
            dropdown(
                "sammantrade-mote",
                options=[{"label": iso_date(d), "value": d.isoformat()} for d in dates],
                value=meeting.isoformat() if meeting else None,
                clearable=False,
                placeholder="Inga sammanträden i planen",
            ),
            html.Label("Dagordning (nämndkoder i ordning)", htmlFor="sammantrade-ordning"),
            dcc.Input(id="sammantrade-ordning", type="text", value=agenda, className="form-control"),
            html.Button("Visa", id="sammantrade-visa", type="button", className="sammantrade-button", n_clicks=0),
            dcc.Location(id="sammantrade-go", refresh=True),
            version_lock({"kommun": municipality, "mote": meeting.isoformat() if meeting else None, "ordning": order}),
        ],
        className="sammantrade-choose",
    )


def version_lock(params: dict) -> html.P:
    """'Lås till dataversion <id>': a link to this meeting view pinned (?version=) to the data shown now, so the
    presidium sees what was sent out with the agenda; once pinned, the version and the way back to the latest."""
    shown, pinned = versions.shown(), versions.pinned_id()
    if pinned:
        latest = dcc.Link("Visa det senaste läget", href=PATH + query_string(**params), id="sammantrade-las-upp")
        return html.P([f"Låst till dataversion {pinned}. ", latest], id="sammantrade-las-status", role="status")
    if shown is None:
        return html.P("Ingen dataversion att låsa till.", id="sammantrade-las-status")
    lock = dcc.Link(
        f"Lås till dataversion {shown.version_id}",
        href=PATH + query_string(**params, version=shown.version_id),
        id="sammantrade-las",
        className="sammantrade-button",
    )
    return html.P([lock, html.Br(), "Visar samma siffror senare, t.ex. det som skickades ut med kallelsen."])
