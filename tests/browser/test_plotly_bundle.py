"""The pages load our partial plotly.js (assets/, scripts/build_plotly.sh), never plotly.py's full plotly.min.js, and
it holds every trace type the figure builders emit."""

import json
import re
from pathlib import Path

import pytest
import requests

from tests.browser.harness import console_errors, open_page

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "assets" / "plotly-4.1.1-custom.min.js"
TRACES = ["bar", "box", "scatter", "treemap"]
# A trace type in a figure dict ("type": "bar") or a keyword (type="box"), or a graph_objects class (go.Bar(...)).
TYPE_PATTERN = re.compile(r"""["']type["']\s*:\s*["'](\w+)["']|\btype\s*=\s*["'](\w+)["']|\bgo\.([A-Z]\w*)\(""")


def trace_names() -> set[str]:
    """Every trace type plotly knows, from plotly.py's validator of `data`."""
    import plotly

    validators = json.loads((Path(plotly.__file__).parent / "validators" / "_validators.json").read_text())
    return set(validators["data"]["params"]["class_strs_map"])


def used_traces() -> set[str]:
    """The trace types named in ui/, pages/ and reports/."""
    found = set()
    for folder in ("ui", "pages", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in TYPE_PATTERN.finditer(path.read_text(encoding="utf-8")):
                found.add("".join(match.groups("")).lower())
    return found & trace_names()


def test_the_bundle_is_built_for_exactly_the_trace_types_the_figures_use():
    assert sorted(used_traces()) == TRACES
    header = BUNDLE.read_text(encoding="utf-8")[:300]
    assert "plotly.js 4.1.1" in header
    assert "partial bundle: scatter bar box treemap." in header


@pytest.mark.browser
def test_a_page_with_graphs_loads_only_our_bundle_which_registers_the_traces_and_swedish(app_url, driver):
    open_page(driver, app_url + "/mal")
    scripts = driver.execute_script("return performance.getEntriesByType('resource').map((e) => e.name);")
    assert sorted(s.split("?")[0] for s in scripts if "plotly" in s) == [
        app_url + "/assets/plotly-4.1.1-custom.min.js",
        app_url + "/assets/plotly-locale-sv.js",
    ]
    assert driver.execute_script("return Object.keys(Plotly.PlotSchema.get().traces).sort();") == TRACES
    assert driver.find_elements("css selector", "#mal-treemap .treemaplayer, .dash-graph .treemaplayer")
    titles = driver.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn')).map((b) => b.getAttribute('data-title'));"
    )
    assert "Ladda ner diagram som PNG" in titles
    assert console_errors(driver) == []


@pytest.mark.browser
def test_the_full_plotly_js_is_not_served(app_url, driver):
    session = requests.Session()
    for cookie in driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    index = session.get(app_url + "/", timeout=30)
    assert "/assets/plotly-4.1.1-custom.min.js" in index.text
    assert "plotly.min.js" not in index.text
    full = session.get(app_url + "/_dash-component-suites/plotly/package_data/plotly.min.js", timeout=30)
    assert (full.status_code, full.text) == (404, "Filen finns inte.")
    forged = session.get(app_url + "/_dash-component-suites/dash/no-such-bundle.js", timeout=30)
    assert forged.status_code == 404
