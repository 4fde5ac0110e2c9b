"""Pure figure builders of the project pages: literal traces from small lists of projects."""

from dataclasses import replace
from datetime import date

import plotly.graph_objects as go
import pytest

from data.projects import Flag, Project
from tests.fixtures import project_row
from tests.plotted import plotted
from ui import projects as figs

DAY_MS = 86_400_000.0


def make(project_id: str, name: str, owner: str = "KS", owner_name: str = "Kommunstyrelsen", **columns) -> Project:
    """A Project as the read side returns it."""
    row = project_row(project_id, name, **columns)
    row.update(owner=owner, owner_name=owner_name)
    return Project(**row, report_date=date(2025, 4, 4), period="2025-03", committee_code="KS")


def annotation_texts(fig) -> list[str]:
    return [a.text for a in plotted(fig).layout.annotations]


def test_phase_figure_stacks_committees_over_phases_in_model_order():
    fig = plotted(
        figs.phase_figure(
            [
                make("A", "Alfa", phase="execution"),
                make("B", "Beta", phase="execution"),
                make("C", "Gamma", owner="SN", owner_name="Socialnämnden", phase="preparation"),
                make("D", "Delta", owner="BUN", owner_name="Barn- och utbildningsnämnden", phase="closure"),
            ]
        )
    )
    assert [(t.name, list(t.y), list(t.x), list(t.text)) for t in fig.data] == [
        ("Barn- och utbildningsnämnden", ["Förberedelse", "Planering", "Genomförande", "Avslut"], [0, 0, 0, 1],
         ["", "", "", "1"]),
        ("Kommunstyrelsen", ["Förberedelse", "Planering", "Genomförande", "Avslut"], [0, 0, 2, 0], ["", "", "2", ""]),
        ("Socialnämnden", ["Förberedelse", "Planering", "Genomförande", "Avslut"], [1, 0, 0, 0], ["1", "", "", ""]),
    ]  # fmt: skip
    assert [t.marker.pattern.shape for t in fig.data] == ["", "/", "\\"]
    assert (fig.layout.barmode, fig.layout.legend.traceorder) == ("stack", "normal")


def test_gantt_draws_planned_and_forecast_from_start_and_marks_today():
    jan, feb = date(2025, 1, 1), date(2025, 2, 1)
    fig = plotted(
        figs.gantt_figure(
            [
                make("A", "Alfa", start_date=jan, planned_end=date(2025, 1, 31), forecast_end=date(2025, 3, 2)),
                make("B", "Beta", start_date=feb, planned_end=date(2025, 2, 11), forecast_end=date(2025, 2, 11)),
            ],
            today=date(2025, 2, 15),
        )
    )
    planned, forecast = fig.data
    assert (planned.name, list(planned.y), list(planned.base), list(planned.x)) == (
        "Planerat",
        ["Alfa", "Beta"],
        ["2025-01-01", "2025-02-01"],
        [30 * DAY_MS, 10 * DAY_MS],
    )
    assert (forecast.name, list(forecast.x), list(forecast.text), list(forecast.marker.color)) == (
        "Prognos",
        [60 * DAY_MS, 10 * DAY_MS],
        ["+30 dagar", ""],
        ["#c62828", "#e69f00"],
    )
    assert forecast.marker.pattern.shape == "/"
    assert (fig.layout.shapes[0].x0, fig.layout.shapes[0].x1) == ("2025-02-15", "2025-02-15")
    assert annotation_texts(fig) == ["Idag 2025-02-15"]


def test_budget_cost_puts_overspend_in_its_own_red_hatched_series():
    fig = plotted(
        figs.budget_cost_figure(
            [make("A", "Alfa", budget=1000.0, cost_to_date=1250.0), make("B", "Beta", budget=800.0, cost_to_date=200.0)]
        )
    )
    assert [(t.name, list(t.y), list(t.x), list(t.text or [])) for t in fig.data] == [
        ("Budget", ["Alfa", "Beta"], [1000.0, 800.0], []),
        ("Kostnad hittills", ["Beta"], [200.0], ["25\u00a0% av budget"]),
        ("Kostnad över budget", ["Alfa"], [1250.0], ["125\u00a0% av budget"]),
    ]
    assert [(t.marker.color, t.marker.pattern.shape, t.offsetgroup) for t in fig.data[1:]] == [
        ("#56b4e9", "", "cost"),
        ("#c62828", "x", "cost"),
    ]


