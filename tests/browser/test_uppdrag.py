"""/uppdrag in real Chromium on the demo warehouse (Piteå, October 2026): filters from the URL and the controls,
meeting lists, per-committee figures and the Excel export."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    grid_rows,
    kpi_values,
    open_page,
    wait_settled,
)
from tests.fixtures import PITEA_COMMITTEES
from ui.assignments import EXPORT_HEADERS

pytestmark = pytest.mark.browser

PITEA_OVERDUE = [
    ("KS 2023/402", "Kommunstyrelsen", "2024-03-31"),
    ("KS 2024/156", "Samhällsbyggnadsnämnden", "2025-04-30"),
    ("KS 2024/551", "Kultur- och fritidsnämnden", "2025-04-30"),
    ("KS 2024/86", "Kultur- och fritidsnämnden", "2025-07-31"),
    ("KS 2025/173", "Kultur- och fritidsnämnden", "2026-02-28"),
    ("KS 2025/245", "Kommunstyrelsen", "2026-07-31"),
    ("KS 2025/363", "Miljö- och byggnämnden", "2026-07-31"),
    ("KS 2025/353", "Samhällsbyggnadsnämnden", "2026-09-30"),
    ("KS 2025/388", "Kommunstyrelsen", "2026-09-30"),
]


def _rows(driver, grid: str, columns: list[str]) -> list[list[str]]:
    return grid_rows(driver, grid, columns)


def _kpis(driver) -> dict[str, str]:
    return kpi_values(driver, "uppdrag-kpis")


def test_state_filter_from_the_url(app_url, driver):
    open_page(driver, app_url + "/uppdrag?kommun=2581&status=overdue")
    rows = _rows(driver, "uppdrag-table", ["case_number", "recipient", "due_date", "state"])
    assert [tuple(r[:3]) for r in rows] == PITEA_OVERDUE
    assert {r[3] for r in rows} == {"Försenat"}
    assert _kpis(driver) == {
        "Uppdrag i urvalet": "9",
        "Försenat": "9",
        "Klart, ej återrapporterat": "0",
        "Att återrapportera vid nästa KF": "9",
    }
    assert driver.find_element("id", "uppdrag-asof").text.startswith("Läget den 2026-10-31.")
    assert console_errors(driver) == []
    assert callback_failures(driver) == []


def test_meeting_lists_and_committee_summary(app_url, driver):
    open_page(driver, app_url + "/uppdrag?kommun=2581")
    headings = [h.text for h in driver.find_elements("css selector", "#uppdrag-meetings h3")]
    assert headings == [
        "Att återrapportera vid nästa sammanträde 2026-11-23 (22)",
        "Uteblev vid förra sammanträdet 2026-10-26 (21)",
    ]
    summary = _rows(driver, "uppdrag-committees", ["committee", "total", "overdue", "on_time_percent"])
    assert summary[1] == ["Kommunstyrelsen", "15", "3", "78\u00a0%"]
    assert [r[0] for r in summary] == PITEA_COMMITTEES
    link = driver.find_element("id", "uppdrag-sammantrade").get_attribute("href")
    assert link.endswith("/sammantrade?kommun=2581&period=2026-10&mote=2026-11-23")
    assert axe_violations(driver) == []


def test_choosing_a_state_filters_and_goes_into_the_url(app_url, driver):
    open_page(driver, app_url + "/uppdrag?kommun=2581")
    driver.find_element("css selector", "#uppdrag-status").click()
    option = next(
        o
        for o in driver.find_elements("css selector", ".dash-dropdown-option")
        if o.text == "Klart, ej återrapporterat"
    )
    option.click()
    time.sleep(0.3)
    wait_settled(driver)
    assert parse_qs(urlparse(driver.current_url).query)["status"] == ["done_not_reported"]
    states = {r[0] for r in _rows(driver, "uppdrag-table", ["state"])}
    assert states == {"Klart, ej återrapporterat"}
    assert _kpis(driver)["Uppdrag i urvalet"] == "12"


def test_excel_export_of_the_selection(app_url, driver, tmp_path):
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_page(driver, app_url + "/uppdrag?kommun=2581&status=overdue")
    # A DOM click: the page's height still shifts while the grids lay out, which can make a pointer click miss.
    driver.execute_script("arguments[0].click();", driver.find_element("id", "uppdrag-export"))
    target = tmp_path / "uppdrag_2581_2026-10.xlsx"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    sheet = load_workbook(target)["Uppdrag"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == EXPORT_HEADERS
    assert [(r[0], r[5], r[6].date().isoformat(), r[8]) for r in rows[1:]] == [
        (case, name, due, "Försenat") for case, name, due in PITEA_OVERDUE
    ]


def test_decided_by_and_year_from_the_url(app_url, driver):
    open_page(driver, app_url + "/uppdrag?kommun=2581&beslutat=KF&ar=2025")
    rows = _rows(driver, "uppdrag-table", ["case_number", "decided_by", "decision_date"])
    assert [r[0] for r in rows] == ["KS 2025/192", "KS 2025/326", "KS 2025/388", "KS 2025/340"]
    assert {r[1] for r in rows} == {"KF"}
    assert {r[2][:4] for r in rows} == {"2025"}
    assert _kpis(driver)["Uppdrag i urvalet"] == "4"
