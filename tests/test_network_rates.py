"""The network measure on a small real warehouse: rates, ranking with ties and gaps, leader, targets."""

import pytest

from data import network
from data.formatting import number
from data.network import Period, make_period, target_status
from tests.network_fixture import DEFINITION, build_network


@pytest.fixture
def db(tmp_path, read_from):
    return read_from(build_network(tmp_path / "network.duckdb"))


def test_period_labels():
    assert Period("2025-01", "2025-12").label() == "helår 2025"
    assert Period("2025-01", "2025-10").label() == "hittills i år (jan–okt 2025)"
    assert Period("2025-03", "2025-03").label() == "mars 2025"
    assert Period("2025-03", "2025-10").label() == "mar–okt 2025"
    assert Period("2025-01", "2025-10").n_months == 10


def test_make_period_defaults_and_repairs():
    available = ["2025-03", "2025-02", "2025-01", "2024-12"]
    assert make_period(None, None, available) == Period("2025-01", "2025-03")
    assert make_period("2024-06", "2025-02", available) == Period("2025-01", "2025-02")
    assert make_period("2025-02", "2025-09", available) == Period("2025-02", "2025-03")
    assert make_period(None, "2024-12", available) == Period("2024-01", "2024-12")
    assert make_period(None, None, []) is None


def test_available_months(db):
    assert network.available_months() == ["2025-03", "2025-02", "2025-01", "2024-12"]


def test_ranking_rates_ties_and_incomplete(db):
    result = network.ranking(Period("2025-01", "2025-03"))
    table = [
        (r.rank, r.municipality, r.submitted, r.implemented, r.employees, round(r.per_employee("implemented"), 4))
        for r in result.ranked
    ]
    assert table == [
        (1, "Motala", 30, 12, 80.0, 0.15),
        (2, "Piteå", 90, 40, 300.0, 0.1333),
        (3, "Vimmerby", 30, 12, 100.0, 0.12),
        (3, "Åsele", 10, 6, 50.0, 0.12),
    ]
    piteå = result.ranked[1]
    assert piteå.per_100("submitted") == 30.0
    assert round(piteå.per_100("implemented"), 2) == 13.33
    assert round(piteå.implementation_rate, 2) == 44.44
    assert piteå.departments == 2
    assert piteå.definitions == (DEFINITION,)
    incomplete = {r.municipality: (r.rank, r.missing_months, r.present_months) for r in result.incomplete}
    assert incomplete == {
        "Jönköping": (None, ("2025-01", "2025-02", "2025-03"), ()),
        "Västerås": (None, ("2025-02",), ("2025-01", "2025-03")),
    }
    assert result.common_definition == DEFINITION


def test_ranking_by_submitted_shares_places(db):
    result = network.ranking(Period("2025-01", "2025-03"), "submitted")
    assert [(r.rank, r.municipality) for r in result.ranked] == [
        (1, "Motala"),
        (2, "Piteå"),
        (2, "Vimmerby"),
        (4, "Åsele"),
    ]


def test_leader_and_runner_up_gap(db):
    result = network.ranking(Period("2025-01", "2025-03"), "submitted")
    assert [r.municipality for r in result.leaders] == ["Motala"]
    assert result.runner_up.municipality == "Piteå"
    assert round(result.leader_gap, 6) == 0.016667


def test_target_status_pro_rata(db):
    result = network.ranking(Period("2025-01", "2025-03"))
    by_name = {r.municipality: r for r in result.ranked}
    piteå = result.status(by_name["Piteå"])
    assert (piteå.target, piteå.pro_rata, piteå.on_track) == (0.6, 0.15, False)
    assert round(piteå.difference, 6) == -0.016667
    motala = result.status(by_name["Motala"])
    assert (motala.pro_rata, motala.on_track, round(motala.difference, 6)) == (0.125, True, 0.025)
    assert result.status(by_name["Piteå"], "submitted").pro_rata == 0.25
    assert result.status(by_name["Motala"], "submitted") is None
    assert result.status(by_name["Åsele"]) is None


def test_target_status_edges():
    assert target_status(0.6, 0.6, 12).on_track is True
    assert target_status(None, 0.2, 3) is None
    assert target_status(0.6, None, 3) is None


def test_pro_rata_target_rounds_in_decimal_half_away_from_zero():
    status = target_status(0.13, 0.1, 9)
    assert status.pro_rata == 0.0975
    assert number(status.pro_rata, 3) == "0,098"
    assert number(0.13 * 9 / 12, 3) == "0,097"  # what binary floating point gave


def test_department_drill_down(db):
    rows = network.department_rates(Period("2025-01", "2025-03"), "2581")
    assert [(r.rank, r.department, r.implemented, r.employees) for r in rows] == [
        (1, "Barn- och utbildningsförvaltningen", 15, 100.0),
        (2, "Socialförvaltningen", 25, 200.0),
    ]


def test_single_month_period_shared_lead(db):
    result = network.ranking(Period("2025-02", "2025-02"))
    assert [(r.rank, r.municipality, r.employees) for r in result.ranked][:2] == [
        (1, "Motala", 80.0),
        (1, "Piteå", 300.0),
    ]
    assert [r.municipality for r in result.leaders] == ["Motala", "Piteå"]
    assert result.runner_up.municipality == "Vimmerby"
    assert sorted(r.municipality for r in result.incomplete) == ["Jönköping", "Västerås"]


def test_monthly_and_yearly(db):
    points = network.monthly("2025-01", "2025-03", ["1980"])
    assert [(p.month, p.implemented, p.employees, p.complete) for p in points] == [
        ("2025-01", 500, 1000, True),
        ("2025-02", 0, 0, False),
        ("2025-03", 500, 1000, True),
    ]
    assert [p.municipality for p in network.monthly("2024-12", "2025-01", ["0680", "2463"])] == ["Jönköping", "Åsele"]
    assert points[1].per_100("implemented") is None
    assert points[0].per_100("implemented") == 50.0
    assert [p.median_per_100("implemented") for p in points] == [5.0, 4.5, 4.0]
    years = network.yearly(points)
    assert [(y.year, y.implemented, y.complete_months, y.last_month) for y in years] == [(2025, 1000, 2, 3)]
    assert years[0].per_employee("implemented") == 1.0
