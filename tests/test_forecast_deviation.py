"""One forecast-deviation chart for Översikt and Ekonomi: one rounding, one "i balans" rule (issue 11)."""

from data.economy import EconomyRow
from data.overview import CommitteeSummary
from tests.plotted import plotted
from ui.economy import committee_deviation_figure
from ui.overview import forecast_deviation_figure


def overview_bar(forecast: float):
    summary = CommitteeSummary("BUN", "Barn- och utbildningsnämnden", True, None, 0, 0, 0, 0, 0, 0, None, None,
                               -1200.0, forecast, None, 0, 0, 0, 0)  # fmt: skip
    return plotted(forecast_deviation_figure([summary])).data[0]


def economy_bar(forecast: float):
    row = EconomyRow("committee", "BUN", "Barn- och utbildningsnämnden", None, True, -1200.0, -600.0, -600.0, forecast)
    return plotted(committee_deviation_figure([row])).data[0]


def test_a_deviation_of_minus_0_3_tkr_is_in_balance_in_grey_on_both_pages():
    for bar in (overview_bar(-1200.3), economy_bar(-1200.3)):
        assert list(bar.text) == ["● 0\u00a0tkr<br>i balans"]
        assert list(bar.marker.color) == ["#4d4d4d"]
        assert list(bar.marker.pattern.shape) == [""]


def test_half_a_tkr_rounds_away_from_zero_to_an_underskott_on_both_pages():
    for bar in (overview_bar(-1200.5), economy_bar(-1200.5)):
        assert list(bar.text) == ["▼ −1\u00a0tkr<br>underskott"]
        assert list(bar.marker.color) == ["#c62828"]
        assert list(bar.marker.pattern.shape) == ["x"]
