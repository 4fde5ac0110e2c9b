"""Overview figure builders on literal committee summaries."""

from data.overview import CommitteeSummary
from tests.plotted import plotted
from ui.overview import attainment_figure, forecast_deviation_figure


def summary(code, name, forecast=None, annual_budget=None, goals=(0, 0, 0, 0)) -> CommitteeSummary:
    return CommitteeSummary(code, name, forecast is not None, None, *goals, 0, 0, None, None, annual_budget,
                            forecast, None, 0, 0, 0, 0)  # fmt: skip


def test_forecast_deviation_labels_sign_and_missing_report():
    fig = plotted(
        forecast_deviation_figure(
            [
                summary("BUN", "Barn- och utbildningsnämnden", forecast=-1260.0, annual_budget=-1200.0),
                summary("KS", "Kommunstyrelsen", forecast=-900.0, annual_budget=-1000.0),
                summary("SN", "Socialnämnden"),
            ]
        )
    )
    bar = fig.data[0]
    assert list(bar.x) == [-60.0, 100.0, 0]
    assert list(bar.text) == ["▼ \u221260\u00a0tkr<br>underskott", "▲ +100\u00a0tkr<br>överskott", "ingen rapport"]
    assert list(bar.marker.color) == ["#c62828", "#1a7f37", "#6e7781"]


def test_attainment_figure_only_committees_with_goals():
    fig = plotted(
        attainment_figure(
            [summary("BUN", "Barn- och utbildningsnämnden", goals=(1, 1, 1, 0)), summary("SN", "Socialnämnden")]
        )
    )
    assert list(fig.data[0].y) == ["Barn- och utbildningsnämnden"]
    assert [t.x[0] for t in fig.data] == [1, 1, 1, 0]


def test_overview_figures_without_committees_say_so():
    assert plotted(forecast_deviation_figure([])).layout.annotations[0].text == "Inga nämnder"
    assert plotted(attainment_figure([])).layout.annotations[0].text == "Inga mål är bedömda för perioden"
