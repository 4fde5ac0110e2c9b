"""Shared indicators across the network: grouping, ranking with ties, targets, normalisation, Kolada medians."""

import pytest

from data import comparison
from data.comparison import kolada_year, normalisable
from etl import kolada
from tests.network_fixture import ANDEL, build_comparison

KPI = "kpi:N15419"
FAULTS = "namn:antal felanmälningar"


@pytest.fixture
def db(tmp_path, read_from):
    return read_from(build_comparison(tmp_path / "jamforelse.duckdb"))


def test_shared_indicators_by_kpi_or_name(db):
    shared = comparison.shared_indicators()
    assert [(s.key, s.name, s.unit, s.kolada_kpi, s.municipalities, s.periods, s.codes) for s in shared] == [
        (KPI, ANDEL, "%", "N15419", 4, ("2024-T3", "2023-T3"), ("0583", "0884", "1980", "2581")),
        (FAULTS, "Antal felanmälningar", "st", None, 2, ("2025-T1", "2025-03"), ("2463", "2581")),
    ]
    assert [s.normalisable for s in shared] == [False, True]


def test_ranking_ties_targets_and_median(db):
    values = comparison.values(KPI, "2024-T3")
    ranked = comparison.rank(values)
    assert [(v.rank, v.municipality, v.outcome, v.target, v.status) for v in ranked] == [
        (1, "Piteå", 77.0, 80.0, "off_target"),
        (1, "Västerås", 77.0, None, "no_target"),
        (3, "Vimmerby", 76.5, 75.0, "on_target"),
    ]
    unranked = [(v.municipality, v.rank, v.status) for v in values if v.rank is None]
    assert unranked == [("Motala", None, "no_outcome")]
    assert comparison.network_median(values) == 77.0


def test_choose_municipalities_and_all_periods(db):
    values = comparison.values(KPI, None, ["2581", "0884"])
    assert [(v.period, v.municipality, v.outcome) for v in values] == [
        ("2023-T3", "Piteå", 75.0),
        ("2024-T3", "Piteå", 77.0),
        ("2024-T3", "Vimmerby", 76.5),
    ]


def test_lower_is_better_and_normalisation(db):
    values = comparison.values(FAULTS, "2025-03")
    assert [(v.rank, v.municipality) for v in comparison.rank(values)] == [(1, "Åsele"), (2, "Piteå")]
    per_employee = comparison.rank(values, "medarbetare")
    assert [(v.rank, v.municipality, v.employees, v.shown("medarbetare")) for v in per_employee] == [
        (1, "Åsele", 50.0, 3.0),
        (2, "Piteå", 300.0, 4.0),
    ]
    assert round(per_employee[1].target_shown("medarbetare"), 4) == 3.3333
    per_inhabitant = comparison.rank(values, "invanare")
    assert [(v.rank, v.municipality, round(v.shown("invanare"), 3)) for v in per_inhabitant] == [
        (1, "Piteå", 28.169),
        (2, "Åsele", 54.545),
    ]
    assert comparison.network_median(values, "medarbetare") == 3.5


def test_employees_only_when_every_month_is_counted(db):
    values = comparison.values(FAULTS, "2025-T1")
    assert [(v.municipality, v.employees, v.shown("medarbetare")) for v in values] == [("Piteå", None, None)]
    assert comparison.rank(values, "medarbetare") == []


def test_kolada_national_median_and_riket(db, tmp_path):
    path = tmp_path / "k.csv"
    path.write_text(
        "kpi;municipality;period;gender;value\n"
        "N15419;0000;2024;T;74,0\nN15419;2581;2024;T;73,7\nN15419;0884;2024;T;76,0\n"
        "N15419;1980;2024;T;80,0\nN15419;2463;2024;T;\nN15419;2581;2024;K;99\nN15419;2581;2023;T;70\n",
        encoding="utf-8",
    )
    values, problems = kolada.read(path)
    assert problems == []
    kolada.store(values, db, path.name)
    reference = comparison.national_reference("N15419")
    assert reference == {
        "2023": comparison.Reference("2023", 70.0, 1, None),
        "2024": comparison.Reference("2024", 76.0, 3, 74.0),
    }
    assert comparison.national_reference(None) == {}
    assert comparison.national_reference("N00000") == {}


def test_kolada_year_and_normalisable_units():
    assert [kolada_year(p) for p in ("2024", "2024-T3", "2024-T2", "2024-05")] == ["2024", "2024", None, None]
    assert [normalisable(u) for u in ("st", "Antal", "tkr", "%", "poäng", "dagar", "kr/invånare", "", None)] == [
        True, True, True, False, False, False, False, False, False,
    ]  # fmt: skip
    assert normalisable("antal", "Antal barn per årsarbetare") is False
    assert normalisable("antal", "Antal felanmälningar") is True
