"""Browser suite: one demo warehouse, one app server and one headless Chromium for the whole session.

Reusing one browser matters: most of a page's first load is plotly.js (1.3 MB), which stays cached.
"""

import pytest

from tests.browser.harness import chromium, install_recorder, log_in
from tests.conftest import TEST_ADMIN
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
    browser = chromium()
    install_recorder(browser)
    log_in(browser, app_url, *TEST_ADMIN)
    yield browser
    browser.quit()
