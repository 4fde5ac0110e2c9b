"""Översikt: one card per committee for the chosen municipality and month, each item linking to its page."""

import dash
from dash import Output, callback, dcc, html

from data import meta, overview, projects
from data.deviations import NOT_CLOSED
from data.formatting import count, iso_date, number, percent, tkr
from data.overview import CommitteeSummary
from data.periods import month_label
from ui.components import NO_REPORT, FilterPage, empty_state, filter_href, kpi_card, section, source_bar
from ui.figures import graph
from ui.glossary import term_label
from ui.overview import attainment_figure, forecast_deviation_figure

dash.register_page(__name__, path="/", name="Översikt", title="Översikt – Styrkedjan", order=0)
PREFIX = "oversikt"
TITLE = "Översikt"
PAGE = FilterPage(PREFIX, TITLE)


def _page_href(path: str, filters: meta.Filters, committee: str | None = None, **extra) -> str | None:
    """A link carrying the filters and extra page filters (a number links to the rows it counts); None if no page."""
    if not any(p["path"] == path for p in dash.page_registry.values()):
        return None
    return filter_href(path, meta.Filters(filters.municipality, filters.month, committee), **extra)


OPEN_DEVIATIONS = {"status": NOT_CLOSED}  # /avvikelser's filter for what "Öppna avvikelser" counts
OVERDUE = {"status": "overdue"}  # /uppdrag's filter for what "Försenade uppdrag" counts
MET_GOALS = {"bedomning": "met"}  # /mal's filter for the goals "Uppfyllda mål" counts
RED_LIGHT = {"flagga": projects.RED_LIGHT}  # /projekt's filter for what "Projekt med rött ljus" counts
REPORTS_THIS_MONTH = {"visa": "manad"}  # /rapportlage's reports for the periods ending in the month


def _item(term: str, text: str, href: str | None):
    return [html.Dt(term_label(term)), html.Dd(dcc.Link(text, href=href) if href else text)]


def _goal_text(s: CommitteeSummary) -> str:
    if not s.goals_total:
        return "Inga mål bedömda"
    if not s.goals_assessed:
        return f"{s.goals_not_assessed} mål, inget bedömt"
    return (
        f"{percent(s.goal_share('met'))} uppfyllda ({s.goals_met} av {s.goals_assessed} bedömda); "
        f"{s.goals_partly_met} delvis, {s.goals_not_met} ej uppfyllda, {s.goals_not_assessed} ej bedömda"
    )


def _deviation_text(value: float | None, pct: float | None) -> str:
    if value is None:
        return "Inga ekonomisiffror"
    return f"{tkr(value, signed=True)} ({percent(pct, 1, signed=True)})"


def _changes(s: CommitteeSummary) -> str:
    parts = []
    if s.goals_improved or s.goals_worsened:
        parts.append(f"{s.goals_improved} mål bättre, {s.goals_worsened} sämre")
    if s.forecast_change:
        parts.append(f"prognosavvikelsen ändrad med {tkr(s.forecast_change, signed=True)}")
    if s.new_deviations:
        parts.append(f"{s.new_deviations} nya avvikelser" if s.new_deviations > 1 else "1 ny avvikelse")
    return "; ".join(parts).capitalize() if parts else "Inga förändringar"


def committee_card(s: CommitteeSummary, filters: meta.Filters) -> html.Article:
    """Everything the overview says about one committee, as text with links to the explaining pages."""
    if s.reported:
        status = html.P(f"✔ Rapport inlämnad {iso_date(s.report_date)}", className="text-success fw-semibold")
    else:
        status = empty_state(NO_REPORT)
    facts = [
        *_item("Måluppfyllelse", _goal_text(s), _page_href("/mal", filters, s.committee_code)),
        *_item(
            "Budgetavvikelse hittills",
            _deviation_text(s.deviation_ytd, s.deviation_ytd_pct),
            _page_href("/ekonomi", filters, s.committee_code),
        ),
        *_item(
            "Prognos helår",
            "–"
            if s.forecast is None
            else f"{tkr(s.forecast)}, avvikelse {_deviation_text(s.forecast_deviation, s.forecast_deviation_pct)}",
            _page_href("/ekonomi", filters, s.committee_code),
        ),
        *_item(
            "Öppna avvikelser",
            number(s.open_deviations),
            _page_href("/avvikelser", filters, s.committee_code, **OPEN_DEVIATIONS),
        ),
        *_item(
            "Försenade uppdrag",
            number(s.overdue_assignments),
            _page_href("/uppdrag", filters, s.committee_code, **OVERDUE),
        ),
        *_item(
            "Projekt med rött ljus",
            number(s.red_projects),
            _page_href("/projekt", filters, s.committee_code, **RED_LIGHT),
        ),
        *_item("Sedan förra månaden", _changes(s), None),
    ]
    return html.Article(
        [html.H2(s.name), status, html.Dl(facts)],
        className="committee-card",
        id=f"oversikt-card-{s.committee_code}",
    )


