"""Economy figure builders: pure functions, literal expectations."""

from data.economy import EconomyRow, ForecastPoint, MonthPoint, mark_streaks
from tests.plotted import plotted
from ui import economy as ef


def test_deviation_text_says_the_sign_in_words():
    assert ef.deviation_text(-50.0) == "▼ −50\u00a0tkr underskott"
    assert ef.deviation_text(1234.5) == "▲ +1\u00a0235\u00a0tkr överskott"  # halves away from zero, as the grid
    assert ef.deviation_text(-0.5) == "▼ −1\u00a0tkr underskott"  # never "−1 tkr i balans"
    assert ef.deviation_text(0.2) == "● 0\u00a0tkr i balans"
    assert ef.deviation_text(None) == "–"


def test_forecast_history_marks_the_worsening_committee():
    history = mark_streaks(
        [
            ("BUN", "2025-06", -1800, -1810),
            ("BUN", "2025-07", -1800, -1820),
            ("BUN", "2025-08", -1800, -1830),
            ("BUN", "2025-09", -1800, -1850),
            ("SN", "2025-09", -2400, -2390),
        ]
    )
    fig = plotted(
        ef.forecast_history_figure(history, {"BUN": "Barn- och utbildningsnämnden", "SN": "Socialnämnden"}, "2025")
    )
    names = [t.name for t in fig.data]
    assert names == ["Barn- och utbildningsnämnden", "Socialnämnden", None, "Prognosen försämrad tre månader i rad"]
    assert list(fig.data[0].y) == [-10.0, -20.0, -30.0, -50.0]
    # The band covers the whole run: the month before the first worsening through September.
    assert list(fig.data[2].x) == ["jun", "jul", "aug", "sep"]
    assert fig.data[2].showlegend is False
    assert list(fig.data[3].x) == ["sep"]
    assert fig.data[3].marker.symbol == "triangle-down"
    assert [a.text for a in fig.layout.annotations] == [
        "▼ Barn- och utbildningsnämnden: försämrad 3 mån i rad",
        "▲ över 0: överskott",
        "▼ under 0: underskott",
    ]


def test_a_long_run_is_labelled_once_at_its_end():
    rows = [("SBN", f"2025-{m:02d}", -100, -100 - m) for m in range(1, 8)]
    fig = plotted(ef.forecast_history_figure(mark_streaks(rows), {"SBN": "SBN"}, "2025"))
    assert list(fig.data[-1].x) == ["apr", "maj", "jun", "jul"]  # every flagged month has its marker
    assert list(fig.data[1].x) == ["jan", "feb", "mar", "apr", "maj", "jun", "jul"]  # one band for the run
    assert [a.text for a in fig.layout.annotations][:1] == ["▼ SBN: försämrad 6 mån i rad"]


def test_forecast_history_without_data_says_so():
    fig = plotted(ef.forecast_history_figure([], {}, "2025"))
    assert fig.layout.annotations[0].text == "Inga prognoser rapporterade i år"


def test_budget_curve_ends_with_annual_budget_and_forecast():
    points = [
        MonthPoint("2025-08", -350, -340, -650, -650, -4200, -4210),
        MonthPoint("2025-09", -350, -370, -1000, -1020, -4200, -4240),
    ]
    fig = plotted(ef.budget_curve_figure(points, "2025"))
    assert list(fig.data[0].y) == [-650, -1000]
    assert list(fig.data[1].y) == [-650, -1020]
    assert list(fig.data[2].text) == ["Årsbudget −4\u00a0200\u00a0tkr", "Prognos −4\u00a0240\u00a0tkr"]
    assert list(fig.layout.xaxis.categoryarray)[:3] == ["jan", "feb", "mar"]


def test_committee_bars_colour_and_label_each_sign():
    rows = [
        EconomyRow("committee", "BUN", "BUN-namn", None, True, -1800, -600, -635, -1850),
        EconomyRow("committee", "SN", "SN-namn", None, True, -2400, -400, -385, -2390),
        EconomyRow("committee", "KS", "KS-namn", None, False, None, None, None, None),
    ]
    bar = plotted(ef.committee_deviation_figure(rows)).data[0]
    assert list(bar.y) == ["BUN-namn", "SN-namn"]
    assert list(bar.text) == ["▼ −50\u00a0tkr<br>underskott", "▲ +10\u00a0tkr<br>överskott"]
    assert list(bar.marker.color) == ["#c62828", "#1a7f37"]


def test_forecast_point_flag_needs_three():
    assert ForecastPoint("A", "2025-09", -100, -130, 2).flagged is False
    assert ForecastPoint("A", "2025-09", -100, -130, 3).flagged is True


def test_a_run_that_ended_keeps_markers_but_no_label():
    forecasts = (-100, -110, -120, -130, -120, -110)
    rows = [("SN", f"2025-{m:02d}", -100, f) for m, f in enumerate(forecasts, start=1)]
    rows += [("KS", "2025-06", -100, -100)]
    fig = plotted(ef.forecast_history_figure(mark_streaks(rows), {"SN": "SN", "KS": "KS"}, "2025"))
    assert list(fig.data[-1].x) == ["apr"]
    assert [a.text for a in fig.layout.annotations] == ["▲ över 0: överskott", "▼ under 0: underskott"]
