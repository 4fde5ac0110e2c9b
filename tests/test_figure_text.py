"""Workbook text (units, names, descriptions) reaches every figure builder escaped: Plotly renders a subset of HTML
in titles, axis labels, legends, hover text and annotations, so a unit like <a href=…> must stay visible text."""

from dataclasses import replace
from datetime import date

from data.comparison import Reference, Value
from data.economy import EconomyRow, ForecastPoint
from data.goals import Goal, Indicator, IndicatorPoint
from data.network import MonthPoint, Period, Ranking, Rates, YearPoint
from tests.plotted import plotted
from tests.test_overview_figures import summary
from tests.test_projects_figures import dated, make
from ui import economy, goals, network, overview, projects

UNIT = '<a href="https://evil.example">Klicka</a>'
NAME = "<b>Namn</b><br>rad"
DESCRIPTION = "<i>Beskrivning</i> &amp; mer"
RAW = ("<a href", "<b>Namn", "<i>Beskrivning", "&amp; mer")
ESCAPED = ("&lt;a href", "&lt;b&gt;Namn", "&lt;i&gt;Beskrivning", "&amp;amp; mer")


def strings(value) -> list[str]:
    """Every string anywhere in a figure's JSON form."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def escaped(figure) -> tuple[list[str], list[str]]:
    """(raw hostile markup found, escaped forms found) in a figure."""
    texts = strings(plotted(figure).to_plotly_json())
    return (
        [raw for raw in RAW if any(raw in t for t in texts)],
        [mark for mark in ESCAPED if any(mark in t for t in texts)],
    )


def rates(department=None) -> Rates:
    return Rates("2581", NAME, department, 10, 5, 300, 3, ("2025-01", "2025-02", "2025-03"), (), (DESCRIPTION,))


def value(rank=1) -> Value:
    text = {"municipality": NAME, "name": DESCRIPTION, "unit": UNIT}
    return Value("2581", committee_code="BUN", indicator_id="B-1", direction="higher", target=80.0,
                 kolada_kpi="N15419", period="2024", outcome=75.0, inhabitants=None, employees=None, rank=rank,
                 **text)  # fmt: skip


def test_goal_figures_escape_names_descriptions_and_units():
    goal = Goal("BUN", NAME, "KF-1", DESCRIPTION, "G1", NAME, "citizen", "met", None, "2025-T1", None, None)
    indicator = Indicator("BUN", "I1", "G1", NAME, UNIT, "higher", 80.0, None, "2024", 70.0)
    point = IndicatorPoint("2024", date(2024, 12, 31), 70.0, 80.0, "higher", UNIT, NAME, None)
    assert escaped(goals.chain_figure([goal], [indicator])) == ([], list(ESCAPED[1:]))
    assert escaped(goals.indicator_figure([point])) == ([], ["&lt;a href", "&lt;b&gt;Namn"])
    bars = goals.attainment_bars({NAME: {"met": 1, "partly_met": 0, "not_met": 0, "not_assessed": 0}}, title=None)
    assert escaped(bars) == ([], ["&lt;b&gt;Namn"])


def test_network_figures_escape_municipality_department_definition_and_unit():
    row = rates()
    ranking = Ranking(Period("2025-01", "2025-03"), "implemented", [row], [], [row], None, DESCRIPTION)
    row.rank = 1
    assert escaped(network.ranking_figure(ranking)) == ([], ["&lt;b&gt;Namn", "&lt;i&gt;Beskrivning", "&amp;amp; mer"])
    department = rates(NAME)
    assert escaped(network.department_figure([department], "implemented", "Förvaltningar")) == ([], ["&lt;b&gt;Namn"])
    month = MonthPoint("2581", NAME, "2025-01", 10, 5, 300, True, 2.0, 1.0)
    assert escaped(network.trend_figure([month], "implemented", ["2581"])) == ([], ["&lt;b&gt;Namn"])
    year = YearPoint("2581", NAME, 2025, 10, 5, 300, 1, 1)
    assert escaped(network.yearly_figure([year], "implemented", ["2581"])) == ([], ["&lt;b&gt;Namn"])
    national = Reference("2024", 70.0, 290, 71.0)
    both = [value(), replace(value(2), municipality_code="0884", municipality="Vimmerby", outcome=70.0)]
    for figure in (
        network.comparison_ranking_figure(both, "", 77.0, national),
        network.distribution_figure(both, "", 77.0, national),
        network.comparison_trend_figure(both, "", {"2024": national}),
    ):
        assert escaped(figure) == ([], ["&lt;a href", "&lt;b&gt;Namn"])


def test_economy_overview_and_project_figures_escape_names():
    history = [ForecastPoint("BUN", f"2025-0{m}", -1000.0, -1000.0 - 100.0 * m, m - 1) for m in (1, 2, 3, 4)]
    figure = economy.forecast_history_figure(history, {"BUN": NAME}, "2025")
    assert escaped(figure) == ([], ["&lt;b&gt;Namn"])
    committees = [summary("BUN", NAME, forecast=-50.0, annual_budget=-1000.0, goals=(1, 0, 0, 0))]
    assert escaped(overview.attainment_figure(committees)) == ([], ["&lt;b&gt;Namn"])
    assert escaped(overview.forecast_deviation_figure(committees)) == ([], ["&lt;b&gt;Namn"])
    activity = EconomyRow("activity", "BUN", NAME, NAME, True, -1000.0, -300.0, -310.0, -1050.0)
    assert escaped(economy.committee_deviation_figure([activity])) == ([], ["&lt;b&gt;Namn"])
    portfolio = [make("P-1", NAME, owner_name=DESCRIPTION, light_time="red")]
    for figure in (
        projects.phase_figure(portfolio),
        projects.gantt_figure(portfolio, date(2025, 4, 1)),
        projects.budget_cost_figure(portfolio),
        projects.light_matrix_figure(portfolio),
    ):
        raw, marks = escaped(figure)
        assert raw == []
        assert marks in (["&lt;b&gt;Namn"], ["&lt;i&gt;Beskrivning", "&amp;amp; mer"])
    steps = (("planning", 1.0), ("execution", 2.0), ("execution", 3.0))
    story = dated([make("P", NAME, phase=phase, cost_to_date=cost) for phase, cost in steps])
    for figure in (
        projects.phase_history_figure(story),
        projects.lights_history_figure(story),
        projects.cost_history_figure(story),
        projects.forecast_history_figure(story),
    ):
        assert escaped(figure)[0] == []
