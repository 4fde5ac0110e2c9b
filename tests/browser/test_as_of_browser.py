"""The as-of view in real Chromium: banner, version kept in the navbar, callbacks answered, meeting mode note."""

import pytest

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    full_page_screenshot,
    open_page,
    text_of,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def version_id(demo_db):
    from data import db, versions

    with db.pinned():
        return versions.current().version_id


def test_as_of_view_banner_navbar_and_meeting_mode(app_url, driver, version_id):
    open_page(driver, f"{app_url}/ekonomi?kommun=2280&period=2026-10&version={version_id}")
    banner = text_of(driver, "#asof-banner")
    assert banner.startswith("Visar läget per 20") and f"(dataversion {version_id})" in banner
    assert driver.find_element("id", "asof-latest").get_attribute("href") == (
        f"{app_url}/ekonomi?kommun=2280&period=2026-10"
    )
    hrefs = [a.get_attribute("href") for a in driver.find_elements("css selector", "nav li a")]
    assert all(href.endswith(f"&version={version_id}") for href in hrefs), hrefs
    assert text_of(driver, "#ekonomi-kpis") != ""
    full_page_screenshot(driver, "asof-ekonomi")
    assert axe_violations(driver) == []
    assert (console_errors(driver), callback_failures(driver)) == ([], [])

    open_page(driver, f"{app_url}/sammantrade?kommun=2280&version={version_id}")
    stamp = text_of(driver, ".sammantrade-slide.is-current .sammantrade-stamp")
    assert f"(dataversion {version_id})" in stamp and "Visar läget per" in stamp
    full_page_screenshot(driver, "asof-sammantrade")

    open_page(driver, f"{app_url}/mal?kommun=2280&version=ingen-sadan")
    assert text_of(driver, "h1") == "Dataversionen finns inte"
    assert (console_errors(driver), callback_failures(driver)) == ([], [])
