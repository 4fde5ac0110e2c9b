"""Drilling down from a committee row on /ekonomi finds the clicked committee even after the user sorted the table."""

import pytest

from tests.browser.harness import open_page, text_of, wait_for, wait_settled

pytestmark = pytest.mark.browser


def click(driver, selector: str) -> None:
    """Scroll the element to the middle at once (Bootstrap's smooth scroll makes clicks miss) and click it."""
    element = driver.find_element("css selector", selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def test_click_after_sorting_opens_the_clicked_committee(app_url, driver):
    open_page(driver, app_url + "/ekonomi?kommun=2581&period=2026-10")
    header = "#ekonomi-table .ag-header-cell[col-id='name'] .ag-header-cell-label"
    click(driver, header)  # ascending
    click(driver, header)  # descending: Socialnämnden is now shown first, though it is last in rowData
    first = "#ekonomi-table .ag-center-cols-container .ag-row[row-index='0'] [col-id='name']"
    wait_for(driver, lambda d: d.find_element("css selector", first).text == "Socialnämnden")
    click(driver, first)
    wait_for(driver, lambda d: "namnd=SN" in d.execute_script("return window.location.search;"))
    wait_settled(driver)
    assert text_of(driver, "#ekonomi-namnd") == "Socialnämnden"

    pinned = "#ekonomi-table .ag-floating-bottom .ag-row [col-id='name']"
    open_page(driver, app_url + "/ekonomi?kommun=2581&period=2026-10")
    click(driver, pinned)  # the municipality total opens nothing
    wait_settled(driver)
    assert "namnd=" not in driver.execute_script("return window.location.search;")
