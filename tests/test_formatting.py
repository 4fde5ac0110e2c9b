"""Swedish formats users read everywhere: numbers, percent, tkr, dates."""

from datetime import date, datetime

from data.formatting import iso_date, number, percent, tkr

NBSP, MINUS = "\u00a0", "\u2212"


def test_numbers_use_swedish_separators_and_a_real_minus():
    assert number(1234567.891, 1) == f"1{NBSP}234{NBSP}567,9"
    assert number(-12.5, 1) == f"{MINUS}12,5"
    assert number(3, signed=True) == "+3"
    assert number(None) == "–"


def test_halves_round_away_from_zero_as_in_the_grid():
    # assets/dashAgGridFunctions.js formats with Number.toFixed, which rounds halves away from zero.
    assert [number(-1234.5), number(2.5), number(12.25, 1), number(-0.5)] == [
        f"{MINUS}1{NBSP}235",
        "3",
        "12,3",
        f"{MINUS}1",
    ]


def test_zero_is_never_negative():
    assert number(-0.04, 1) == "0,0"


def test_percent_tkr_and_dates():
    assert percent(-12.0) == f"{MINUS}12{NBSP}%"
    assert tkr(-1677.4) == f"{MINUS}1{NBSP}677{NBSP}tkr"
    assert iso_date(date(2025, 3, 31)) == "2025-03-31"
    assert iso_date(datetime(2025, 3, 31, 7, 5)) == "2025-03-31 07:05"


def test_count_uses_singular_for_one():
    from data.formatting import count

    assert count(1, "nämnd", "nämnder") == "1 nämnd"
    assert count(2, "nämnd", "nämnder") == "2 nämnder"
    assert count(1234, "kommun", "kommuner") == "1\u00a0234 kommuner"
    assert count(-1, "dag", "dagar", signed=True) == "\u22121 dag"
    assert count(14, "dag", "dagar", signed=True) == "+14 dagar"
