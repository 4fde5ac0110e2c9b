"""Markup in a deviation's free text reaches the reader as text, in real Chromium (fixture warehouse)."""

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service

from tests.browser.harness import SCREENSHOTS, install_recorder, log_in, open_page
from tests.conftest import TEST_ADMIN, pytest_setup_options
from tests.monthly_fixture import deviation_warehouse

pytestmark = pytest.mark.browser
MARKUP = '<script>alert(1)</script> <b>fet</b> & "citat"'


@pytest.fixture
def served(tmp_path, monkeypatch):
    from dash.testing.application_runners import ThreadedRunner

    monkeypatch.setenv("STYRKEDJAN_DB", str(deviation_warehouse(tmp_path / "w.duckdb")))
    import app as shell

    runner = ThreadedRunner()
    runner.start(shell.app, start_timeout=20)
    options = pytest_setup_options()
    options.add_argument("--no-sandbox")
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    install_recorder(browser)
    log_in(browser, runner.url.rstrip("/"), *TEST_ADMIN)
    yield runner.url.rstrip("/"), browser
    browser.quit()
    runner.stop()


def test_markup_in_a_description_is_shown_as_text(served):
    url, driver = served
    open_page(driver, url + "/avvikelser?kommun=2581&period=2025-09")
    cells = driver.find_elements("css selector", ".ag-center-cols-container [col-id='description']")
    assert cells[0].text == MARKUP
    box = driver.find_element("id", "avvikelser-serious-list")
    assert MARKUP in box.text
    injected = "#avvikelser-table script, #avvikelser-table b, #avvikelser-serious-list script, #avvikelser-serious b"
    assert driver.find_elements("css selector", injected) == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018  an executed <script> would have opened an alert
    first_row = driver.find_element("css selector", ".ag-center-cols-container .ag-row[row-index='0']")
    assert first_row.value_of_css_property("background-color") == "rgba(253, 232, 232, 1)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "avvikelser_markup.png"))
