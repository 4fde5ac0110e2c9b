"""Driving the filters of Översikt and Mål in Chromium on the demo warehouse (python -m etl demo).

The literal numbers were read from the demo warehouse with data.overview / data.goals and checked by hand.
"""

import pytest

from tests.browser.harness import (
    callback_failures,
    console_errors,
    open_page,
    select_option,
    text_of,
    wait_for,
    wait_settled,
)

pytestmark = pytest.mark.browser

NBSP, MINUS = "\u00a0", "\u2212"


def card_fact(driver, committee: str, term: str) -> str:
    """The text after a <dt> term in a committee card on Översikt."""
    card = driver.find_element("css selector", f"#oversikt-card-{committee}")
    terms = card.find_elements("css selector", "dt")
    values = card.find_elements("css selector", "dd")
    # textContent, not .text: Selenium turns no-break spaces into plain ones
    return next(
        v.get_attribute("textContent").strip() for t, v in zip(terms, values, strict=True) if t.text.strip() == term
    )


def kpi(driver, label: str) -> str:
    """The value of the key figure card with this label."""
    for card in driver.find_elements("css selector", ".kpi-card"):
        if card.find_element("css selector", ".kpi-label").text.strip() == label:
            return card.find_element("css selector", ".kpi-value").get_attribute("textContent").strip()
    raise AssertionError(f"no key figure {label!r}")


def search(driver) -> str:
    return driver.execute_script("return window.location.search;")


def test_change_municipality_and_period_on_overview(app_url, driver):
    open_page(driver, app_url + "/")
    assert text_of(driver, "#oversikt-kommun") == "Härnösand"
    assert kpi(driver, "Nämnder som rapporterat") == "5 av 5"

    select_option(driver, "oversikt-kommun", "Piteå")
    wait_for(driver, lambda d: search(d) == "?kommun=2581&period=2026-10")
    wait_settled(driver)
    assert kpi(driver, "Nämnder som rapporterat") == "6 av 6"
    assert kpi(driver, "Öppna avvikelser") == "15"
    assert card_fact(driver, "BUN", "Budgetavvikelse hittills") == f"{MINUS}1{NBSP}677{NBSP}tkr ({MINUS}0,2{NBSP}%)"

    select_option(driver, "oversikt-period", "september 2026")
    wait_for(driver, lambda d: search(d) == "?kommun=2581&period=2026-09")
    wait_settled(driver)
    assert kpi(driver, "Öppna avvikelser") == "12"
    assert card_fact(driver, "BUN", "Budgetavvikelse hittills") == f"{MINUS}1{NBSP}030{NBSP}tkr ({MINUS}0,1{NBSP}%)"
    nav_mal = driver.find_element("css selector", "nav a[href^='/mal']")
    assert nav_mal.get_attribute("href") == app_url + "/mal?kommun=2581&period=2026-09"
    assert console_errors(driver) == []
    assert callback_failures(driver) == []


def test_link_from_overview_to_goals_carries_filters(app_url, driver):
    open_page(driver, app_url + "/?kommun=2581&period=2026-09")
    assert card_fact(driver, "BUN", "Måluppfyllelse") == (
        f"50{NBSP}% uppfyllda (1 av 2 bedömda); 1 delvis, 0 ej uppfyllda, 0 ej bedömda"
    )
    driver.find_element("css selector", "#oversikt-card-BUN dd a[href^='/mal']").click()
    wait_for(driver, lambda d: d.execute_script("return window.location.pathname;") == "/mal")
    wait_settled(driver)
    # The page picks the committee's first indicator and keeps it in the URL too.
    assert search(driver) == "?kommun=2581&period=2026-09&namnd=BUN&indikator=BUN%7CBUN-1.1"
    assert text_of(driver, "#mal-kommun") == "Piteå"
    assert text_of(driver, "#mal-period") == "september 2026"
    assert text_of(driver, "#mal-namnd") == "Barn- och utbildningsnämnden"
    assert [kpi(driver, label) for label in ("✔ Uppfyllt", "◐ Delvis uppfyllt", "✖ Ej uppfyllt", "○ Ej bedömt")] == [
        "1",
        "1",
        "0",
        "0",
    ]

    select_option(driver, "mal-kommun", "Åsele")
    wait_for(driver, lambda d: "kommun=2463" in search(d))
    wait_settled(driver)
    assert search(driver) == "?kommun=2463&period=2026-09&namnd=BUN&indikator=BUN%7CBUN-1.1"
    assert console_errors(driver) == []
    assert callback_failures(driver) == []


def test_committee_without_report_says_so(app_url, driver):
    open_page(driver, app_url + "/?kommun=2463&period=2026-10")
    card = text_of(driver, "#oversikt-card-MBN")
    assert "Ingen rapport inlämnad för perioden" in card
    assert card_fact(driver, "MBN", "Budgetavvikelse hittills") == "Inga ekonomisiffror"
    assert kpi(driver, "Nämnder som rapporterat") == "3 av 4"
