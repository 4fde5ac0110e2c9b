"""Headline numbers on Översikt link to exactly the rows they count, and the target pages honour those filters."""

from urllib.parse import parse_qsl, urlsplit

import dash

import app  # noqa: F401  registers the pages
from pages import avvikelser, mal, oversikt, rapportlage, uppdrag
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


def rows_behind(href: str) -> list[dict]:
    """The rows the page at href lists, through the page's own layout (URL filters into its controls) and callback."""
    url = urlsplit(href)
    module = {"/mal": mal, "/avvikelser": avvikelser, "/uppdrag": uppdrag}[url.path]
    params = dict(parse_qsl(url.query))
    page = next(p for p in dash.page_registry.values() if p["path"] == url.path)["layout"](**params)
    assert find(page, "url-notice") is None
    prefix = module.PREFIX
    values = [find(page, f"{prefix}-{name}").value for name in ("kommun", "period", "namnd")]
    if module is mal:
        return mal.update_table(*values, find(page, "mal-bedomning").value)
    if module is avvikelser:
        return avvikelser.update(*values, *(find(page, f"avvikelser-{n}").value for n in avvikelser.PAGE_FILTERS))[3]
    return uppdrag.update(*values, *(find(page, f"uppdrag-{n}").value for n in uppdrag.PAGE_FILTERS))[6]


def goals_detail(kpis) -> str:
    """The detail line of the "Uppfyllda mål" card ('11 av 17 bedömda mål')."""
    return kpis.children[1].children.children[2].children


HEADLINE_ROWS = ("Uppfyllda mål", "Öppna avvikelser", "Försenade uppdrag")  # the headlines that count rows


def test_each_linked_headline_number_is_the_row_count_of_the_page_it_opens(demo_read):
    kpis, *_ = oversikt.update("2581", "2026-09")
    links = card_links(kpis)
    assert links["Uppfyllda mål"] == ("65\xa0%", "/mal?kommun=2581&period=2026-09&bedomning=met")
    met = rows_behind(links["Uppfyllda mål"][1])
    assert (len(met), {r["assessment"] for r in met}) == (11, {"✔ Uppfyllt"})  # "11 av 17 bedömda mål"
    assert goals_detail(kpis) == "11 av 17 bedömda mål"
    assert len(rows_behind(links["Öppna avvikelser"][1])) == 12
    assert len(rows_behind(links["Försenade uppdrag"][1])) == 7
    for code, month in (("2280", "2026-10"), ("1980", "2026-04"), ("0884", "2026-09")):
        kpis, *_ = oversikt.update(code, month)
        links = card_links(kpis)
        detail = goals_detail(kpis)
        shown = {name: len(rows_behind(href)) for name, (_, href) in links.items() if name in HEADLINE_ROWS}
        counted = {name: int(links[name][0]) for name in ("Öppna avvikelser", "Försenade uppdrag")}
        assert shown == {**counted, "Uppfyllda mål": int(detail.split(" av ")[0])}, code


def test_reported_committees_link_to_the_months_reports_on_rapportlage(demo_read):
    kpis, *_ = oversikt.update("1980", "2026-10")
    href = "/rapportlage?kommun=1980&period=2026-10&visa=manad"
    assert card_links(kpis)["Nämnder som rapporterat"] == ("7 av 8", href)
    params = dict(parse_qsl(urlsplit(href).query))
    page = rapportlage.layout(**params)
    assert find(page, "url-notice") is None
    controls = [find(page, f"rapportlage-{name}").value for name in ("kommun", "period", "visa", "status")]
    rows = rapportlage.update(*controls)[2]
    handed_in = [r["committee"] for r in rows if r["state"] in ("on_time", "late")]
    assert (len(handed_in), len(rows)) == (7, 8)
    assert [r["committee"] for r in rows if r["state"] == "overdue"] == ["Byggnadsnämnden"]