def test_light_matrix_puts_the_most_troubled_project_on_top_with_symbols_and_words():
    late = Flag("forecast_late", "…")
    fig = plotted(
        figs.light_matrix_figure(
            [
                make("A", "Alfa"),
                make("B", "Beta", light_cost="red", light_time="yellow"),
                make("C", "Gamma", light_delivery="yellow"),
                replace(make("D", "Delta", light_delivery="yellow"), flags=(late,)),
            ]
        )
    )
    green, yellow, red, flags = fig.data
    assert list(fig.layout.yaxis.categoryarray) == ["Beta", "Delta", "Gamma", "Alfa"]
    assert (green.name, green.marker.symbol, green.text[0]) == ("Grön", "circle", "Grön")
    assert list(zip(yellow.x, yellow.y, strict=True)) == [("Tid", "Beta"), ("Leverans", "Delta"), ("Leverans", "Gamma")]
    assert (red.name, red.marker.symbol, list(red.x), list(red.y), list(red.text)) == (
        "Röd",
        "square",
        ["Kostnad"],
        ["Beta"],
        ["Röd"],
    )
    assert list(flags.text) == ["–", "1", "–", "–"]
    assert flags.hovertext[1] == "Delta<br>Prognos efter planerat slut"


def test_labels_add_the_id_only_where_names_collide():
    assert figs.labels([make("A", "Skola"), make("B", "Skola"), make("C", "Väg")]) == ["Skola (A)", "Skola (B)", "Väg"]


def test_empty_portfolio_says_so():
    for builder in (figs.phase_figure, figs.budget_cost_figure, figs.light_matrix_figure):
        assert annotation_texts(builder([])) == ["Inga projekt rapporterade för valt urval."]
    assert annotation_texts(plotted(figs.gantt_figure([], date(2025, 1, 1)))) == [
        "Inga projekt rapporterade för valt urval."
    ]


def story() -> list[Project]:
    return [
        make("P", "Resecentrum", phase="planning", decision_point="BP1", cost_to_date=100.0,
             forecast_end=date(2026, 6, 30)),
        make("P", "Resecentrum", phase="execution", decision_point="BP2", cost_to_date=300.0, light_time="yellow",
             forecast_end=date(2026, 8, 31)),
        make("P", "Resecentrum", phase="execution", decision_point="BP2", cost_to_date=1100.0, light_time="red",
             light_cost="red", forecast_end=date(2026, 9, 30)),
    ]  # fmt: skip


def dated(reports: list[Project]) -> list[Project]:
    days = (date(2025, 2, 5), date(2025, 3, 5), date(2025, 4, 4))
    return [replace(r, report_date=d) for r, d in zip(reports, days, strict=True)]


def test_history_figures_follow_the_reports():
    reports = dated(story())
    phase = plotted(figs.phase_history_figure(reports)).data[0]
    assert (list(phase.x), list(phase.y), list(phase.text)) == (
        ["2025-02-05", "2025-03-05", "2025-04-04"],
        ["Planering", "Genomförande", "Genomförande"],
        ["BP1", "BP2", ""],
    )
    budget, cost = plotted(figs.cost_history_figure(reports)).data
    assert (list(budget.y), list(cost.y)) == ([1000.0, 1000.0, 1000.0], [100.0, 300.0, 1100.0])
    planned, forecast = plotted(figs.forecast_history_figure(reports)).data
    assert list(planned.y) == ["2026-06-30", "2026-06-30", "2026-06-30"]
    assert list(forecast.y) == ["2026-06-30", "2026-08-31", "2026-09-30"]
    green, yellow, red = plotted(figs.lights_history_figure(reports)).data
    assert list(zip(red.x, red.y, strict=True)) == [("2025-04-04", "Tid"), ("2025-04-04", "Kostnad")]
    assert list(zip(yellow.x, yellow.y, strict=True)) == [("2025-03-05", "Tid")]
    assert len(green.x) == 6


def test_thin_history_is_told_in_words_not_drawn():
    two = dated(story())[:2]
    for builder in (
        figs.phase_history_figure,
        figs.lights_history_figure,
        figs.cost_history_figure,
        figs.forecast_history_figure,
    ):
        fig = plotted(builder(two))
        assert fig.data == ()
        assert annotation_texts(fig) == [
            "Projektet finns bara i 2 rapporter hittills. En utveckling visas som linje först från 3 rapporter."
        ]


def test_table_row_has_text_for_people_and_numbers_for_sorting():
    p = replace(
        make("KS 2025/7", "Nytt [resecentrum]", light_cost="red", cost_to_date=1250.0, external_funding=300.0,
             funder="EU Regionalfonden", forecast_end=date(2026, 7, 30)),
        flags=(Flag("forecast_late", "…"), Flag("over_budget", "…")),
    )  # fmt: skip
    assert figs.table_row(p, "2280", "2025-03") == {
        "project": r"[Nytt \[resecentrum\]](/projekt/KS%202025%2F7?kommun=2280&period=2025-03)",
        "project_id": "KS 2025/7",
        "owner": "Kommunstyrelsen",
        "phase": "Genomförande",
        "decision_point": "BP2",
        "decision_date": "2025-01-20",
        "light_time": "● Grön",
        "light_cost": "■ Röd",
        "light_delivery": "● Grön",
        "budget": 1000.0,
        "cost_to_date": 1250.0,
        "cost_share": 125.0,
        "planned_end": "2026-06-30",
        "forecast_end": "2026-07-30",
        "slip_days": 30,
        "external_funding": 300.0,
        "funder": "EU Regionalfonden",
        "last_status_report": "2025-03-01",
        "flags": "Prognos efter planerat slut, Kostnad över budget",
        "period": "2025-03",
    }


