"""Pure figure builders for the deviation page: counts over time by status and by type."""

from data.periods import month_short, months_between
from data.vocabulary import DEVIATION_STATUS, DEVIATION_TYPE, Vocabulary
from ui.figures import PALETTE, empty_figure, figure

# Each category has its own pattern as well as colour, so stacked bars read without colour.
STATUS_LOOK = {
    "open": ("#c62828", "x"),
    "in_progress": ("#9a6700", "/"),
    "closed": ("#1a7f37", ""),
}
TYPE_LOOK = {
    "economy": (PALETTE[0], ""),
    "operations": (PALETTE[1], "/"),
    "quality": (PALETTE[2], "."),
    "incident": (PALETTE[5], "x"),
}


def _stacked(
    counts: list[tuple[str, str, int]], first: str, last: str, vocabulary: Vocabulary, look: dict, y_title: str
) -> dict:
    if not counts:
        return empty_figure("Inga avvikelser under perioden")
    months = months_between(first, last)
    labels = [f"{month_short(m)} {m[:4]}" for m in months]
    traces = []
    for code in vocabulary.codes:
        by_month = {m: n for m, c, n in counts if c == code}
        colour, pattern = look[code]
        traces.append(
            {
                "type": "bar",
                "x": labels,
                "y": [by_month.get(m, 0) for m in months],
                "name": vocabulary.label(code),
                "marker": {
                    "color": colour,
                    "pattern": {"shape": pattern, "fillmode": "overlay", "fgcolor": "white", "fgopacity": 0.7},
                },
                "hovertemplate": f"{vocabulary.label(code)}, %{{x}}: %{{y}}<extra></extra>",
            }
        )
    layout = {
        "height": 380,
        "barmode": "stack",
        "margin": {"l": 60, "r": 20, "t": 20, "b": 90},
        "legend": {"y": -0.3},
        "xaxis": {"type": "category", "tickangle": -45},
        "yaxis": {"title": {"text": y_title}, "tickformat": ",d", "rangemode": "tozero"},
    }
    return figure(traces, layout)


def status_figure(counts: list[tuple[str, str, int]], first: str, last: str) -> dict:
    """Deviations by status at each month's end, stacked."""
    return _stacked(counts, first, last, DEVIATION_STATUS, STATUS_LOOK, "Antal vid månadens slut")


def type_figure(counts: list[tuple[str, str, int]], first: str, last: str) -> dict:
    """Deviations reported each month by type, stacked."""
    return _stacked(counts, first, last, DEVIATION_TYPE, TYPE_LOOK, "Antal rapporterade")
