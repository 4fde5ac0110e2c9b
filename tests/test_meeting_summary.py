"""Sammanträdesläge's first slide shows the whole municipality with Översikt's numbers; the agenda order is settable."""

from datetime import date

from data import meta, overview
from tests.fixtures import PITEA_COMMITTEES


def text(node) -> str:
    return node if isinstance(node, str) else text(node.children)


def slides(layout) -> list:
    """The slides of a meeting-mode layout, in order (the stage also holds the toolbar and stores)."""
    return [c for c in layout.children.children if c.__class__.__name__ == "Section"]


def flat(node) -> str:
    """All the text under a component, lines (Br) as ' | '."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(flat(n) for n in node)
    return " | " if node.__class__.__name__ == "Br" else flat(node.children or "")


def test_first_slide_numbers_equal_the_overview(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  registers the pages
    from pages import oversikt, sammantrade

    deck = slides(sammantrade.layout(kommun="2581", mote="2026-11-23"))
    figures = deck[0].children[1].children[0].children[1]
    slide = dict(zip(*[iter(text(item) for item in figures.children)] * 2, strict=True))
    cards = oversikt.summary_cards(overview.committee_summaries("2581", "2026-10"), meta.Filters("2581", "2026-10"))
    overview_values = {text(c.children.children[0]): text(c.children.children[1]) for c in cards.children}
    assert slide == {
        "Uppfyllda mål": "65\u00a0% (11 av 17 bedömda)",
        "Budgetavvikelse hittills i år": "−30\u00a0183\u00a0tkr",
        "Prognosavvikelse helår": "−37\u00a0153\u00a0tkr",
        "Allvarliga öppna avvikelser": "5 (av 15 öppna)",
        "Försenade uppdrag": "9",
        "Projekt med rött ljus": "2",  # closure before BP4 counts (issue 11)
    }
    assert overview_values == {
        "Nämnder som rapporterat": "6 av 6",
        "Uppfyllda mål": "65\u00a0%",
        "Prognosavvikelse helår": "−37\u00a0153\u00a0tkr",
        "Öppna avvikelser": "15",
        "Försenade uppdrag": "9",
        "Projekt med rött ljus": "2",
    }
    titles = [text(s.children[0].children[0]) for s in deck]
    assert titles == [
        "Piteå",
        *PITEA_COMMITTEES,
        "Allvarliga avvikelser (5)",
        "Att återrapportera 2026-11-23 (13)",
    ]
    reordered = slides(sammantrade.layout(kommun="2581", ordning="SN,KS"))
    assert [text(s.children[0].children[0]) for s in reordered][1:4] == [
        "Socialnämnden",
        "Kommunstyrelsen",
        "Barn- och utbildningsnämnden",
    ]


def test_red_light_projects_are_on_the_first_slide_and_their_committees_slides(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    from data import meetings
    from data.periods import as_of_day

    deck = meetings.slides("2581", "2026-10", date(2026, 11, 23), as_of_day("2026-10"))
    summary = meetings.summary("2581", "2026-10", deck)
    assert [(p.name, p.owner) for p in summary.red_projects] == [
        ("Detaljplan för Österäng", "MBN"),
        ("Detaljplan för Björkbacken", "SBN"),
    ]
    assert len(summary.red_projects) == summary.totals.red_projects == 2
    assert {s.committee: [p.name for p in s.red_projects] for s in deck if s.red_projects} == {
        "MBN": ["Detaljplan för Österäng"],
        "SBN": ["Detaljplan för Björkbacken"],
    }


def test_committee_slide_lists_share_five_places_beside_the_figures(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  registers the pages
    from pages import sammantrade

    deck = slides(sammantrade.layout(kommun="2581", mote="2026-11-23"))
    first_right = deck[0].children[1].children[1].children
    assert [flat(node) for node in first_right[:2]] == [
        "Projekt med rött ljus (2)",
        "Detaljplan för Österäng | Miljö- och byggnämnden · Genomförande · rött: tid, leverans"
        "Detaljplan för Björkbacken | Samhällsbyggnadsnämnden · Avslut · rött: kostnad",
    ]
    ks = deck[2].children[1].children[1].children
    assert [flat(node) for node in ks] == [
        "Allvarliga avvikelser (1)",
        "Ökade kostnader för inhyrd personal inom HR | rapporterad 2026-10-07 · 24 dagar",
        "Försenade uppdrag (3)",
        "Inför e-arkiv i alla förvaltningar | KS 2023/402 · slutdatum 2024-03-31 · 944 dagar sent"
        "Ta fram en strategi för kompetensförsörjning | KS 2025/245 · slutdatum 2026-07-31 · 92 dagar sent",
        "… och 1 till, se sidan Uppdrag.",
        "Projekt med rött ljus (0)",
        "Inga projekt med rött ljus.",
        "Att återrapportera senast 2026-11-23 (3)",
        "Inför e-arkiv i alla förvaltningar | KS 2024/198 · Klart, ej återrapporterat · slutdatum 2025-02-28"
        "Ta fram en strategi för kompetensförsörjning | KS 2024/433 · Klart, ej återrapporterat · slutdatum 2025-09-30",
        "… och 1 till, se sidan Uppdrag.",
    ]


def test_shares_give_one_place_each_in_turn():
    from ui.meetings import shares

    assert shares([1, 3, 0, 3], 5) == [1, 2, 0, 2]
    assert shares([0, 9, 0, 0], 5) == [0, 5, 0, 0]
    assert shares([1, 1, 0, 1], 5) == [1, 1, 0, 1]
    assert shares([4, 4, 4, 4], 5) == [2, 1, 1, 1]
