"""Pure figure builders for the economy page and the monthly report: data in, plain-dict figures out.

Money is tkr, net cost negative; a deviation below zero is an underskott. Hover texts are formatted in Python
so that the browser and the static images (kaleido) read the same Swedish numbers.
"""

from data.economy import EconomyRow, ForecastPoint, MonthPoint
from data.formatting import count, rounded, tkr
from data.periods import MONTH_ABBREVIATIONS, add_months, month_short
from ui.figures import PALETTE, empty_figure, figure, plot_text

DEFICIT = {"colour": "#c62828", "symbol": "▼", "word": "underskott"}
SURPLUS = {"colour": "#1a7f37", "symbol": "▲", "word": "överskott"}
BALANCE = {"colour": "#4d4d4d", "symbol": "●", "word": "i balans"}
NO_FORECAST = {"colour": "#6e7781", "word": "ingen rapport"}
NO_FORECAST_REPORTED = "Ingen nämnd har rapporterat prognos för månaden"
WORSENING_LABEL = "Prognosen försämrad tre månader i rad"
HOVER_FORECAST = "%{fullData.name}<br>%{x}: %{customdata[0]}<br>Prognos %{customdata[1]}<extra></extra>"


def sign_style(deviation: float | None) -> dict:
    """Colour, symbol and word for a deviation: negative is underskott, positive överskott."""
    if deviation is None or rounded(deviation) == 0:
        return BALANCE
    return DEFICIT if deviation < 0 else SURPLUS


def deviation_text(deviation: float | None, before_word: str = " ") -> str:
    """'▼ −50 tkr underskott' / '▲ +15 tkr överskott' / '● 0 tkr i balans'; '–' when there is no figure.

    Charts pass before_word='<br>' to put the word on a line of its own.
    """
    if deviation is None:
        return "–"
    style = sign_style(deviation)
    return f"{style['symbol']} {tkr(deviation, signed=True)}{before_word}{style['word']}"


def _year_axis(year: str) -> dict:
    labels = list(MONTH_ABBREVIATIONS)
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": labels,
        "range": [-0.5, 11.5],
        "title": {"text": year},
    }


def _worsening_runs(history: list[ForecastPoint], names: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """Traces and labels that mark forecasts worsening three months in a row (see forecast_history_figure)."""
    flagged = [p for p in history if p.flagged]
    if not flagged:
        return [], []
    # Band once per worsening run, at its latest month; every flagged month keeps its marker.
    later = {(p.committee_code, p.month) for p in flagged}
    run_ends = [p for p in flagged if (p.committee_code, add_months(p.month, 1)) not in later]
    traces = []
    for p in run_ends:
        run = [q for q in history if q.committee_code == p.committee_code and p.month >= q.month][-(p.streak + 1) :]
        traces.append(
            {
                "type": "scatter",
                "x": [month_short(q.month) for q in run],
                "y": [q.forecast_deviation for q in run],
                "mode": "lines",
                "line": {"color": "rgba(198, 40, 40, 0.28)", "width": 14},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": [month_short(p.month) for p in flagged],
            "y": [p.forecast_deviation for p in flagged],
            "mode": "markers",
            "name": WORSENING_LABEL,
            "marker": {"symbol": "triangle-down", "size": 20, "color": DEFICIT["colour"], "line": {"width": 2}},
            "customdata": [
                [names.get(p.committee_code, p.committee_code), count(p.streak, "månad", "månader")] for p in flagged
            ],
            "hovertemplate": "%{customdata[0]}: försämrad %{customdata[1]} i rad<extra></extra>",
        }
    )
    # Words only for runs still going in the latest month; labels are staggered so they do not overlap.
    latest = max(p.month for p in history)
    current = sorted((p for p in run_ends if p.month == latest), key=lambda p: p.forecast_deviation)
    labels = [
        {
            "x": month_short(p.month),
            "y": p.forecast_deviation,
            "text": f"▼ {names.get(p.committee_code, p.committee_code)}: försämrad {p.streak} mån i rad",
            "showarrow": True,
            "arrowhead": 2,
            "xanchor": "right",
            "ax": -50,
            "ay": -40 - 26 * i,
            "font": {"color": DEFICIT["colour"], "size": 13},
            "bgcolor": "white",
        }
        for i, p in enumerate(current)
    ]
    return traces, labels


def forecast_history_figure(history: list[ForecastPoint], names: dict[str, str], year: str) -> dict:
    """Each committee's forecast deviation month by month; a forecast that worsened three months in a row is marked."""
    if not history:
        return empty_figure("Inga prognoser rapporterade i år")
    names = {code: plot_text(name) for code, name in names.items()}  # shown in legend, hover and annotations
    traces = []
    codes = sorted({p.committee_code for p in history}, key=lambda c: names.get(c, c))
    for i, code in enumerate(codes):
        points = [p for p in history if p.committee_code == code]
        traces.append(
            {
                "type": "scatter",
                "x": [month_short(p.month) for p in points],
                "y": [p.forecast_deviation for p in points],
                "mode": "lines+markers",
                "name": names.get(code, code),
                "line": {"color": PALETTE[i % len(PALETTE)], "width": 2},
                "customdata": [[deviation_text(p.forecast_deviation), tkr(p.forecast)] for p in points],
                "hovertemplate": HOVER_FORECAST,
            }
        )
    marks, labels = _worsening_runs(history, names)
    zero_labels = [
        {"x": 0, "xref": "paper", "xanchor": "left", "y": 0, "yanchor": anchor, "text": text, "showarrow": False}
        for text, anchor in (
            (f"{SURPLUS['symbol']} över 0: överskott", "bottom"),
            (f"{DEFICIT['symbol']} under 0: underskott", "top"),
        )
    ]
    layout = {
        "xaxis": _year_axis(year),
        "yaxis": {"title": {"text": "Prognos − årsbudget, tkr"}, "zeroline": True, "automargin": True},
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 0,
                "y1": 0,
                "line": {"color": "#1f2328", "width": 1},
            }
        ],
        "annotations": [*labels, *[{**z, "font": {"size": 12}} for z in zero_labels]],
        "margin": {"l": 80, "r": 20, "t": 20, "b": 90},
        "legend": {"y": -0.25},
    }
    return figure(traces + marks, layout, height=440)


