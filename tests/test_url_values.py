"""URL values the shell checks once for every page: unknown ones get a Swedish notice, repeated ones keep the last."""

import inspect
from urllib.parse import urlencode

import dash

import app  # noqa: F401  registers the pages and wraps their layouts
from tests.browser.test_shell import texts
from tests.conftest import TEST_ADMIN
from tests.served import callback_body, gunicorn, log_in
from tests.test_network_pages import find


def notice(module: str, **query) -> tuple[list[str], str] | None:
    """The notice's lines and link of a page opened with query, or None when there is none."""
    shown = find(dash.page_registry[module]["layout"](**query), "url-notice")
    return None if shown is None else (texts(shown)[:-1], shown.children[-1].href)


def test_unknown_municipality_is_said_with_a_link_also_in_meeting_mode(demo_read):
    assert notice("pages.oversikt", kommun="9999") == (
        ["Kommunen 9999 finns inte i lagret; visar Härnösand (2280)."],
        "/?kommun=2280&period=2026-10",
    )
    assert notice("pages.sammantrade", kommun="9999") == (
        ["Kommunen 9999 finns inte i lagret; visar Härnösand (2280)."],
        "/sammantrade?kommun=2280&period=2026-10",
    )
    assert notice("pages.projekt_detalj", id="P-2024-04", kommun="9999")[1] == (
        "/projekt/P-2024-04?kommun=2280&period=2026-10"
    )
    assert notice("pages.oversikt", kommun="2581", period="2026-09") is None


def test_bad_and_future_months_and_unknown_committees_are_said(demo_read):
    assert notice("pages.ekonomi", kommun="2581", period="abc", namnd="XYZ") == (
        [
            "Månaden abc finns inte i lagret för Piteå; visar oktober 2026.",
            "Nämnden XYZ finns inte i Piteå; visar alla nämnder.",
        ],
        "/ekonomi?kommun=2581&period=2026-10",
    )
    # The notice names what the page shows: the network ranking falls back to its latest complete month.
    assert notice("pages.forbattringsforslag", kommun="2581", period="2031-01") == (
        ["Månaden 2031-01 finns inte i lagret för Piteå; visar september 2026."],
        "/forbattringsforslag?kommun=2581&period=2026-09",
    )


def test_repeated_parameters_take_the_last_value(demo_read):
    layout = dash.page_registry["pages.uppdrag"]["layout"](kommun=["9999", "2581"], ar=["2025", "2026"])
    assert find(layout, "url-notice") is None
    assert (find(layout, "uppdrag-kommun").value, find(layout, "uppdrag-ar").value) == ("2581", "2026")


def test_the_404_page_is_swedish(demo_read):
    page = dash.page_registry["pages.not_found_404"]
    assert (page["path"], page["nav"]) == ("/404", False)
    assert texts(page["layout"]())[:2] == [
        "Sidan finns inte",
        "Adressen leder inte till någon sida i Styrkedjan. Den kan vara felstavad eller gammal.",
    ]


