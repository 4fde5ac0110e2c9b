"""The app shell: offline index page, navbar from the page registry, demo banner, footer, no-warehouse page."""

import re

import dash
import pytest

pytestmark = pytest.mark.browser


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [t for child in component for t in texts(child)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def test_index_is_swedish_offline_and_has_favicon(app_url):
    import app as shell
    from accounts.testing import logged_in_client

    client = logged_in_client(shell.server, "shell-admin")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "<title>Styrkedjan</title>" in html
    external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if u.startswith(("http:", "https:", "//"))]
    assert external == []
    assert "bootstrap.min.css" in html and "plotly-locale-sv.js" in html
    favicon = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)"', html).group(1)
    assert client.get(favicon).status_code == 200


def test_navbar_lists_every_page_except_hidden_ones(app_url, driver):
    from tests.browser.harness import open_page

    open_page(driver, app_url + "/")
    shown = [a.get_attribute("href").removeprefix(app_url) for a in driver.find_elements("css selector", "nav li a")]
    expected = [
        page["relative_path"]
        for page in dash.page_registry.values()
        if page.get("nav", True) and not page.get("path_template")
    ]
    # On arrival the resolved filters are written into the address bar, and every nav link carries them.
    assert shown == [f"{path}?kommun=2280&period=2026-10" for path in expected]
    assert expected[:2] == ["/", "/mal"]


def test_banner_and_footer_on_the_demo_warehouse(app_url):
    import app as shell

    shown = texts(shell.serve_layout())
    assert "Demodata – påhittade siffror" in shown
    footer = next(t for t in shown if t.startswith("Data senast inläst"))
    assert re.fullmatch(
        r"Data senast inläst \d{4}-\d\d-\d\d \d\d:\d\d från "
        r"2\u00a0003 gällande rapporter \(2\u00a0006 inlämnade, 3 ersatta\)\.",
        footer,
    )


def test_friendly_page_without_warehouse(app_url, tmp_path, monkeypatch):
    import app as shell

    monkeypatch.setenv("STYRKEDJAN_DB", str(tmp_path / "saknas.duckdb"))
    for module in ("pages.oversikt", "pages.mal"):
        shown = texts(dash.page_registry[module]["layout"](municipality="2581"))
        assert shown[0] == "Det finns inget datalager ännu"
    shell_texts = texts(shell.serve_layout())
    assert "Inget datalager är publicerat." in shell_texts
    assert "Demodata – påhittade siffror" not in shell_texts


def test_bad_url_values_are_said_in_swedish_and_unknown_paths_get_the_swedish_404(app_url, driver):
    from tests.browser.harness import callback_failures, console_errors, open_page, text_of

    open_page(driver, app_url + "/sammantrade?kommun=9999")
    notice = driver.find_element("id", "url-notice")
    assert notice.is_displayed()
    assert notice.text.splitlines()[0] == "Kommunen 9999 finns inte i lagret; visar Härnösand (2280)."
    open_page(driver, app_url + "/uppdrag?kommun=2581&ar=2025&ar=2026")
    assert text_of(driver, "main h1") == "Uppdrag och återrapportering"
    assert callback_failures(driver) == []
    open_page(driver, app_url + "/finns-inte")
    assert text_of(driver, "main h1") == "Sidan finns inte"
    assert console_errors(driver) == []