def test_markdown_link_escapes_report_text():
    assert figs.markdown_link("<b>*x*</b> [a](javascript:alert(1))", "/projekt/P") == (
        r"[\<b\>\*x\*\</b\> \[a\]\(javascript:alert\(1\)\)](/projekt/P)"
    )
    assert figs.project_href("P-1") == "/projekt/P-1"


def test_export_sheets_hold_plain_values_and_every_flag_explained():
    hostile = replace(
        make("P-9", "=HYPERLINK(\"http://x\")", phase="closure", decision_point="BP4", final_report="no",
             decision_date=date(2025, 2, 1)),
        flags=(Flag("closed_without_final_report", "Projektet är avslutat …"),),
    )  # fmt: skip
    sheets = figs.export_sheets([hostile])
    headers, rows = sheets["Projekt"]
    assert dict(zip(headers, rows[0], strict=True)) == {
        "Projekt-ID": "P-9",
        "Projekt": '=HYPERLINK("http://x")',
        "Ägande nämnd": "Kommunstyrelsen",
        "Fas": "Avslut",
        "Senaste beslutspunkt": "BP4",
        "Beslutspunkt datum": date(2025, 2, 1),
        "Tid": "Grön",
        "Kostnad": "Grön",
        "Leverans": "Grön",
        "Budget (tkr)": 1000.0,
        "Kostnad hittills (tkr)": 400.0,
        "Andel av budget (%)": 40.0,
        "Start": date(2024, 9, 1),
        "Planerat slut": date(2026, 6, 30),
        "Prognos slut": date(2026, 6, 30),
        "Förskjutning (dagar)": 0,
        "Extern finansiering (tkr)": None,
        "Finansiär": None,
        "Senaste statusrapport": date(2025, 3, 1),
        "Slutrapport": "Nej",
        "Beställare": "Förvaltningschef",
        "Projektledare": "Projektledare",
        "Flaggor": "Avslutat utan slutrapport",
    }
    assert sheets["Flaggor"] == (
        ("Projekt-ID", "Projekt", "Flagga", "Förklaring"),
        [["P-9", '=HYPERLINK("http://x")', "Avslutat utan slutrapport", "Projektet är avslutat …"]],
    )


def test_every_figure_passes_plotly_validation():
    # The builders return plain dicts for speed; plotted() validates each and checks plotly would send the same.
    portfolio = [make("A", "Alfa", cost_to_date=1200.0, forecast_end=date(2026, 9, 1)), make("B", "Beta")]
    reports = dated(story())
    built = [
        plotted(figs.phase_figure(portfolio)),
        plotted(figs.gantt_figure(portfolio, date(2025, 3, 1))),
        plotted(figs.budget_cost_figure(portfolio)),
        plotted(figs.light_matrix_figure(portfolio)),
        plotted(figs.phase_history_figure(reports)),
        plotted(figs.lights_history_figure(reports)),
        plotted(figs.cost_history_figure(reports)),
        plotted(figs.forecast_history_figure(reports)),
    ]
    for fig in built:
        assert go.Figure(fig.to_dict()).to_dict() == fig.to_dict()
    with pytest.raises(ValueError, match="Invalid property"):
        go.Figure({"data": [{"type": "bar", "colour": "red"}]})


def test_gantt_says_one_day_in_the_singular_in_labels_and_hover():
    jan = date(2025, 1, 1)
    fig = plotted(
        figs.gantt_figure(
            [
                make("A", "Alfa", start_date=jan, planned_end=date(2025, 1, 31), forecast_end=date(2025, 2, 1)),
                make("B", "Beta", start_date=jan, planned_end=date(2025, 1, 31), forecast_end=date(2025, 1, 29)),
            ],
            today=date(2025, 2, 15),
        )
    )
    forecast = fig.data[1]
    assert list(forecast.text) == ["+1 dag", "−2 dagar"]
    assert [row[2] for row in forecast.customdata] == ["+1 dag", "−2 dagar"]
    assert (
        forecast.hovertemplate
        == "%{y}<br>Prognos: %{customdata[0]} – %{customdata[1]}<br>Förskjutning: %{customdata[2]}<extra></extra>"
    )
