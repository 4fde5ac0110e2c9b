"""Workbooks handed in on /lamna-in in the tests: a month of Socialnämnden in Piteå on top of the demo."""

from datetime import date
from pathlib import Path

from tests.report_files import write_report

ABOUT_SN = {"Nämnd": "Socialnämnden", "Period": "2026-11", "Rapportdatum": date(2026, 12, 8)}
ECONOMY_SN = [
    ["Månad", "Verksamhet", "Årsbudget", "Budget", "Utfall", "Helårsprognos"],
    ["2026-11", "IFO", -403229, -36187, -36000, -416000],
    ["2026-11", "LSS", -229706, -20615, -21000, -236000],
    ["2026-11", "Ekonomiskt bistånd", -158013, -14181, -14500, -161000],
    ["2026-11", "Missbruksvård", -123739, -11105, -11000, -126000],
]
DEVIATIONS_SN = [
    ["Avvikelse-ID", "Datum", "Typ", "Allvarlighet", "Beskrivning", "Orsak", "Åtgärd", "Ansvarig roll", "Status",
     "Stängd datum"],
    ["SN-AV-90", date(2026, 11, 20), "Verksamhet", "Hög", "Väntetid till LSS-boende", "Brist på platser",
     "Ny upphandling", "Enhetschef", "Öppen", None],
]  # fmt: skip


def good_report(path: Path, about: dict | None = None) -> Path:
    """A valid November report for Socialnämnden (SN) in Piteå (2581); about changes 'Om rapporten' (and the month)."""
    about = {**ABOUT_SN, **(about or {})}
    economy = [ECONOMY_SN[0]] + [[about["Period"], *row[1:]] for row in ECONOMY_SN[1:]]
    return write_report(path, about, {"Ekonomi": economy, "Avvikelser": DEVIATIONS_SN})


def bad_report(path: Path) -> Path:
    """The same report with a text in Utfall (row 3, column E) and an unknown status (Avvikelser row 2, column I)."""
    economy = [list(row) for row in ECONOMY_SN]
    economy[2][4] = "mycket"
    deviations = [list(row) for row in DEVIATIONS_SN]
    deviations[1][8] = "Pågående kanske"
    return write_report(path, ABOUT_SN, {"Ekonomi": economy, "Avvikelser": deviations})
