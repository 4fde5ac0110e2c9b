"""The meeting mode in real Chromium at 1920×1080 on the demo warehouse: type sizes, key stepping, Esc, handout."""

import base64
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from pypdf import PdfReader
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.harness import axe_violations, console_errors, full_page_screenshot, open_page, wait_settled
from tests.fixtures import PITEA_COMMITTEES as PITEA

pytestmark = pytest.mark.browser

LAST_SLIDE = "Att återrapportera 2026-11-23 (13)"

# Every visible text-bearing element of the current slide, with its computed font size in px.
TEXT_SIZES_JS = """
const slide = document.querySelector(".sammantrade-slide.is-current");
const out = [];
for (const el of slide.querySelectorAll("*")) {
    if (el.closest("svg")) { continue; }
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && el.getClientRects().length) {
        out.push([el.tagName.toLowerCase(), parseFloat(getComputedStyle(el).fontSize), el.textContent.trim()]);
    }
}
return out;
"""

# For every slide (shown or not, they are all laid out): how far its content reaches and where its stamp starts.
FIT_JS = """
return Array.from(document.querySelectorAll(".sammantrade-slide")).map((slide) => {
    const body = slide.querySelector(".sammantrade-body");
    let bottom = 0;
    // The two columns stretch to the grid's height; what they hold is what must fit.
    for (const el of body.querySelectorAll(".sammantrade-left *, .sammantrade-right *")) {
        bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
    }
    const stamp = slide.querySelector(".sammantrade-stamp").getBoundingClientRect();
    return [slide.querySelector("h1").textContent, Math.round(bottom), Math.round(stamp.top), Math.round(stamp.bottom)];
});
"""


@pytest.fixture
def full_hd(driver):
    """The driver's viewport at 1920×1080, as on the projector; restored afterwards for the other tests."""
    metrics = {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _shown(driver) -> str:
    return driver.find_element("css selector", ".sammantrade-slide.is-current h1").text


def _press(driver, key) -> None:
    ActionChains(driver).send_keys(key).perform()


def _query(driver) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(driver.current_url).query).items()}


