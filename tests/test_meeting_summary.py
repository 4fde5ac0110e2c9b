"""Sammanträdesläge's first slide shows the whole municipality with Översikt's numbers; the agenda order is settable."""

from data import meta, overview
from tests.fixtures import PITEA_COMMITTEES


def text(node) -> str:
    return node if isinstance(node, str) else text(node.children)


def test_first_slide_numbers_equal_the_overview(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  registers the pages
    from pages import oversikt, sammantrade

    deck = sammantrade.layout(kommun="2581", mote="2026-11-23").children.children[:-1]
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
    reordered = sammantrade.layout(kommun="2581", ordning="SN,KS").children.children[:-1]
    assert [text(s.children[0].children[0]) for s in reordered][1:4] == [
        "Socialnämnden",
        "Kommunstyrelsen",
        "Barn- och utbildningsnämnden",
    ]
