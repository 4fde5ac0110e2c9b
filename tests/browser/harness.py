"""What the browser tests do on every page: load, wait until settled, collect errors, run axe, take a screenshot."""

import base64
import json
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.conftest import pytest_setup_options

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Installed in every new document before the app's scripts: counts callback requests in flight and records any
# that fail, so a test sees callback errors even with Dash's dev tools off.
RECORDER_JS = """
window.__dashPending = 0;
window.__dashFailures = [];
const originalFetch = window.fetch;
window.fetch = function (resource, init) {
    const url = String(resource && resource.url ? resource.url : resource);
    if (!url.includes("_dash-update-component")) {
        return originalFetch.apply(this, arguments);
    }
    window.__dashPending += 1;
    return originalFetch.apply(this, arguments).then(
        (response) => {
            window.__dashPending -= 1;
            if (response.status >= 400) {
                const body = init && init.body ? String(init.body).slice(0, 300) : "";
                window.__dashFailures.push(response.status + " " + body);
            }
            return response;
        },
        (error) => {
            window.__dashPending -= 1;
            window.__dashFailures.push("network error " + error);
            throw error;
        },
    );
};
"""

SETTLED_JS = """
const content = document.getElementById("_pages_content");
if (document.readyState !== "complete" || !content || !content.children.length) { return false; }
if (window.__dashPending > 0) { return false; }
if (document.querySelector('[data-dash-is-loading="true"]')) { return false; }
for (const graph of document.querySelectorAll(".dash-graph")) {
    if (!graph.querySelector(".main-svg")) { return false; }
}
for (const grid of document.querySelectorAll(".dash-ag-grid, div[class*='ag-theme']")) {
    if (!grid.querySelector(".ag-root-wrapper")) { return false; }
}
return true;
"""


def chromium():
    """A new headless Chromium (the flags of tests/conftest.py, a fresh profile) that keeps its console log."""
    options = pytest_setup_options()
    options.add_argument("--no-sandbox")  # root in a container; dash_duo adds this flag itself
    options.add_argument("--hide-scrollbars")  # full-page screenshots keep the width the page was laid out in
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser.set_page_load_timeout(60)
    return browser


def install_recorder(driver) -> None:
    """Register the callback recorder for every page the driver opens from now on."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER_JS})


def wait_settled(driver, timeout: float = 30.0) -> None:
    """Wait until no callback is in flight and every graph and table has rendered, twice in a row."""
    deadline = time.monotonic() + timeout
    stable = 0
    while time.monotonic() < deadline:
        stable = stable + 1 if driver.execute_script(SETTLED_JS) else 0
        if stable >= 3:
            return
        time.sleep(0.15)
    raise AssertionError(f"{driver.current_url} did not settle within {timeout} s")


def log_in(driver, base_url: str, name: str, password: str) -> None:
    """Log the browser in through the real /login form."""
    driver.get(base_url + "/login")
    driver.find_element("id", "username").send_keys(name)
    driver.find_element("id", "password").send_keys(password)
    driver.find_element("css selector", "form[action='/login'] button[type='submit']").click()
    wait_for(driver, lambda d: "/login" not in d.current_url, message="log-in did not leave /login")


def open_page(driver, url: str) -> None:
    """Load url from scratch and wait until it has settled; earlier console messages are discarded."""
    driver.get_log("browser")
    driver.get(url)
    wait_settled(driver)


def console_errors(driver) -> list[str]:
    """SEVERE browser console messages since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def callback_failures(driver) -> list[str]:
    """Callback requests of this document that failed."""
    return driver.execute_script("return window.__dashFailures || [];")


def _allowed(rule: str, node: dict) -> bool:
    """The one known Dash 4 finding: dcc.Dropdown's own focus-target input, hidden from screen readers."""
    return (
        rule == "aria-hidden-focus"
        and node["html"].startswith('<input class="dash-dropdown-focus-target"')
        and 'aria-hidden="true"' in node["html"]
    )


def axe_violations(driver) -> list[str]:
    """axe-core WCAG 2.1 A/AA violations on the current page, minus the one allow-listed dropdown finding."""
    driver.execute_script(AXE_JS.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then((r) => done(JSON.stringify(r.violations)), (e) => done(JSON.stringify([{id: 'axe-error', "
        "help: String(e), nodes: []}])));",
        AXE_TAGS,
    )
    found = []
    for violation in json.loads(result):
        nodes = [n for n in violation["nodes"] if not _allowed(violation["id"], n)]
        if nodes or not violation["nodes"]:
            targets = "; ".join(" ".join(n["target"]) + " " + n["html"][:160] for n in nodes[:5])
            found.append(f"{violation['id']}: {violation['help']} ({len(nodes)}) {targets}")
    return found


def full_page_screenshot(driver, name: str) -> Path:
    """Save a PNG of the whole page (not just the window) under artifacts/screenshots/NAME.png.

    The driver runs with --hide-scrollbars, so capturing beyond the viewport does not re-lay the page out wider.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def wait_for(driver, condition, timeout: float = 15.0, message: str = ""):
    """Poll condition(driver) until it returns something truthy; return that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition(driver)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(message or f"condition not met within {timeout} s on {driver.current_url}")


def select_option(driver, dropdown_id: str, label: str) -> None:
    """Open a Dash 4 dropdown and click the option with this label (typing + Enter is flaky)."""
    driver.find_element("css selector", f"#{dropdown_id}").click()
    option = wait_for(
        driver,
        lambda d: next(
            (o for o in d.find_elements("css selector", ".dash-dropdown-option") if o.text.strip() == label), None
        ),
        message=f"no option {label!r} in #{dropdown_id}",
    )
    option.click()


def text_of(driver, selector: str) -> str:
    """Visible text of the first element matching a CSS selector."""
    return driver.find_element("css selector", selector).text.strip()


# Cells by row index and column id; a pinned column lives in its own container, so look across the whole grid.
ROWS_JS = """
const grid = document.getElementById(arguments[0]);
const indexes = Array.from(grid.querySelectorAll(".ag-center-cols-container .ag-row"))
    .map((row) => Number(row.getAttribute("row-index")))
    .sort((a, b) => a - b);
return indexes.map((i) => arguments[1].map((col) => {
    const cell = grid.querySelector(`.ag-row[row-index="${i}"] [col-id="${col}"]`);
    return cell ? cell.textContent.trim() : null;
}));
"""


def grid_rows(driver, grid: str, columns: list[str]) -> list[list[str]]:
    """The rendered text of these columns (ag-grid col-ids) of every row of the grid with id grid, in row order."""
    return driver.execute_script(ROWS_JS, grid, columns)


def kpi_values(driver, container: str) -> dict[str, str]:
    """Label -> value of the key figure cards inside the element with id container."""
    cards = driver.find_elements("css selector", f"#{container} .kpi-card")
    return {
        c.find_element("css selector", ".kpi-label").text: c.find_element("css selector", ".kpi-value").text
        for c in cards
    }
