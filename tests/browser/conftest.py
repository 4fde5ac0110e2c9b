"""Browser suite: one demo warehouse, one app server and one headless Chromium for the whole session.

Reusing one browser matters: most of a page's first load is plotly.js (4.8 MB), which stays cached.
"""

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.browser.harness import install_recorder, log_in
from tests.conftest import TEST_ADMIN, pytest_setup_options
from tests.served import free_port


@pytest.fixture(scope="session")
def app_url(demo_db):
    """The app served from a thread on the demo warehouse; the app is imported only after STYRKEDJAN_DB is set."""
    from dash.testing.application_runners import ThreadedRunner

    import app as shell

    runner = ThreadedRunner()
    runner.start(shell.app, start_timeout=20, port=free_port())
    yield runner.url.rstrip("/")
    runner.stop()


@pytest.fixture(scope="session")
def driver(app_url):
    """One headless Chromium (the flags of tests/conftest.py) with console logging on, logged in as an admin."""
    options = pytest_setup_options()
    options.add_argument("--no-sandbox")  # root in a container; dash_duo adds this flag itself
    options.add_argument("--hide-scrollbars")  # full-page screenshots keep the width the page was laid out in
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.set_page_load_timeout(60)
    install_recorder(browser)
    log_in(browser, app_url, *TEST_ADMIN)
    yield browser
    browser.quit()