# Every URL filter of every page with a value the warehouse or the page does not have, and the notice line it gets.
BAD_VALUES = {
    ("/", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/", "period", "2031-13"): "Månaden 2031-13 finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/mal", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/mal", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/mal", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/mal", "indikator", "bogus"): (
        "Indikator ”bogus” finns inte; visar ”BUN-1.1 Andel elever i åk 9 som är behöriga till yrkesprogram”."
    ),
    ("/mal", "bedomning", "bogus"): "Bedömning ”bogus” finns inte; visar ”Alla bedömningar”.",
    ("/ekonomi", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/ekonomi", "period", "2031-01"): "Månaden 2031-01 finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/ekonomi", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/avvikelser", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/avvikelser", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/avvikelser", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/avvikelser", "typ", "bogus"): "Typ ”bogus” finns inte; visar ”Alla”.",
    ("/avvikelser", "allvarlighet", "x"): "Allvarlighet ”x” finns inte; visar ”Alla”.",
    ("/avvikelser", "status", "bogus"): "Status ”bogus” finns inte; visar ”Alla”.",
    ("/projekt", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/projekt", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/projekt", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/projekt", "fas", "bogus"): "Fas ”bogus” finns inte; visar ”Alla faser”.",
    ("/projekt", "flagga", "bogus"): "Flagga ”bogus” finns inte; visar ”Alla projekt”.",
    ("/projekt/P-2024-04", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/projekt/P-2024-04", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/forbattringsforslag", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/forbattringsforslag", "period", "2031-01"): (
        "Månaden 2031-01 finns inte i lagret för Härnösand; visar september 2026."
    ),
    ("/forbattringsforslag", "omfang", "bogus"): "Period ”bogus” finns inte; visar ”Hittills i år”.",
    ("/forbattringsforslag", "matt", "bogus"): "Rangordna efter ”bogus” finns inte; visar ”Genomförda”.",
    ("/forbattringsforslag", "takt", "bogus"): "Visa ”bogus” finns inte; visar ”Faktiskt för perioden”.",
    ("/forbattringsforslag", "grupp", "bogus"): "Jämför med ”bogus” finns inte; visar ”Alla kommuner”.",
    ("/forbattringsforslag", "kommuner", "9999"): (
        "Egen lista: kommunkoder med kommatecken, t.ex. 2581,0884 ”9999” finns inte; visar ”inga”."
    ),
    ("/uppdrag", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/uppdrag", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/uppdrag", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/uppdrag", "status", "bogus"): "Läge ”bogus” finns inte; visar ”Alla lägen”.",
    ("/uppdrag", "beslutat", "XX"): "Beslutat av ”XX” finns inte; visar ”KF och KS”.",
    ("/uppdrag", "ar", "abc"): "Beslutsår ”abc” finns inte; visar ”Alla år”.",
    ("/jamforelse", "indikator", "bogus"): (
        "Indikator ”bogus” finns inte; visar ”Andel elever i åk 9 som är behöriga till yrkesprogram "
        "(Kolada N15419, 10 kommuner)”."
    ),
    ("/jamforelse", "tid", "2031-T9"): "Period ”2031-T9” finns inte; visar ”2025 tertial 3 (helår)”.",
    ("/jamforelse", "kommuner", "9999"): "Kommuner ”9999” finns inte; visar ”inga”.",
    ("/jamforelse", "per", "bogus"): "Visa ”bogus” finns inte; visar ”Faktiskt värde”.",
    ("/jamforelse", "grupp", "bogus"): "Jämför med ”bogus” finns inte; visar ”Alla kommuner”.",
    ("/jamforelse", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/sammantrade", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/sammantrade", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/sammantrade", "mote", "2030-01-01"): "Sammanträde ”2030-01-01” finns inte; visar ”2026-11-23”.",
    ("/sammantrade", "ordning", "KS,XYZ"): "Dagordning (nämndkoder i ordning) ”KS,XYZ” finns inte; visar ”KS”.",
    ("/rapportlage", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/rapportlage", "period", "abc"): "Månaden abc finns inte i lagret för Härnösand; visar oktober 2026.",
    ("/rapportlage", "visa", "bogus"): "Visa ”bogus” finns inte; visar ”Hela året”.",
    ("/rapportlage", "status", "bogus"): "Rapportläge ”bogus” finns inte; visar ”Alla”.",
    ("/lamna-in", "kommun", "9999"): "Kommunen 9999 finns inte i lagret; visar Härnösand (2280).",
    ("/lamna-in", "namnd", "XYZ"): "Nämnden XYZ finns inte i Härnösand; visar alla nämnder.",
    ("/admin/logg", "konto", "ingen-alls"): "Vem ”ingen-alls” finns inte; visar ”Alla”.",
    ("/admin/logg", "handling", "bogus"): "Handling ”bogus” finns inte; visar ”Alla”.",
}
# Not filters: a slide position (kept inside the deck), free search text, the version (its own page).
UNCHECKED = {("/sammantrade", "bild"), ("/admin/logg", "sok")}


def _filters(page: dict) -> list[str]:
    """The URL parameters a page's layout takes by name (its filters), without the data version."""
    parameters = inspect.signature(page["layout"].__wrapped__).parameters.items()
    return [n for n, p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD and n != "version"]


def test_every_filter_of_every_page_is_covered():
    covered = {(path, name) for path, name, _ in BAD_VALUES} | UNCHECKED
    every = {
        (page.get("example_path", page["path"]).split("?")[0], name)
        for page in dash.page_registry.values()
        for name in _filters(page)
    }
    assert every - covered == set()


def _notice_lines(tree) -> list[str] | None:
    """The lines of the url-notice in a layout as JSON (a callback answer), or None."""
    if isinstance(tree, list):
        found = [lines for child in tree if (lines := _notice_lines(child)) is not None]
        return found[0] if found else None
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == "url-notice":
        return [p["props"]["children"] for p in props["children"] if p["type"] == "P"]
    return _notice_lines(props.get("children")) if "props" in tree else _notice_lines(list(tree.values()))


def test_every_unknown_filter_value_is_said_over_http(demo_db):
    with gunicorn({}) as url:
        admin = log_in(url, *TEST_ADMIN)
        router = next(s for s in admin.get(url + "/_dash-dependencies").json() if "_pages_content" in s["output"])
        answers = {}
        for path, name, value in BAD_VALUES:
            search = "?" + urlencode({name: value} if name == "kommun" else {"kommun": "2280", name: value})
            page = admin.get(url + path + search, timeout=30)
            body = callback_body(router, {}) | {
                "inputs": [
                    {"id": "_pages_location", "property": "pathname", "value": path},
                    {"id": "_pages_location", "property": "search", "value": search},
                ]
            }
            layout = admin.post(url + "/_dash-update-component", json=body, timeout=60)
            answers[path, name] = (page.status_code, layout.status_code, _notice_lines(layout.json()))
    assert answers == {(path, name): (200, 200, [line]) for (path, name, _), line in BAD_VALUES.items()}
