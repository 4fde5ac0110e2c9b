"""Headline numbers on Översikt link to exactly the rows they count, and the target pages honour those filters."""

import app  # noqa: F401  registers the pages
from pages import avvikelser, oversikt, uppdrag
from tests.test_network_pages import find


def card_links(cards) -> dict[str, tuple[str, str]]:
    """Label -> (number, href) of the overview's key figure cards that link somewhere."""
    out = {}
    for column in cards.children:
        label, value = column.children.children[:2]
        name = label.children.children if hasattr(label.children, "children") else label.children
        if hasattr(value.children, "href"):
            out[name] = (value.children.children, value.children.href)
    return out


def test_open_deviations_and_overdue_assignments_link_to_exactly_those_rows(demo_read):
    kpis, cards, *_ = oversikt.update("2581", "2026-09")
    links = card_links(kpis)
    assert links["Öppna avvikelser"] == ("12", "/avvikelser?kommun=2581&period=2026-09&status=not_closed")
    assert links["Försenade uppdrag"] == ("7", "/uppdrag?kommun=2581&period=2026-09&status=overdue")
    page = avvikelser.layout(kommun="2581", period="2026-09", status="not_closed")
    assert find(page, "avvikelser-status").value == "not_closed"
    rows = avvikelser.update("2581", "2026-09", None, None, None, "not_closed")[3]
    assert (len(rows), len(avvikelser.update("2581", "2026-09", None, None, None, None)[3])) == (12, 97)
    assert {r["status"] for r in rows} == {"Öppen", "Åtgärd pågår"}
    page = uppdrag.layout(kommun="2581", period="2026-09", status="overdue")
    assert find(page, "uppdrag-status").value == "overdue"
    rows = uppdrag.update("2581", "2026-09", None, "overdue", None, None)[6]
    assert (len(rows), {r["state"] for r in rows}) == (7, {"Försenat"})
    # A committee card's numbers link to that committee's rows.
    card = cards[0].children
    assert card.id == "oversikt-card-BUN"
    hrefs = [dd.children.href for dd in card.children[2].children if hasattr(getattr(dd, "children", None), "href")]
    assert any(h.endswith("&namnd=BUN&status=not_closed") for h in hrefs)
    assert any(h.startswith("/uppdrag?") and h.endswith("&namnd=BUN&status=overdue") for h in hrefs)