def summary_cards(summaries: list[CommitteeSummary], filters: meta.Filters) -> html.Div:
    """Key figures for the whole municipality (overview.totals, shared with the meeting's first slide)."""
    t = overview.totals(summaries)
    cards = [
        kpi_card(
            "Nämnder som rapporterat",
            f"{t.reported} av {t.committees}",
            month_label(filters.month),
            href=_page_href("/rapportlage", filters, **REPORTS_THIS_MONTH),
        ),
        kpi_card(
            "Uppfyllda mål",
            percent(t.goals_met_share),
            f"{t.goals_met} av {t.goals_assessed} bedömda mål" if t.goals_assessed else "Inga bedömda mål",
            href=_page_href("/mal", filters, **MET_GOALS),
        ),
        kpi_card(
            "Prognosavvikelse helår",
            tkr(t.forecast_deviation, signed=True),
            f"Summa för {count(t.economy_committees, 'nämnd', 'nämnder')} med ekonomisiffror"
            if t.economy_committees
            else "Inga ekonomisiffror",
            href=_page_href("/ekonomi", filters),
        ),
        kpi_card(
            "Öppna avvikelser",
            number(t.open_deviations),
            href=_page_href("/avvikelser", filters, **OPEN_DEVIATIONS),
        ),
        kpi_card(
            "Försenade uppdrag",
            number(t.overdue_assignments),
            href=_page_href("/uppdrag", filters, **OVERDUE),
        ),
        kpi_card("Projekt med rött ljus", number(t.red_projects), href=_page_href("/projekt", filters, **RED_LIGHT)),
    ]
    return html.Div([html.Div(c, className="col-6 col-lg-2") for c in cards], className="row g-3")


def layout(kommun=None, period=None, **_):
    """The overview for ?kommun=&period= (defaults: first municipality, its latest month)."""
    filters = meta.resolve(kommun, period)
    if filters.municipality is None:
        return PAGE.no_data()
    return PAGE.layout(
        filters,
        html.Section(id="oversikt-kpis", **{"aria-label": "Nyckeltal för kommunen"}),
        source_bar(PREFIX, "any", "Nyckeltal för kommunen"),
        section(
            "Nämnderna",
            html.Div(id="oversikt-cards", className="row g-3"),
            source=(PREFIX, "any"),
        ),
        html.Div(
            [
                html.Div(
                    [
                        graph("oversikt-goals-graph", "Måluppfyllelse per nämnd"),
                        source_bar(PREFIX, "goal", "Måluppfyllelse per nämnd"),
                    ],
                    className="col-12 col-xl-6",
                ),
                html.Div(
                    [
                        graph(
                            "oversikt-forecast-graph",
                            "Prognosavvikelse per nämnd, tkr (negativ = underskott)",
                        ),
                        source_bar(PREFIX, "economy", "Prognosavvikelse per nämnd"),
                    ],
                    className="col-12 col-xl-6",
                ),
            ],
            className="row g-3 mt-2",
        ),
        intro="Läget per nämnd för vald månad. Klicka på en uppgift för att se vad som ligger bakom.",
    )


@callback(
    Output("oversikt-kpis", "children"),
    Output("oversikt-cards", "children"),
    Output("oversikt-goals-graph", "figure"),
    Output("oversikt-forecast-graph", "figure"),
    *PAGE.inputs(),
)
def update(municipality, month):
    """Cards, key figures and graphs for the chosen municipality and month."""
    filters = meta.Filters(municipality, month)
    summaries = overview.committee_summaries(municipality, month)
    cards = [html.Div(committee_card(s, filters), className="col-12 col-md-6 col-xxl-4") for s in summaries]
    return (
        summary_cards(summaries, filters),
        cards,
        attainment_figure(summaries),
        forecast_deviation_figure(summaries),
    )