def budget_curve_figure(points: list[MonthPoint], year: str) -> dict:
    """Outcome to date against the budget curve through the year, with the annual budget and the forecast."""
    if not points:
        return empty_figure("Ingen ekonomi rapporterad i år")
    x = [month_short(p.month) for p in points]
    last = points[-1]
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": [p.budget_ytd for p in points],
            "name": "Budget hittills i år",
            "mode": "lines+markers",
            "line": {"color": "#4d4d4d", "dash": "dash", "width": 2},
            "marker": {"symbol": "square-open", "size": 8},
            "customdata": [tkr(p.budget_ytd) for p in points],
            "hovertemplate": "Budget hittills, %{x}: %{customdata}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": x,
            "y": [p.outcome_ytd for p in points],
            "name": "Utfall hittills i år",
            "mode": "lines+markers",
            "line": {"color": PALETTE[0], "width": 3},
            "marker": {"symbol": "circle", "size": 9},
            "customdata": [deviation_text(round(p.outcome_ytd - p.budget_ytd, 1)) for p in points],
            "hovertemplate": "Utfall hittills, %{x}: %{y:,.0f} tkr<br>Avvikelse %{customdata}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": ["dec", "dec"],
            "y": [last.annual_budget, last.forecast],
            "mode": "markers+text",
            "name": "Årsbudget och helårsprognos (december)",
            "marker": {"symbol": ["square-open", "diamond"], "size": 14, "color": ["#4d4d4d", PALETTE[1]]},
            "text": [f"Årsbudget {tkr(last.annual_budget)}", f"Prognos {tkr(last.forecast)}"],
            "textposition": ["top left", "bottom left"],
            "hoverinfo": "text",
        },
    ]
    layout = {
        "xaxis": _year_axis(year),
        "yaxis": {"title": {"text": "tkr hittills i år (nettokostnad)"}, "automargin": True},
        "margin": {"l": 110, "r": 20, "t": 20, "b": 90},
        "legend": {"y": -0.25},
    }
    return figure(traces, layout, height=420)


