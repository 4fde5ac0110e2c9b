"""Every page in dash.page_registry, in real Chromium on the demo warehouse: no console errors, no callback
errors, no axe-core WCAG 2.1 A/AA violations, and a full-page screenshot under artifacts/screenshots/, at 1366
and 1920 px wide.

A page is found from its file in pages/, so a new page is walked without touching this file. A page whose path
has variables (path_template) is opened at its `example_path` (a register_page keyword) or at EXAMPLE_PATHS.
"""

from pathlib import Path

import dash
import pytest

from tests.browser.harness import axe_violations, callback_failures, console_errors, full_page_screenshot, open_page

PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
PAGE_MODULES = sorted(f"pages.{p.stem}" for p in PAGES_DIR.glob("*.py") if not p.stem.startswith("_"))

# Sample paths for templated pages that do not declare example_path themselves.
EXAMPLE_PATHS: dict[str, str] = {}
# A laptop and a 1080p screen or projector: every page must pass at both widths.
WIDTHS = (1366, 1920)

pytestmark = pytest.mark.browser


def page_path(module: str) -> str:
    """Where the walk opens a page: its path, or an example for a path with variables."""
    page = dash.page_registry[module]
    if page.get("path_template"):
        example = page.get("example_path") or EXAMPLE_PATHS.get(module)
        assert example, f"{module} has path_template {page['path_template']} but no example_path"
        return example
    return page["path"]


def test_walk_covers_every_registered_page(app_url):
    assert sorted(dash.page_registry) == PAGE_MODULES


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("module", PAGE_MODULES)
def test_page(module, width, app_url, driver):
    driver.set_window_size(width, 1000)
    try:
        open_page(driver, app_url + page_path(module))
        shot = full_page_screenshot(driver, f"{module.removeprefix('pages.')}-{width}")
    finally:
        driver.set_window_size(1280, 1024)
    assert driver.find_element("css selector", "main h1").text.strip()
    assert console_errors(driver) == []
    assert callback_failures(driver) == []
    assert axe_violations(driver) == []
    assert shot.stat().st_size > 10_000
