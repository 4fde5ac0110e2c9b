"""/rapportlage in real Chromium on the demo warehouse: states in words, sorting, filters in the URL, the link from
Översikt, the export. The demo's reports come on their report dates against a deadline on the 10th (SN later)."""

import base64
import io
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    full_page_screenshot,
    grid_rows,
    kpi_values,
    open_page,
    select_option,
    wait_for,
    wait_settled,
)

pytestmark = pytest.mark.browser

COLUMNS = ["committee", "period", "deadline", "state_text", "submitted"]


def _rows(driver, columns=COLUMNS) -> list[list[str]]:
    return grid_rows(driver, "rapportlage-table", columns)


def test_one_month_shows_on_time_late_and_overdue_reports_in_words(app_url, driver):
    open_page(driver, app_url + "/rapportlage?kommun=1980&period=2026-10&visa=manad")
    rows = _rows(driver)
    assert [r[:3] for r in rows][:3] == [
        ["Barn- och ungdomsnämnden", "2026-10", "2026-11-10"],
        ["Byggnadsnämnden", "2026-10", "2026-11-10"],
        ["Individ- och familjenämnden", "2026-10", "2026-11-10"],
    ]
    missing = next(r for r in rows if r[0] == "Byggnadsnämnden")
    assert (missing[3].startswith("✖ Saknas, försenad "), missing[4]) == (True, "–")
    assert kpi_values(driver, "rapportlage-kpis")["Saknas, försenad"] == "✖ 1"
    full_page_screenshot(driver, "rapportlage")
    assert axe_violations(driver) == []
    assert console_errors(driver) == []
    assert callback_failures(driver) == []


def test_a_state_filter_and_sorting_by_days_late(app_url, driver):
    open_page(driver, app_url + "/rapportlage?kommun=2581&period=2026-06")
    select_option(driver, "rapportlage-status", "Inlämnad sent")
    wait_for(driver, lambda d: "status=late" in d.current_url, message="status not in the URL")
    wait_settled(driver)
    rows = _rows(driver, ["state_text", "days"])
    assert rows and all(r[0].startswith("◆ Inlämnad sent, ") for r in rows)
    query = parse_qs(urlparse(driver.current_url).query)
    assert (query["kommun"], query["period"], query["status"]) == (["2581"], ["2026-06"], ["late"])
    header = driver.find_element("css selector", "#rapportlage-table .ag-header-cell[col-id='days']")
    header.click()
    header.click()  # descending: the latest first
    wait_settled(driver)
    days = [int(r[1].split()[0]) for r in _rows(driver, ["state_text", "days"])]
    assert days == sorted(days, reverse=True)
    assert console_errors(driver) == []


def test_oversikt_links_its_reported_count_to_the_month_on_rapportlage(app_url, driver):
    open_page(driver, app_url + "/?kommun=1980&period=2026-10")
    card = next(
        c
        for c in driver.find_elements("css selector", "#oversikt-kpis .kpi-card")
        if c.find_element("css selector", ".kpi-label").text == "Nämnder som rapporterat"
    )
    link = card.find_element("css selector", ".kpi-value a")
    assert parse_qs(urlparse(link.get_attribute("href")).query) == {
        "kommun": ["1980"],
        "period": ["2026-10"],
        "visa": ["manad"],
    }
    link.click()
    wait_for(driver, lambda d: "/rapportlage" in d.current_url)
    wait_settled(driver)
    assert driver.find_element("id", "rapportlage-scope").text.endswith("perioder som slutar i oktober 2026.")


def test_the_export_is_the_list_as_shown(app_url):
    from pages import rapportlage

    download = rapportlage.export(1, "1980", "2026-10", "manad", "overdue")
    assert download["filename"] == "rapportlage_1980_2026-10.xlsx"
    sheet = load_workbook(io.BytesIO(base64.b64decode(download["content"])))["Rapportläge"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Nämnd", "Period", "Sista dag", "Rapportläge", "Dagar sent", "Inlämnad", "Nästa KS", "Nästa KF", "Rapportdatum",
    )  # fmt: skip
    assert [r[:3] for r in rows[1:]] == [("Byggnadsnämnden", "2026-10", "2026-11-10")]
