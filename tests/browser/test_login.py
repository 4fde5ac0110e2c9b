"""Log-in in real Chromium: the form (axe-clean, no CSP errors), a reader's own municipality, 403, log-out."""

import pytest

from accounts import __main__ as accounts_cli
from accounts import store
from tests.browser.harness import axe_violations, chromium, console_errors, log_in, open_page, text_of, wait_for

pytestmark = pytest.mark.browser
READER = ("webblasare-pitea", "webblasare-lösenord-1")


@pytest.fixture(scope="module")
def fresh_browser(app_url):
    """A second Chromium with no log-in (the shared driver stays logged in as admin)."""
    if store.get(READER[0]) is None:
        store.add(READER[0], "reader", READER[1], ["2581"])
    assert accounts_cli.main(["demo"]) == 0  # the demo warehouse lists its demo accounts on the log-in page
    browser = chromium()
    yield browser
    browser.quit()


def test_log_in_page_redirect_axe_and_a_readers_view(fresh_browser, app_url):
    driver = fresh_browser
    driver.get(app_url + "/ekonomi?kommun=2581")
    wait_for(driver, lambda d: "/login" in d.current_url)
    assert driver.current_url == app_url + "/login?next=/ekonomi%3Fkommun%3D2581"
    assert driver.title == "Logga in – Styrkedjan"
    assert axe_violations(driver) == []
    assert console_errors(driver) == []
    assert driver.find_element("id", "login-demo-accounts").text.startswith("Användarnamn Roll Kommun Lösenord")

    driver.find_element("id", "username").send_keys(READER[0])
    driver.find_element("id", "password").send_keys("fel-lösenord")
    driver.find_element("css selector", "form[action='/login'] button[type='submit']").click()
    assert text_of(driver, "#login-error") == "Fel användarnamn eller lösenord."

    log_in(driver, app_url, *READER)
    open_page(driver, app_url + "/ekonomi")
    assert text_of(driver, "#shell-user") == READER[0]
    assert text_of(driver, "#ekonomi-kommun") == "Piteå"
    driver.find_element("css selector", "#ekonomi-kommun").click()
    options = wait_for(driver, lambda d: d.find_elements("css selector", ".dash-dropdown-option"))
    assert [o.text.strip() for o in options] == ["Piteå"]
    assert console_errors(driver) == []

    driver.get(app_url + "/ekonomi?kommun=2463")
    assert driver.find_element("tag name", "body").text == "Du har inte behörighet till den här kommunens uppgifter."

    open_page(driver, app_url + "/jamforelse")
    driver.find_element("id", "shell-logout").click()
    wait_for(driver, lambda d: d.current_url.endswith("/login"))
    driver.get(app_url + "/ekonomi")
    wait_for(driver, lambda d: "/login" in d.current_url)


def test_the_accessibility_statement_opens_from_the_log_in_page_without_logging_in(fresh_browser, app_url):
    driver = fresh_browser
    driver.delete_all_cookies()
    driver.get(app_url + "/login")
    driver.find_element("link text", "Tillgänglighet").click()
    wait_for(driver, lambda d: d.current_url == app_url + "/tillganglighet")
    assert driver.title == "Tillgänglighetsredogörelse – Styrkedjan"
    assert text_of(driver, "h1") == "Tillgänglighetsredogörelse"
    assert axe_violations(driver) == []
    assert console_errors(driver) == []
    driver.find_element("id", "public-login").click()
    wait_for(driver, lambda d: d.current_url == app_url + "/login")