def forecast_deviation_bars(bars: list[tuple[str, float | None]], empty: str) -> dict:
    """Forecast − annual budget (tkr) per committee as horizontal bars in the given order, the one builder.

    Each bar is labelled with symbol, amount and word (`deviation_text`, so a deviation that rounds to 0 tkr is
    "● 0 tkr i balans" in grey); a committee without a forecast (None) is labelled, never shown as 0.
    """
    if not bars:
        return empty_figure(empty)
    values = [value for _, value in bars]
    colours = [NO_FORECAST["colour"] if v is None else sign_style(v)["colour"] for v in values]
    bar = {
        "type": "bar",
        "y": [plot_text(name) for name, _ in bars],
        "x": [v or 0 for v in values],
        "orientation": "h",
        "marker": {
            "color": colours,
            "pattern": {
                "shape": ["x" if sign_style(v) is DEFICIT and v is not None else "" for v in values],
                "fillmode": "overlay",
                "fgcolor": "white",
                "fgopacity": 0.6,
            },
        },
        "text": [NO_FORECAST["word"] if v is None else deviation_text(v, "<br>") for v in values],
        "textposition": "outside",
        "textfont": {"color": colours},
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "showlegend": False,
    }
    largest = max([abs(v) for v in values if v is not None] or [1]) or 1
    layout = {
        "xaxis": {
            "title": {"text": "Helårsprognos − årsbudget, tkr"},
            "range": [-largest * 3, largest * 3],  # room for the label outside the longest bar
            "tickformat": ",d",
            "zeroline": True,
            "zerolinewidth": 2,
        },
        "yaxis": {"automargin": True, "autorange": "reversed"},
        "margin": {"l": 20, "r": 30, "t": 20, "b": 60},
    }
    return figure([bar], layout, height=max(240, 120 + 44 * len(bars)))


def committee_deviation_figure(rows: list[EconomyRow]) -> dict:
    """Ekonomi: the committees with a forecast, the largest underskott on top."""
    rows = sorted((r for r in rows if r.forecast_deviation is not None), key=lambda r: r.forecast_deviation)
    return forecast_deviation_bars([(r.name, r.forecast_deviation) for r in rows], NO_FORECAST_REPORTED)


# --- Table rows (pure): the same rows feed the page's grid and the Excel export ------------------------------------

TABLE_COLUMNS = (
    ("name", "Nämnd / verksamhet"),
    ("annual_budget", "Årsbudget, tkr"),
    ("budget_ytd", "Budget hittills, tkr"),
    ("outcome_ytd", "Utfall hittills, tkr"),
    ("deviation_ytd", "Avvikelse hittills, tkr"),
    ("deviation_ytd_pct", "Avvikelse hittills, %"),
    ("forecast", "Helårsprognos, tkr"),
    ("forecast_deviation", "Prognosavvikelse, tkr"),
    ("forecast_deviation_pct", "Prognosavvikelse, %"),
    ("state", "Läge helår"),
)
NO_REPORT_TEXT = "Ingen rapport inlämnad"


def state_text(row: EconomyRow) -> str:
    """The forecast's state in words with a symbol, or that no report came in."""
    if not row.has_data:
        return NO_REPORT_TEXT if not row.reported else "Ingen ekonomi rapporterad"
    style = sign_style(row.forecast_deviation)
    return f"{style['symbol']} {style['word'].capitalize()}"


def table_row(row: EconomyRow) -> dict:
    """One grid row: figures as numbers (the grid formats them), state as text, committee code for drill-down."""
    values = {
        "name": row.name,
        "code": row.committee_code,
        "level": row.level,
        "state": state_text(row),
        "deviation_ytd": row.deviation_ytd,
        "deviation_ytd_pct": None if row.deviation_ytd_pct is None else round(row.deviation_ytd_pct, 1),
        "forecast_deviation": row.forecast_deviation,
        "forecast_deviation_pct": None if row.forecast_deviation_pct is None else round(row.forecast_deviation_pct, 1),
    }
    for field in ("annual_budget", "budget_ytd", "outcome_ytd", "forecast"):
        values[field] = getattr(row, field)
    return values


def export_sheet(rows: list[EconomyRow]) -> tuple[list[str], list[list]]:
    """(headers, rows) of the economy table for the Excel export."""
    table = [table_row(r) for r in rows]
    return [header for _, header in TABLE_COLUMNS], [[r[field] for field, _ in TABLE_COLUMNS] for r in table]
