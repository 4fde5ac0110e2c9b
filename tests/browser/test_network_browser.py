"""The network pages in Chromium on the small network warehouse: a linked view opens as sent, the controls rewrite
the link, ties share a place, incomplete municipalities are listed apart, the comparison follows its URL."""

import pytest

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    open_page,
    wait_for,
    wait_settled,
)
from tests.network_fixture import build_comparison

pytestmark = pytest.mark.browser


@pytest.fixture
def network_db(tmp_path, monkeypatch, app_url):
    """The comparison fixture (network suggestions plus shared indicators), read by the running app."""
    db = build_comparison(tmp_path / "natverk.duckdb")
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    return db


def search(driver) -> str:
    return driver.execute_script("return window.location.search;")


def kpi(driver, label: str) -> str:
    """The value of the key figure card whose label starts with this text."""
    for card in driver.find_elements("css selector", ".kpi-card"):
        if card.find_element("css selector", ".kpi-label").text.strip().startswith(label):
            return card.find_element("css selector", ".kpi-value").get_attribute("textContent").strip()
    raise AssertionError(f"no key figure {label!r}")


def grid_column(driver, grid_id: str, column: str) -> list[str]:
    """The shown text of one grid column, in row order."""
    rows = {}
    for row in driver.find_elements("css selector", f"#{grid_id} .ag-center-cols-container .ag-row[row-index]"):
        for cell in row.find_elements("css selector", f"[col-id='{column}']"):
            rows[int(row.get_attribute("row-index"))] = cell.get_attribute("textContent").strip()
    return [rows[i] for i in sorted(rows)]


def test_linked_ranking_ties_incomplete_and_controls(network_db, app_url, driver):
    open_page(driver, app_url + "/forbattringsforslag?kommun=2581&period=2025-03&matt=inlamnade")
    assert kpi(driver, "Ledare") == "★ Motala"
    assert kpi(driver, "Placering, Piteå") == "Plats 2 av 4"
    assert kpi(driver, "Kommuner i rangordningen") == "4 av 6"
    assert grid_column(driver, "forbattringsforslag-table", "rank") == ["1", "2", "2", "4"]
    assert grid_column(driver, "forbattringsforslag-table", "name") == ["Motala", "Piteå", "Vimmerby", "Åsele"]
    incomplete = driver.find_element("css selector", "#forbattringsforslag-incomplete-list").text
    assert "Västerås: saknar uppgifter (förslag eller medarbetare) för februari 2025" in incomplete
    assert "Jönköping: inga uppgifter" in incomplete

    driver.find_element(
        "css selector", "label[for='_dbcprivate_radioitems_forbattringsforslag-matt_input_genomforda']"
    ).click()
    wait_for(driver, lambda d: "matt=genomforda" in search(d))
    wait_settled(driver)
    assert search(driver) == "?kommun=2581&period=2025-03&matt=genomforda&omfang=ar&takt=period&grupp=alla"
    assert grid_column(driver, "forbattringsforslag-table", "rank") == ["1", "2", "3", "3"]
    assert grid_column(driver, "forbattringsforslag-department-table", "department") == [
        "Barn- och utbildningsförvaltningen",
        "Socialförvaltningen",
    ]
    assert console_errors(driver) == []
    assert callback_failures(driver) == []
    assert axe_violations(driver) == []


def test_linked_comparison_and_choosing_municipalities(network_db, app_url, driver):
    open_page(driver, app_url + "/jamforelse?indikator=kpi:N15419&kommuner=2581,0884")
    assert grid_column(driver, "jamforelse-table", "municipality") == ["Piteå", "Vimmerby"]
    assert grid_column(driver, "jamforelse-table", "status") == ["✖ Når inte målvärdet", "✔ Når målvärdet"]
    assert kpi(driver, "Gruppens median") == "76,8\u00a0%"  # the municipalities in the URL are the group

    driver.find_element("css selector", "label[for='_dbcprivate_checklist_jamforelse-kommuner_input_1980']").click()
    wait_for(driver, lambda d: "1980" in search(d))
    wait_settled(driver)
    assert search(driver) == "?indikator=kpi%3AN15419&kommuner=2581%2C0884%2C1980&tid=2024-T3&grupp=egen"
    assert grid_column(driver, "jamforelse-table", "rank") == ["1", "1", "3"]
    assert console_errors(driver) == []
    assert callback_failures(driver) == []
    assert axe_violations(driver) == []


def test_map_draws_290_municipalities_offline_and_a_click_selects_one(app_url, driver):
    driver.get(app_url + "/forbattringsforslag?kommun=2581&period=2026-09")
    wait_settled(driver, timeout=90)  # may be the session's first page: plotly.js is loaded cold
    centres = driver.execute_script(
        "return document.querySelectorAll("
        "'#forbattringsforslag-map .scatterlayer .trace:last-child path.point').length;"
    )
    fills = driver.execute_script(
        "return document.querySelectorAll('#forbattringsforslag-map .scatterlayer path.js-fill').length;"
    )
    assert (centres, fills) == (290, 7)
    assert console_errors(driver) == [] and callback_failures(driver) == []
    rows = driver.execute_script("return document.querySelectorAll('#forbattringsforslag-map-table .ag-row').length;")
    assert rows >= 25  # the table alternative, 25 places per page
    # Choosing Vimmerby through the map's click handler selects it in the filter and the URL.
    driver.execute_script(
        "const graph = document.querySelector('#forbattringsforslag-map .js-plotly-plot');"
        "graph.emit('plotly_click', {points: [{customdata: '0884', curveNumber: 291, data: {}, fullData: {}}]});"
    )
    wait_for(driver, lambda d: "kommun=0884" in search(d), message="the map click did not choose Vimmerby")
    wait_settled(driver)