def test_body_text_is_at_least_28_px(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581")  # the whole municipality, with the chooser
    sizes = full_hd.execute_script(TEXT_SIZES_JS)
    assert min(size for _, size, _ in sizes) == 28.0
    assert axe_violations(full_hd) == []
    full_page_screenshot(full_hd, "sammantrade_hela_kommunen")
    open_page(full_hd, app_url + "/sammantrade?kommun=2581&bild=2")
    sizes = full_hd.execute_script(TEXT_SIZES_JS)
    assert min(size for _, size, _ in sizes) == 28.0
    assert [size for tag, size, _ in sizes if tag == "h1"] == [60.0]
    assert {size for tag, size, _ in sizes if tag == "h2"} == {36.0}
    assert full_hd.execute_script(
        "return parseFloat(document.querySelector('.is-current .sammantrade-graph .xtick text').style.fontSize)"
    ) == 24.0  # fmt: skip
    # The shell's navbar and footer step aside: nothing on screen but the slide.
    hidden = "return getComputedStyle(document.querySelector(arguments[0])).display"
    assert [full_hd.execute_script(hidden, s) for s in (".app-navbar", ".app-footer")] == ["none", "none"]
    assert axe_violations(full_hd) == []
    full_page_screenshot(full_hd, "sammantrade_1920x1080")


@pytest.mark.parametrize(
    "municipality", ["2581", "2463"]
)  # Åsele's BUN has the demo's fullest slide: 6 items and 2 "more"
def test_every_slide_fits_the_screen(app_url, full_hd, municipality):
    open_page(full_hd, app_url + f"/sammantrade?kommun={municipality}")
    for name, content_bottom, stamp_top, stamp_bottom in full_hd.execute_script(FIT_JS):
        assert content_bottom < stamp_top, name
        assert stamp_bottom <= 1080, name


def test_keys_step_through_the_committees_and_esc_leaves(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581&mote=2026-11-23")
    assert _shown(full_hd) == "Piteå"
    _press(full_hd, Keys.ARROW_RIGHT)
    assert _shown(full_hd) == PITEA[0]
    assert _query(full_hd)["bild"] == "2"
    _press(full_hd, Keys.PAGE_DOWN)  # what a presentation clicker sends
    assert _shown(full_hd) == "Kommunstyrelsen"
    _press(full_hd, Keys.PAGE_UP)
    assert _shown(full_hd) == PITEA[0]
    _press(full_hd, Keys.ARROW_LEFT)
    _press(full_hd, Keys.ARROW_LEFT)  # already at the first slide: stays there
    assert _shown(full_hd) == "Piteå"
    _press(full_hd, Keys.END)
    assert (_shown(full_hd), _query(full_hd)["bild"]) == (LAST_SLIDE, "9")
    _press(full_hd, Keys.ARROW_RIGHT)
    assert _shown(full_hd) == LAST_SLIDE
    assert axe_violations(full_hd) == []
    full_page_screenshot(full_hd, "sammantrade_bild6")

    _press(full_hd, Keys.ESCAPE)
    WebDriverWait(full_hd, 10).until(lambda d: urlparse(d.current_url).path == "/uppdrag")
    wait_settled(full_hd)
    assert _query(full_hd) == {"kommun": "2581", "period": "2026-10"}
    assert full_hd.find_element("css selector", "main h1").text == "Uppdrag och återrapportering"
    assert full_hd.find_element("css selector", ".app-navbar").is_displayed()
    assert console_errors(full_hd) == []


def test_a_slide_can_be_linked_and_the_buttons_step_too(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581&bild=4")
    assert _shown(full_hd) == "Kultur- och fritidsnämnden"
    full_hd.find_element("css selector", "[data-sammantrade='next']").click()
    assert _shown(full_hd) == "Miljö- och byggnämnden"
    full_hd.find_element("css selector", "[data-sammantrade='prev']").click()
    full_hd.find_element("css selector", "[data-sammantrade='prev']").click()
    assert _shown(full_hd) == "Kommunstyrelsen"


def test_municipality_meeting_and_agenda_are_chosen_in_the_page(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581&mote=2026-11-23")
    box = full_hd.find_element("css selector", "#sammantrade-ordning")
    fits = (
        "const c = arguments[0].parentElement;"
        "return [c.scrollHeight <= c.clientHeight, arguments[0].scrollWidth <= c.clientWidth];"
    )
    assert full_hd.execute_script(fits, box) == [True, True]  # the 28 px agenda text is not clipped by Dash's wrapper
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("SN,KS")  # typing arrows or letters here does not step the slides
    box.send_keys(Keys.ARROW_LEFT)
    assert _shown(full_hd) == "Piteå"
    full_hd.find_element("css selector", "#sammantrade-visa").click()
    WebDriverWait(full_hd, 30).until(lambda d: "ordning" in _query(d))
    wait_settled(full_hd)
    assert _query(full_hd) == {"kommun": "2581", "mote": "2026-11-23", "ordning": "SN,KS"}
    titles = full_hd.execute_script(
        "return Array.from(document.querySelectorAll('.sammantrade-slide h1')).map((h) => h.textContent);"
    )
    assert titles[:4] == ["Piteå", "Socialnämnden", "Kommunstyrelsen", PITEA[0]]


def test_keys_do_nothing_on_other_pages(app_url, full_hd):
    open_page(full_hd, app_url + "/uppdrag?kommun=2581")
    _press(full_hd, Keys.ESCAPE)
    _press(full_hd, Keys.ARROW_RIGHT)
    assert urlparse(full_hd.current_url).path == "/uppdrag"
    assert "bild" not in _query(full_hd)


def test_printed_handout_has_one_stamped_page_per_committee(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581&mote=2026-11-23")
    pdf = full_hd.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    assert len(reader.pages) == 9
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [842, 595]  # A4 landscape, in points
    stamp = re.compile(
        r"Piteå · period oktober 2026 · sammanträde 2026-11-23 · data inläst \d{4}-\d\d-\d\d \d\d:\d\d · demodata"
    )
    for page, name in zip(reader.pages, ["Piteå", *PITEA, "Allvarliga avvikelser (5)", LAST_SLIDE], strict=True):
        text = page.extract_text()
        assert text.startswith(name), text[:80]
        assert stamp.search(text), text[-200:]


def test_a_smaller_screen_shows_the_same_slide_scaled_down(app_url, driver):
    # A 1366×768 laptop on the meeting-room projector: the 1920×1080 stage shrinks to fit, nothing is cut off.
    metrics = {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        open_page(driver, app_url + "/sammantrade?kommun=2581")
        rect = (
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
            "return [r.left, r.top, r.right, r.bottom];"
        )
        stage = [round(v) for v in driver.execute_script(rect, ".sammantrade-stage")]
        assert stage == [0, 0, 1366, 768]
        toolbar = driver.execute_script(rect, ".sammantrade-toolbar")
        assert toolbar[2] <= 1366 and toolbar[3] <= 768
        for name, content_bottom, stamp_top, stamp_bottom in driver.execute_script(FIT_JS):
            assert content_bottom < stamp_top <= stamp_bottom <= 768, name
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_meeting_locks_to_its_data_version_and_each_slide_names_its_sources(app_url, full_hd):
    open_page(full_hd, app_url + "/sammantrade?kommun=2581")
    version = re.search(r"dataversion (\w{10})", full_hd.find_element("css selector", ".is-current footer").text)[1]
    lock = full_hd.find_element("id", "sammantrade-las")
    assert (lock.text, lock.is_displayed()) == (f"Lås till dataversion {version}", True)
    lock.click()
    WebDriverWait(full_hd, 30).until(lambda d: f"version={version}" in d.current_url)
    wait_settled(full_hd)
    assert _query(full_hd) == {"kommun": "2581", "mote": "2026-11-23", "version": version}
    banner = full_hd.find_element("id", "asof-banner")
    assert banner.is_displayed() and banner.text.startswith("Visar läget per ")
    assert f"(dataversion {version})" in banner.text
    status = full_hd.find_element("id", "sammantrade-las-status").text
    assert status == f"Låst till dataversion {version}. Visa det senaste läget"
    assert f"(dataversion {version})" in full_hd.find_element("css selector", ".is-current footer").text
    full_page_screenshot(full_hd, "sammantrade_last_version")

    _press(full_hd, Keys.ARROW_RIGHT)  # the first committee's slide
    button = full_hd.find_element("css selector", ".sammantrade-slide.is-current .source-button")
    assert button.text.split("\n")[0] == "Källa"
    button.send_keys(Keys.ENTER)  # keyboard reachable: a real button
    panel = ".sammantrade-slide.is-current .source-panel"
    WebDriverWait(full_hd, 30).until(lambda d: d.find_element("css selector", panel).is_displayed())
    WebDriverWait(full_hd, 30).until(lambda d: "i kraft" in d.find_element("css selector", panel).text)
    text = full_hd.find_element("css selector", panel).text
    assert text.startswith("10 inlämnade rapporter i kraft ligger bakom uppgifterna i avsnittet.")
    assert "2581_BUN_2026-10.xlsx" in text and "Socialnämnden" not in text
    assert axe_violations(full_hd) == []
    assert console_errors(full_hd) == []
    full_page_screenshot(full_hd, "sammantrade_kalla")
