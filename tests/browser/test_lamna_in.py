"""/lamna-in in real Chromium: hand in a bad file (located errors), a good one (preview), publish, then withdraw.

The app server of the browser suite runs in this process, so pointing STYRKEDJAN_DB at a copy of the demo warehouse
for this test points the server there too; the shared demo warehouse is never changed.
"""

import pytest
import requests
from openpyxl import load_workbook

from tests.browser.harness import (
    axe_violations,
    callback_failures,
    console_errors,
    full_page_screenshot,
    open_page,
    wait_for,
    wait_settled,
)
from tests.intake_files import bad_report, good_report

pytestmark = pytest.mark.browser


@pytest.fixture
def own_warehouse(demo_path, tmp_path, monkeypatch):
    """A copy of the demo warehouse, archive and upload folder for this test only."""
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(demo_path.read_bytes())
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "archive"))
    monkeypatch.setenv("STYRKEDJAN_UPLOADS", str(tmp_path / "uploads"))
    return db


def hand_in(driver, path) -> None:
    """Choose a file with the page's picker, as a keyboard user does with 'Välj filer …'."""
    driver.find_element("id", "lamna-in-valj").send_keys("\n")
    picker = wait_for(driver, lambda d: d.find_elements("css selector", "#lamna-in-drop input[type=file]"))[0]
    picker.send_keys(str(path))


def live_text(driver, selector: str) -> str:
    """innerText of the first match, read in one script call (the page re-renders its parts while it polls)."""
    return driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector
    )


def press(driver, element) -> None:
    """Click a button in the page (a full-page screenshot leaves Chromium's hit testing at the captured size)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)


def card_text(driver, name: str, expected: str, timeout: float = 60) -> str:
    def found(d):
        texts = d.execute_script("return [...document.querySelectorAll('.intake-card')].map((c) => c.innerText);")
        return next((t for t in texts if t.startswith(name) and expected in t), None)

    return wait_for(driver, found, timeout, message=f"{name}: no {expected!r}")


def test_hand_in_see_errors_preview_publish_and_withdraw(driver, app_url, own_warehouse, tmp_path, monkeypatch):
    open_page(driver, app_url + "/lamna-in?kommun=2581&namnd=SN")
    assert (
        driver.find_element("id", "lamna-in-mall").get_attribute("href").endswith("/lamna-in/mall?kommun=2581&namnd=SN")
    )
    before = own_warehouse.read_bytes()

    monkeypatch.setenv("STYRKEDJAN_MAX_UPLOAD_MB", "0.005")  # 5 KB: the good report (6.5 KB) is too big
    hand_in(driver, good_report(tmp_path / "for-stor.xlsx"))
    assert card_text(driver, "for-stor.xlsx", "gränsen") == (
        "for-stor.xlsx\n\nFilen är 0,0\u00a0MB, större än gränsen 0,0\u00a0MB. Ta bort bilder och blad som inte hör "
        "till rapporten, eller dela upp den."
    )
    assert not any((tmp_path / "uploads").glob("*"))
    monkeypatch.delenv("STYRKEDJAN_MAX_UPLOAD_MB")

    hand_in(driver, bad_report(tmp_path / "fel.xlsx"))
    text = card_text(driver, "fel.xlsx", "Vad du gör")
    assert "Filen lästes inte in: rätta felen nedan och lämna in den igen. Det publicerade är oförändrat." in text
    wait_settled(driver)
    rows = driver.execute_script(
        "return [...document.querySelectorAll('.intake-card tbody tr')]"
        ".map((r) => [...r.querySelectorAll('td')].map((c) => c.innerText));"
    )
    assert [r[:6] for r in rows] == [
        ["Fel", "Ekonomi", "3", "E", "Utfall", "mycket"],
        ["Fel", "Avvikelser", "2", "I", "Status", "Pågående kanske"],
        ["Varning", "Ekonomi", "2", "C", "Årsbudget", "-403229"],
    ]
    link = driver.find_element("css selector", "a[download]").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    (tmp_path / "granskad.xlsx").write_bytes(requests.get(link, cookies=cookies, timeout=10).content)
    assert load_workbook(tmp_path / "granskad.xlsx")["Ekonomi"]["E3"].comment.text.startswith("Fel: Skriv ett tal")
    assert own_warehouse.read_bytes() == before
    wait_settled(driver)
    assert axe_violations(driver) == []
    full_page_screenshot(driver, "lamna-in-fel")

    hand_in(driver, good_report(tmp_path / "2581_SN_2026-11.xlsx"))
    text = card_text(driver, "2581_SN_2026-11.xlsx", "Publicera")
    assert "Ny period för Socialnämnden i Piteå, period 2026-11." in text
    assert "Budgetavvikelse hittills i år\t–\t−25\u00a0593\u00a0tkr" in text
    assert "Öppna avvikelser\t2\t3" in text
    wait_settled(driver)
    assert axe_violations(driver) == []
    full_page_screenshot(driver, "lamna-in-forhandsvisning")

    press(driver, driver.find_element("css selector", "button[id*='lamna-in-publicera']"))
    text = card_text(driver, "2581_SN_2026-11.xlsx", "Dataversion")
    assert "Publicerat. Sidorna visar de nya uppgifterna från och med nästa sidvisning." in text
    submission = driver.find_element("css selector", ".intake-receipt-id").text
    wait_for(driver, lambda d: submission in live_text(d, "#lamna-in-historik-tabell"))
    wait_settled(driver)
    full_page_screenshot(driver, "lamna-in-kvitto")
    open_page(driver, app_url + "/ekonomi?kommun=2581&period=2026-11&namnd=SN")
    economy = driver.find_element("id", "main").text.replace("\u00a0", " ")  # November exists only after publishing
    assert "Utfall hittills i år\n−850 376 tkr\nBudget hittills −824 783 tkr" in economy
    open_page(driver, app_url + "/lamna-in?kommun=2581&namnd=SN")

    assert live_text(driver, "#lamna-in-historik-tabell tbody tr").startswith(
        f"{submission}\t2026-11\t2581_SN_2026-11.xlsx"
    )
    press(driver, driver.find_element("css selector", "#lamna-in-historik-tabell tbody tr button"))
    reason = wait_for(driver, lambda d: d.find_elements("id", "lamna-in-skal"))[0]
    reason.send_keys("Fel månad i filen")
    press(driver, driver.find_element("id", "lamna-in-bekrafta"))
    done = wait_for(driver, lambda d: d.find_elements("id", "lamna-in-aterkallad"), 30)[0]
    assert done.text.startswith(f"Inlämning {submission} är återkallad. Publicerat som dataversion ")
    wait_for(driver, lambda d: "Återkallad" in live_text(d, "#lamna-in-historik-tabell"))
    assert "Fel månad i filen" in live_text(driver, "#lamna-in-historik-tabell")
    assert console_errors(driver) == []
    assert callback_failures(driver) == []
