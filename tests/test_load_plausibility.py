"""Plausibility warnings: the file is loaded, and the warning names the cell to look at."""

from etl.load import load_paths
from tests.report_files import ECONOMY, write_report


def _report(path, period: str, rows: list[list]):
    return write_report(path, about={"Period": period}, sheets={"Ekonomi": [ECONOMY[0], *rows]})


def _warnings(outcome) -> list[tuple]:
    return [(w.sheet, w.row, w.column, w.header, w.value, w.message) for w in outcome.warnings]


def test_annual_budget_change_against_the_published_previous_month(tmp_path):
    db, archive = tmp_path / "lager.duckdb", tmp_path / "arkiv"
    february = _report(tmp_path / "feb.xlsx", "2025-02", [
        ["2025-02", "Grundskola", -200000, -16000, -16100, -200000],
        ["2025-02", "Förskola", -100000, -8000, -8000, -100000],
    ])  # fmt: skip
    assert load_paths([february], db, archive, workers=1).files[0].warnings == []
    march = _report(tmp_path / "mar.xlsx", "2025-03", [
        ["2025-03", "Grundskola", -280000, -16000, -16300, -280000],
        ["2025-03", "Förskola", -100000, -8000, -8100, -100000],
    ])  # fmt: skip
    april = _report(tmp_path / "apr.xlsx", "2025-04", [
        ["2025-04", "Grundskola", -210000, -16000, -16000, -210000],
        ["2025-04", "Förskola", -100000, -8000, -8000, -100000],
    ])  # fmt: skip
    report = load_paths([march, april], db, archive, workers=1)
    assert [f.status for f in report.files] == ["loaded", "loaded"]
    assert _warnings(report.files[0]) == [
        ("Ekonomi", 2, "C", "Årsbudget", "-280000",
         "Nämndens årsbudget för 2025-03 (\u2212380\u00a0000\u00a0tkr) skiljer sig 27\u00a0% från rapporten för "
         "2025-02 (\u2212300\u00a0000\u00a0tkr). Kontrollera att beloppen är i tkr och gäller hela året."),
    ]  # fmt: skip
    assert _warnings(report.files[1]) == []  # April differs 18 % from March, in the same run: below 20 %


def test_annual_budget_change_between_two_files_of_one_run(tmp_path):
    march = _report(tmp_path / "mar.xlsx", "2025-03", [
        ["2025-03", "Grundskola", -200000, -16000, -16300, -200000],
        ["2025-03", "Förskola", -100000, -8000, -8100, -100000],
    ])  # fmt: skip
    april = _report(tmp_path / "apr.xlsx", "2025-04", [
        ["2025-04", "Grundskola", -500000, -16000, -16000, -500000],
        ["2025-04", "Förskola", -100000, -8000, -8000, -100000],
    ])  # fmt: skip
    report = load_paths([april, march], tmp_path / "lager.duckdb", tmp_path / "arkiv", workers=2)
    assert [f.status for f in report.files] == ["loaded", "loaded"]
    assert _warnings(report.files[0]) == [
        ("Ekonomi", 2, "C", "Årsbudget", "-500000",
         "Nämndens årsbudget för 2025-04 (\u2212600\u00a0000\u00a0tkr) skiljer sig 100\u00a0% från rapporten för "
         "2025-03 (\u2212300\u00a0000\u00a0tkr). Kontrollera att beloppen är i tkr och gäller hela året."),
    ]  # fmt: skip
    assert _warnings(report.files[1]) == []


def test_outcome_more_than_five_times_the_budget_to_date(tmp_path):
    path = _report(tmp_path / "r.xlsx", "2025-T1", [
        ["2025-01", "Grundskola", -300000, -25000, -25500, -300000],
        ["2025-02", "Grundskola", -300000, -25000, -240000, -300000],
        ["2025-01", "Förskola", -100000, -8000, -8000, -100000],
        ["2025-02", "Förskola", -100000, -8000, -9000, -100000],
    ])  # fmt: skip
    report = load_paths([path], tmp_path / "lager.duckdb", tmp_path / "arkiv", workers=1)
    assert report.files[0].status == "loaded"
    assert _warnings(report.files[0]) == [
        ("Ekonomi", 3, "E", "Utfall", "-240000",
         "Utfallet hittills (\u2212265\u00a0500\u00a0tkr) är mer än 5 gånger budgeten hittills "
         "(\u221250\u00a0000\u00a0tkr) på bladet. Kontrollera beloppet: är det skrivet i tkr?"),
    ]  # fmt: skip
