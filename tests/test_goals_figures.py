"""Goal figure builders: pure functions from data to go.Figure, checked on literal inputs."""

from datetime import date

from data.goals import Goal, Indicator, IndicatorPoint
from tests.plotted import plotted
from ui.goals import (
    attainment_bars,
    attainment_by_perspective,
    chain_figure,
    indicator_figure,
    trend_figure,
)


def goal(goal_id, assessment, council="KF-1", committee="BUN") -> Goal:
    return Goal(committee, "Barn- och utbildningsnämnden", council, f"Fullmäktigemål {council}", goal_id,
                f"Mål {goal_id}", "citizen", assessment, None, "2025-T1", None, None)  # fmt: skip


def test_attainment_bars_stack_every_assessment_with_symbol_and_word():
    fig = plotted(attainment_bars({"BUN": {"met": 2, "partly_met": 1, "not_met": 0, "not_assessed": 1}}))
    assert [t.name for t in fig.data] == ["✔ Uppfyllt", "◐ Delvis uppfyllt", "✖ Ej uppfyllt", "○ Ej bedömt"]
    assert [t.x[0] for t in fig.data] == [2, 1, 0, 1]
    assert [t.text[0] for t in fig.data] == ["2", "1", "", "1"]
    assert fig.layout.barmode == "stack"
    assert [t.marker.pattern.shape for t in fig.data] == ["", "/", "x", "."]


def test_attainment_bars_without_goals_say_so():
    fig = plotted(attainment_bars({}))
    assert fig.layout.annotations[0].text == "Inga mål är bedömda för perioden"


def test_perspectives_in_usual_order_and_in_swedish():
    counts = {p: {"met": 1, "partly_met": 0, "not_met": 0, "not_assessed": 0} for p in ("economy", "citizen")}
    fig = plotted(attainment_by_perspective(counts))
    assert list(fig.data[0].y) == ["Medborgare", "Ekonomi"]


def test_trend_shows_shares_per_period():
    fig = plotted(
        trend_figure(
            {
                "2024-12": {"met": 1, "partly_met": 2, "not_met": 0, "not_assessed": 1},
                "2025-04": {"met": 2, "partly_met": 0, "not_met": 0, "not_assessed": 0},
            }
        )
    )
    assert list(fig.data[0].x) == ["december 2024", "april 2025"]
    assert list(fig.data[0].y) == [25.0, 100.0]
    assert list(fig.data[0].text) == ["25\u00a0%", "100\u00a0%"]
    assert list(fig.data[3].customdata) == [1, 0]


def test_chain_treemap_links_council_goals_goals_and_indicators():
    goals = [goal("G1", "met"), goal("G2", "not_met"), goal("G3", "partly_met", council="KF-2")]
    indicators = [Indicator("BUN", "I1", "G1", "Andel godkända", "%", "higher", 80.0, None, "2024", 70.0)]
    trace = plotted(chain_figure(goals, indicators)).data[0]
    assert list(trace.ids) == ["KF-1", "KF-2", "KF-1/BUN/G1", "KF-1/BUN/G2", "KF-2/BUN/G3", "KF-1/BUN/G1/I1"]
    assert list(trace.parents) == ["", "", "KF-1", "KF-1", "KF-2", "KF-1/BUN/G1"]
    assert list(trace.marker.colors) == ["#0b3d6e", "#0b3d6e", "#1a7f37", "#c62828", "#9a6700", "#c62828"]
    assert trace.labels[2].startswith("✔ Uppfyllt<br><b>G1</b>")
    assert trace.hovertext[5] == "Indikator I1: Andel godkända – Når inte målvärdet"


def test_report_text_in_the_chain_stays_text():
    hostile = Goal("BUN", "Barn- och utbildningsnämnden", "KF-1", 'Se <a href="https://x.se">länk</a>', "G1",
                   "<b>Fet</b> mål", "citizen", "met", None, "2025-T1", None, None)  # fmt: skip
    trace = plotted(chain_figure([hostile], [])).data[0]
    assert trace.labels[0] == '<b>KF-1</b> Se &lt;a href="https://x.se"&gt;länk&lt;/a&gt;'
    assert trace.labels[1] == "✔ Uppfyllt<br><b>G1</b> &lt;b&gt;Fet&lt;/b&gt; mål"
    assert trace.hovertext[1] == "Barn- och utbildningsnämnden: &lt;b&gt;Fet&lt;/b&gt; mål – Uppfyllt"


def test_indicator_figure_has_target_line_and_direction_in_title():
    points = [
        IndicatorPoint("2023", date(2023, 12, 31), 74.0, 80.0, "higher", "%", "Andel godkända", "N15419"),
        IndicatorPoint("2024", date(2024, 12, 31), 76.5, 80.0, "higher", "%", "Andel godkända", "N15419"),
    ]
    fig = plotted(indicator_figure(points))
    assert fig.layout.title.text == "Andel godkända (högre är bättre)"
    assert [t.name for t in fig.data] == ["Utfall", "Målvärde"]
    assert list(fig.data[0].y) == [74.0, 76.5]
    assert list(fig.data[0].text) == ["74,0", "76,5"]
    assert list(fig.data[1].y) == [80.0, 80.0]


def test_indicator_without_target_has_no_target_line():
    points = [IndicatorPoint("2024", date(2024, 12, 31), 71.0, None, "higher", "%", "Behöriga", None)]
    assert [t.name for t in plotted(indicator_figure(points)).data] == ["Utfall"]
