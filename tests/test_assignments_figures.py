"""Figure and sentence builders of /uppdrag and /sammantrade, on literal inputs."""

from datetime import date

from openpyxl import load_workbook

from data.assignments import Assignment
from data.economy import EconomyRow, MonthPoint
from tests.plotted import plotted
from ui.assignments import (
    EXPORT_HEADERS,
    assignment_row,
    deviation_figure,
    economy_sentence,
    export_sheet,
    given_completed_figure,
)
from ui.export import xlsx_bytes


def _row(annual_budget, budget_ytd, outcome_ytd, forecast):
    return EconomyRow("committee", "BUN", "Barn- och utbildningsnämnden", None, True, annual_budget, budget_ytd,
                      outcome_ytd, forecast)  # fmt: skip


BUN = _row(-1200.0, -300.0, -317.0, -1225.0)
BUN_MONTHS = [
    MonthPoint("2025-01", -100.0, -95.0, -100.0, -95.0, -1200.0, -1200.0),
    MonthPoint("2025-02", -100.0, -110.0, -200.0, -205.0, -1200.0, -1210.0),
    MonthPoint("2025-03", -100.0, -112.0, -300.0, -317.0, -1200.0, -1225.0),
]


def test_economy_sentence_says_deficit_in_words():
    assert economy_sentence(BUN, "2025-03") == (
        "Helårsprognosen visar ett underskott på 25\u00a0tkr (\u22122,1\u00a0% av årsbudgeten); "
        "hittills i år ett underskott på 17\u00a0tkr."
    )


def test_economy_sentence_surplus_balance_and_missing_report():
    surplus = _row(-1200.0, -300.0, -250.4, -1150.0)
    assert economy_sentence(surplus, "2025-03") == (
        "Helårsprognosen visar ett överskott på 50\u00a0tkr (+4,2\u00a0% av årsbudgeten); "
        "hittills i år ett överskott på 50\u00a0tkr."
    )
    balanced = _row(0.0, -300.0, -300.2, 0.0)
    assert economy_sentence(balanced, "2025-03") == (
        "Helårsprognosen visar ett resultat i nivå med budget; hittills i år ett resultat i nivå med budget."
    )
    assert economy_sentence(None, "2025-03") == "Ingen ekonomirapport inlämnad för mars 2025."


def test_deviation_figure_colours_and_labels_each_month():
    bar = plotted(deviation_figure(BUN_MONTHS)).data[0]
    assert list(bar.x) == ["jan", "feb", "mar"]
    assert list(bar.y) == [5.0, -5.0, -17.0]
    assert list(bar.marker.color) == ["#1a7f37", "#c62828", "#c62828"]
    layout = plotted(deviation_figure(BUN_MONTHS)).layout
    assert (layout.width, layout.height, layout.font.size) == (760, 360, 24)


def test_deviation_figure_without_economy_says_so():
    fig = plotted(deviation_figure([]))
    assert fig.data == ()
    assert fig.layout.annotations[0].text == "Ingen ekonomirapport"


def test_given_completed_figure_accumulates():
    fig = plotted(given_completed_figure([("2025-01", 3, 0), ("2025-02", 1, 1), ("2025-03", 0, 2)]))
    given, completed = fig.data
    assert (given.name, list(given.x), list(given.y)) == (
        "Givna uppdrag",
        ["2025-01-01", "2025-02-01", "2025-03-01"],
        [3, 4, 4],
    )
    assert (completed.name, list(completed.y), completed.line.dash) == ("Klara uppdrag", [0, 1, 3], "dash")
    assert (list(given.customdata), list(completed.customdata)) == (
        ["3 givna", "4 givna", "4 givna"],
        ["0 klara", "1 klart", "3 klara"],
    )
    assert given.hovertemplate == "%{x|%B %Y}: %{customdata} hittills<extra></extra>"
    assert plotted(given_completed_figure([])).layout.annotations[0].text == "Inga uppdrag att visa för urvalet."


def _assignment(**changes):
    base = {
        "case_number": "KF 2024/10",
        "paragraph": "§ 12",
        "decided_by": "KF",
        "decision_date": date(2024, 11, 25),
        "title": "Utred gemensam skolskjuts",
        "recipient": "BUN",
        "recipient_name": "Barn- och utbildningsnämnden",
        "due_date": date(2025, 3, 1),
        "status": "in_progress",
        "state": "overdue",
        "reported_back_date": None,
        "done_date": None,
        "comment": None,
    }
    return Assignment(**{**base, **changes})


def test_assignment_row_shows_iso_dates_and_the_state_label():
    assert assignment_row(_assignment()) == {
        "case_number": "KF 2024/10",
        "paragraph": "§ 12",
        "decided_by": "KF",
        "decision_date": "2024-11-25",
        "title": "Utred gemensam skolskjuts",
        "recipient": "Barn- och utbildningsnämnden",
        "due_date": "2025-03-01",
        "state": "Försenat",
        "reported_back_date": "",
        "comment": "",
    }


def test_export_keeps_report_text_as_text(tmp_path):
    hostile = _assignment(title="=HYPERLINK(\"http://x\")", state="done_not_reported", status="done",
                          done_date=date(2025, 2, 28))  # fmt: skip
    path = tmp_path / "uppdrag.xlsx"
    path.write_bytes(xlsx_bytes({"Uppdrag": export_sheet([hostile])}))
    sheet = load_workbook(path)["Uppdrag"]
    header, row = list(sheet.iter_rows(values_only=True))
    assert header == EXPORT_HEADERS
    assert row[4] == '=HYPERLINK("http://x")'
    assert sheet["E2"].data_type == "s"
    assert (row[7], row[8], row[10].date()) == ("Klart", "Klart, ej återrapporterat", date(2025, 2, 28))
