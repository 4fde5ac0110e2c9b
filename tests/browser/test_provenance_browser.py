"""'Källa' in real Chromium: reached with Tab, opened with Enter, a text panel naming files; closed again."""

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    full_page_screenshot,
    open_page,
    wait_for,
)

pytestmark = pytest.mark.browser


def test_source_panel_opens_from_the_keyboard(app_url, driver):
    open_page(driver, app_url + "/ekonomi?kommun=2280&period=2026-10")
    button = driver.find_element("css selector", ".section-head .source-button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    # Tab order: the element before the button, then Tab lands on the button itself.
    driver.execute_script("arguments[0].previousElementSibling.setAttribute('tabindex', '-1');", button)
    driver.execute_script("arguments[0].previousElementSibling.focus();", button)
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element == button
    assert button.get_attribute("textContent") == "Källa för Per nämnd och verksamhet"
    button.send_keys(Keys.ENTER)
    panel = wait_for(
        driver,
        lambda d: next((p for p in d.find_elements("css selector", ".source-panel") if p.is_displayed()), None),
        message="the source panel did not open",
    )
    wait_for(driver, lambda d: "SHA-256" in panel.text)
    assert button.get_attribute("aria-expanded") == "true"
    assert "inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet." in panel.text
    assert ".xlsx" in panel.text
    full_page_screenshot(driver, "kalla-ekonomi")
    assert axe_violations(driver) == []
    button.send_keys(Keys.SPACE)
    wait_for(driver, lambda d: not panel.is_displayed(), message="the source panel did not close")
    assert (console_errors(driver), callback_failures(driver)) == ([], [])
