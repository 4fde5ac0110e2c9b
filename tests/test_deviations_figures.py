"""Deviation figure builders: stacked counts with a pattern per category."""

from tests.plotted import plotted
from ui import deviations as df


def test_status_figure_fills_missing_months_with_zero():
    counts = [("2025-08", "open", 1), ("2025-09", "open", 2), ("2025-09", "closed", 1)]
    fig = plotted(df.status_figure(counts, "2025-07", "2025-09"))
    assert [t.name for t in fig.data] == ["Öppen", "Åtgärd pågår", "Stängd"]
    assert list(fig.data[0].x) == ["jul 2025", "aug 2025", "sep 2025"]
    assert list(fig.data[0].y) == [0, 1, 2]
    assert list(fig.data[2].y) == [0, 0, 1]
    assert [t.marker.pattern.shape for t in fig.data] == ["x", "/", ""]
    assert fig.layout.barmode == "stack"


def test_type_figure_names_every_type():
    fig = plotted(df.type_figure([("2025-09", "incident", 3)], "2025-09", "2025-09"))
    assert [t.name for t in fig.data] == ["Ekonomi", "Verksamhet", "Kvalitet", "Händelse"]
    assert list(fig.data[3].y) == [3]


def test_no_deviations_says_so():
    assert (
        plotted(df.type_figure([], "2025-01", "2025-09")).layout.annotations[0].text == "Inga avvikelser under perioden"
    )
