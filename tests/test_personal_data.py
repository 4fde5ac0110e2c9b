"""Personal data in free-text cells: a personnummer (valid date and check digit) or an e-mail address warns."""

import json

import pytest

from etl.__main__ import main
from etl.personal import find_personal_data, luhn_ok
from tests.report_files import GOALS, write_report


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kontakta 19121212-1212 om detta", [("personnummer", "121212-****")]),
        ("Elev 121212-1212 har anmält", [("personnummer", "121212-****")]),
        ("pnr 191212121212.", [("personnummer", "121212-****")]),
        ("Född 121212+1212 (över hundra år)", [("personnummer", "121212-****")]),
        ("Samordningsnummer 701072-1236", [("personnummer", "701072-****")]),
        ("Fel kontrollsiffra 121212-1213", []),
        ("Ogiltigt datum 121312-1212", []),
        ("Belopp 1212121212 kr", []),  # ten bare digits: too often an amount or a phone number
        ("Dnr KS 2025/112-1212", []),
        ("Skriv till anna.berg@pitea.se eller bun@kommun.se", [("email", "a…@pitea.se"), ("email", "b…@kommun.se")]),
        ("Mejla support@ i morgon", []),
        (12345, []),
        (None, []),
    ],
)
def test_find_personal_data(text, found):
    assert find_personal_data(text) == found


def test_luhn_check_digit():
    assert (luhn_ok("8112189876"), luhn_ok("8112189875"), luhn_ok("1212121212")) == (True, False, True)


def test_a_personnummer_or_email_in_a_comment_gives_a_located_warning_and_the_file_still_loads(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    goals = [GOALS[0], [*GOALS[1][:6], "Fråga elevens vårdnadshavare, 121212-1212"]]
    about = {"Kontaktroll": "controller@pitea.se"}
    path = write_report(tmp_path / "rapport.xlsx", about=about, sheets={"Mål": goals})
    code = main(["load", str(path), "--db", str(tmp_path / "lager.duckdb"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert (code, out["files"][0]["status"]) == (0, "loaded")
    assert [(w["sheet"], w["row"], w["column"], w["header"], w["value"]) for w in out["files"][0]["warnings"]] == [
        ("Om rapporten", 7, "B", "Kontaktroll", "c…@pitea.se"),
        ("Mål", 2, "G", "Kommentar", "121212-****"),
    ]
    assert out["files"][0]["warnings"][1]["message"] == (
        "Cellen ser ut att innehålla ett personnummer. Rapporter ska inte innehålla personuppgifter: ta bort "
        "uppgiften och lämna in filen igen (en inläst fil kan återkallas med python -m etl withdraw)."
    )
