"""The project pages in Chromium on a small fixture warehouse: Swedish sorting, filters in the URL, the link to a
project's own page, its history (drawn, or told in words when thin) and the formula-safe Excel export."""

import time
from datetime import date

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from tests.browser.harness import axe_violations, callback_failures, console_errors, open_page, wait_settled
from tests.fixtures import build_warehouse, project_row, workbook
from ui.projects import project_href

pytestmark = pytest.mark.browser

HOSTILE = '=HYPERLINK("http://example.invalid","klicka")'


@pytest.fixture
def projekt_db(tmp_path, monkeypatch, app_url):
    """Härnösand January–March 2025; the running app reads this warehouse for the length of one test."""

    def resecentrum(cost, forecast_end, light_time):
        return project_row(
            "P-1", "Nytt resecentrum", cost_to_date=cost, forecast_end=forecast_end, light_time=light_time
        )

    march = [
        resecentrum(700.0, date(2026, 9, 30), "red"),
        project_row("P-2", "Östra hamnen", owner="SBN", cost_to_date=1300.0),
        project_row("P-3", "Ängsskolan", owner="BUN", phase="planning", decision_point="BP1"),
        project_row("P-4", "Åkervägen", owner="SBN", phase="preparation", decision_point=None, decision_date=None),
        project_row("P-5", "Zonplan", phase="closure", decision_point="BP4", final_report="no"),
        project_row("P-6", "Bibliotek", decision_point="BP1"),
        project_row("KS 2025/7", HOSTILE),
        project_row("P-THIN", "Ny simhall"),
    ]
    reports = [
        workbook("2280", "KS", "2025-01", projects=[resecentrum(300.0, date(2026, 6, 30), "green")]),
        workbook("2280", "KS", "2025-02", projects=[resecentrum(500.0, date(2026, 8, 31), "yellow")]),
        workbook("2280", "KS", "2025-03", projects=march),
    ]
    db = build_warehouse(tmp_path / "projekt.duckdb", reports)
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    return db


def grid_column(driver, grid_id: str, column: str) -> list[str]:
    """The shown text of one grid column, in row order."""
    cells = driver.find_elements(By.CSS_SELECTOR, f"#{grid_id} .ag-row[row-index]")
    rows = {}
    for row in cells:
        for cell in row.find_elements(By.CSS_SELECTOR, f"[col-id='{column}']"):
            rows[int(row.get_attribute("row-index"))] = cell.text.strip()
    return [rows[i] for i in sorted(rows)]


