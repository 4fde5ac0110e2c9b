"""URL values the shell checks once for every page: unknown ones get a Swedish notice, repeated ones keep the last."""

import dash

import app  # noqa: F401  registers the pages and wraps their layouts
from tests.browser.test_shell import texts
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
