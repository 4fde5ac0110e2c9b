"""Figure builders of the network pages: what the user reads in each chart, on the small network warehouse."""

import pytest

from data import network
from data.comparison import Reference, Value
from data.network import Period
from tests.network_fixture import build_network
from tests.plotted import plotted
from ui import network as figures

Q1 = Period("2025-01", "2025-03")


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(build_network(tmp_path / "n.duckdb")))


def test_ranking_figure_marks_leader_and_targets(db):
    fig = plotted(figures.ranking_figure(network.ranking(Q1)))
    bars, targets = fig.data
    assert list(bars.y) == ["1. Motala ★ Ledare", "2. Piteå", "3. Vimmerby", "3. Åsele"]
    assert list(bars.text) == ["15,0", "13,3", "12,0", "12,0"]
    assert bars.marker.color[0] != bars.marker.color[1]
    assert list(bars.customdata[1]) == ["300", "Månadsavlönade den 1:a i månaden"]
    assert list(targets.y) == ["1. Motala ★ Ledare", "2. Piteå"]
    assert [round(x, 2) for x in targets.x] == [12.5, 15.0]
    assert fig.layout.title.text == "Genomförda förslag per 100 medarbetare, hittills i år (jan–mar 2025)"


def test_ranking_figure_annualised_says_so(db):
    fig = plotted(figures.ranking_figure(network.ranking(Q1, "submitted"), annualised=True))
    assert fig.layout.title.text == (
        "Inlämnade förslag per 100 medarbetare, hittills i år (jan–mar 2025), omräknat till helårstakt"
    )
    assert list(fig.data[0].text)[:2] == ["150,0", "120,0"]


def test_trend_figure_has_median_and_gaps(db):
    points = network.monthly(Q1.first, Q1.last)
    fig = plotted(figures.trend_figure(points, "implemented", ["1980"]))
    median, västerås = fig.data
    assert median.name == "Nätverkets median"
    assert [round(y, 2) for y in median.y] == [5.0, 4.5, 4.0]
    assert list(västerås.y) == [50.0, None, 50.0]


def test_yearly_figure_labels_partial_year(db):
    years = network.yearly(network.monthly(Q1.first, Q1.last))
    fig = plotted(figures.yearly_figure(years, "implemented", ["2581", "0583"]))
    assert [(t.name, list(t.x), list(t.text)) for t in fig.data] == [
        ("Piteå", ["2025 (jan–mar)"], ["0,13"]),
        ("Motala", ["2025 (jan–mar)"], ["0,15"]),
    ]


def test_department_figure(db):
    fig = plotted(figures.department_figure(network.department_rates(Q1, "2581"), "implemented", "Piteå"))
    assert list(fig.data[0].y) == ["Barn- och utbildningsförvaltningen", "Socialförvaltningen"]
    assert list(fig.data[0].text) == ["15,0", "12,5"]


def test_empty_figures_say_why():
    assert plotted(
        figures.ranking_figure(network.Ranking(Q1, "implemented", [], [], [], None, None))
    ).layout.annotations[0].text == ("Ingen kommun har fullständiga uppgifter för perioden")
    assert plotted(figures.distribution_figure([], "", None, None)).layout.annotations[0].text == (
        "Fördelningen kräver värden från minst två kommuner"
    )


def value(code, name, outcome, target, period="2024-T3", rank=None) -> Value:
    return Value(code, name, "BUN", "B-1", "Andel", "%", "higher", target, "N15419", period, outcome, None, None, rank)


def test_comparison_figures_show_target_median_and_national():
    items = [value("2581", "Piteå", 77.0, 80.0, rank=1), value("0884", "Vimmerby", 76.5, None, rank=2)]
    national = Reference("2024", 76.0, 290, 74.0)
    fig = plotted(figures.comparison_ranking_figure(items, "", 76.75, national))
    assert [t.name for t in fig.data] == [
        "Utfall",
        "Kommunens eget målvärde",
        "Nätverkets median 76,8",
        "Rikets kommunmedian 76,0 (Kolada)",
    ]
    assert list(fig.data[0].y) == ["1. Piteå", "2. Vimmerby"]
    assert list(fig.data[1].x) == [80.0]
    assert fig.layout.title.text == "Rangordning (högre är bättre)"
    box = plotted(figures.distribution_figure(items, "", 76.75, None))
    assert list(box.data[0].text) == ["Piteå", "Vimmerby"]
    trend = plotted(
        figures.comparison_trend_figure([*items, value("2581", "Piteå", 75.0, 80.0, "2023-T3")], "", {"2024": national})
    )
    assert [(t.name, list(t.x), list(t.y)) for t in trend.data] == [
        ("Piteå", ["2023-T3", "2024-T3"], [75.0, 77.0]),
        ("Vimmerby", ["2023-T3", "2024-T3"], [None, 76.5]),
        ("Rikets kommunmedian (Kolada, helår)", ["2023-T3", "2024-T3"], [None, 76.0]),
    ]


def test_comparison_trend_with_many_municipalities_draws_median_and_middle_half():
    items = [
        value(f"{i:04d}", f"Kommun {i:02d}", float(i), None, period) for i in range(1, 14) for period in ("A", "B")
    ]
    fig = plotted(figures.comparison_trend_figure(items, "", {}))
    assert [t.name for t in fig.data] == [None, "Mittersta hälften av kommunerna", "Nätverkets median"]
    assert list(fig.data[2].y) == [7.0, 7.0]
    assert list(fig.data[0].y) == [3.5, 3.5]
    assert list(fig.data[1].y) == [10.5, 10.5]
    assert fig.layout.title.text == "Över tid: 13 kommuner (välj kommuner för egna linjer)"