def click(driver, element) -> None:
    """Scroll an element to the middle of the window and click it as a user would."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def click_header(driver, grid_id: str, column: str) -> None:
    driver.find_element(By.CSS_SELECTOR, f"#{grid_id} .ag-header-cell[col-id='{column}'] .ag-header-cell-label").click()
    time.sleep(0.3)


def test_portfolio_sorts_in_swedish_and_filters_through_the_url(projekt_db, app_url, driver):
    open_page(driver, f"{app_url}/projekt?kommun=2280&period=2025-03")
    assert grid_column(driver, "projekt-table", "project") == [
        HOSTILE,
        "Bibliotek",
        "Ny simhall",
        "Nytt resecentrum",
        "Zonplan",
        "Åkervägen",
        "Ängsskolan",
        "Östra hamnen",
    ]
    assert grid_column(driver, "projekt-table", "decision_date")[4:6] == ["2025-01-20", "–"]
    click_header(driver, "projekt-table", "project")
    click_header(driver, "projekt-table", "project")
    assert grid_column(driver, "projekt-table", "project")[:4] == ["Östra hamnen", "Ängsskolan", "Åkervägen", "Zonplan"]
    assert grid_column(driver, "projekt-table", "light_time")[:1] == ["● Grön"]
    assert console_errors(driver) == [] and callback_failures(driver) == []

    open_page(driver, f"{app_url}/projekt?kommun=2280&period=2025-03&flagga=over_budget")
    assert grid_column(driver, "projekt-table", "project") == ["Östra hamnen"]
    assert grid_column(driver, "projekt-table", "flags") == ["Kostnad över budget"]
    flagged = driver.find_element(By.ID, "projekt-flagged-list").text
    assert "Kostnaden hittills, 1 300 tkr, är 300 tkr över budget (1 000 tkr, 130 % av budget)." in flagged

    driver.find_element(By.ID, "projekt-flagga").click()
    driver.find_element(
        By.XPATH, "//*[contains(@class,'dash-dropdown-option')][normalize-space()='Alla flaggade projekt']"
    ).click()
    wait_settled(driver)
    assert "flagga=alla" in driver.current_url
    assert grid_column(driver, "projekt-table", "project") == [
        "Bibliotek",
        "Nytt resecentrum",
        "Zonplan",
        "Östra hamnen",
    ]
    assert axe_violations(driver) == []


def test_project_link_opens_its_history(projekt_db, app_url, driver):
    open_page(driver, f"{app_url}/projekt?kommun=2280&period=2025-03")
    click(driver, driver.find_element(By.LINK_TEXT, "Nytt resecentrum"))
    wait_settled(driver)
    assert driver.current_url == f"{app_url}/projekt/P-1?kommun=2280&period=2025-03"
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == "Nytt resecentrum"
    for graph in ("phase", "lights", "cost", "forecast"):
        assert driver.find_elements(By.CSS_SELECTOR, f"#projekt-historik-{graph} .main-svg")
    events = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#projekt-historik-events li")]
    assert events == [
        "2025-01-31: Första rapporten: fas Genomförande, senaste beslutspunkt BP2, prognos slut 2026-06-30.",
        "2025-02-28: Prognos slut flyttad från 2026-06-30 till 2026-08-31 (62 dagar senare).",
        "2025-02-28: Trafikljus tid: Grön → Gul.",
        "2025-03-31: Prognos slut flyttad från 2026-08-31 till 2026-09-30 (30 dagar senare).",
        "2025-03-31: Trafikljus tid: Gul → Röd.",
    ]
    assert grid_column(driver, "projekt-historik-table", "cost_to_date") == ["300 tkr", "500 tkr", "700 tkr"]
    assert console_errors(driver) == [] and callback_failures(driver) == []


def test_thin_history_and_any_project_id_are_handled(projekt_db, app_url, driver):
    open_page(driver, f"{app_url}/projekt/P-THIN?kommun=2280&period=2025-03")
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == "Ny simhall"
    content = driver.find_element(By.ID, "projekt-historik-content").text
    assert (
        "Projektet finns bara i en rapport hittills. En utveckling visas som linje först från 3 rapporter." in content
    )
    assert driver.find_elements(By.CSS_SELECTOR, "#projekt-historik-content .dash-graph") == []

    open_page(driver, app_url + project_href("KS 2025/7", "2280", "2025-03"))
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == HOSTILE

    open_page(driver, f"{app_url}/projekt/P-404?kommun=2280")
    assert "Projektet P-404 finns inte" in driver.find_element(By.ID, "projekt-historik-content").text
    assert console_errors(driver) == [] and callback_failures(driver) == []


def test_export_writes_report_text_as_text(projekt_db, app_url, driver, tmp_path):
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    open_page(driver, f"{app_url}/projekt?kommun=2280&period=2025-03")
    click(driver, driver.find_element(By.ID, "projekt-export"))
    target = tmp_path / "projekt_2280_2025-03.xlsx"
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Projekt", "Flaggor"]
    sheet = book["Projekt"]
    assert [c.value for c in sheet[1]][:4] == ["Projekt-ID", "Projekt", "Ägande nämnd", "Fas"]
    hostile = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "KS 2025/7")
    assert (hostile[1].value, hostile[1].data_type, hostile[1].quotePrefix) == (HOSTILE, "s", True)
    over = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "P-2")
    assert [over[i].value for i in (9, 10, 11, 15)] == [1000, 1300, 130, 0]
    flags = [[c.value for c in row] for row in book["Flaggor"].iter_rows(min_row=2)]
    assert ["P-5", "Zonplan", "Avslutat utan slutrapport"] in [f[:3] for f in flags]
