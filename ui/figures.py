"""Shared figure look: one Plotly template, one graph config, accessible colours with text or shapes.

Pure builders for each area live in ui/<area>.py and build plain dicts with `figure()` or `base_figure()`.
"""

import html as html_text
from functools import cache

import plotly.graph_objects as go
import plotly.io as pio

from data.vocabulary import LIGHT

# Okabe-Ito based palette: distinguishable with colour-vision deficiencies; text colour on top passes 4.5:1.
PALETTE = ("#0b5394", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#6a3d9a", "#4d4d4d")

# Traffic lights and assessments never rely on colour alone: each has a symbol and a word.
LIGHT_STYLE = {
    "green": {"colour": "#1a7f37", "symbol": "●", "marker": "circle", "label": "Grön"},
    "yellow": {"colour": "#9a6700", "symbol": "▲", "marker": "triangle-up", "label": "Gul"},
    "red": {"colour": "#c62828", "symbol": "■", "marker": "square", "label": "Röd"},
}
ASSESSMENT_STYLE = {
    "met": {"colour": "#1a7f37", "symbol": "✔", "pattern": ""},
    "partly_met": {"colour": "#9a6700", "symbol": "◐", "pattern": "/"},
    "not_met": {"colour": "#c62828", "symbol": "✖", "pattern": "x"},
    "not_assessed": {"colour": "#6e7781", "symbol": "○", "pattern": "."},
}

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 15, "color": "#1f2328"},
        colorway=PALETTE,
        separators=",\u00a0",
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        xaxis={"gridcolor": "#e5e7eb", "linecolor": "#6e7781", "zerolinecolor": "#6e7781"},
        yaxis={"gridcolor": "#e5e7eb", "linecolor": "#6e7781", "zerolinecolor": "#6e7781", "tickformat": ",~r"},
        legend={"orientation": "h", "y": -0.2},
        hoverlabel={"font": {"size": 14}},
    )
)
pio.templates["styrkedjan"] = TEMPLATE

# No cloud button, no logo, Swedish locale (registered by assets/plotly-locale-sv.js).
GRAPH_CONFIG = {"displaylogo": False, "showSendToCloud": False, "locale": "sv", "responsive": True}


# The template as plotly sends it: a figure built as a plain dict carries this, exactly what go.Figure would send.
TEMPLATE_JSON = go.Figure(layout={"template": TEMPLATE}).to_plotly_json()["layout"]["template"]


def figure(traces: list[dict], layout: dict | None = None, **settings) -> dict:
    """A figure on the shared template as a plain dict ({"data": ..., "layout": ...}), which dcc.Graph accepts.

    Building graph_objects costs about 80x more than the dict (plotly validates every property): callbacks build
    plain dicts and tests check them with go.Figure(...). `settings` are more layout keys (height=...).
    """
    return {"data": list(traces), "layout": {"template": TEMPLATE_JSON, **(layout or {}), **settings}}


def titled(title: str | None) -> dict:
    """The layout keys of a figure title at the top left (none without a title)."""
    return {"title": {"text": title, "x": 0, "xanchor": "left"}} if title else {}


def base_figure(title: str | None = None, height: int = 380) -> dict:
    """An empty figure (a plain dict) on the shared template; add traces to its "data", layout with update_layout."""
    return figure([], {"height": height, **titled(title)})


def update_layout(fig: dict, **layout) -> None:
    """Merge layout keys into a dict figure, nested dicts key by key, as go.Figure.update_layout does (None unsets)."""
    _merge(fig["layout"], layout)


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if value is None:
            into.pop(key, None)
        elif isinstance(value, dict) and isinstance(into.get(key), dict) and key != "template":
            _merge(into[key], value)
        elif isinstance(value, dict):
            into[key] = {}
            _merge(into[key], value)
        else:
            into[key] = value


def empty_figure(message: str, height: int = 240, **settings) -> dict:
    """A figure that says in words why there is nothing to show (`settings`: more layout keys)."""
    hidden = {"visible": False}
    annotation = {"text": message, "showarrow": False, "font": {"size": 18}, "x": 0.5, "y": 0.5}
    return figure(
        [],
        {"xaxis": hidden, "yaxis": hidden, "annotations": [{**annotation, "xref": "paper", "yref": "paper"}]},
        height=height,
        **settings,
    )


@cache
def loading_figure() -> dict:
    """The 'Laddar …' placeholder as a plain dict, built once: every layout shows it until its callback answers."""
    return empty_figure("Laddar …")


def graph(component_id: str, caption: str, figure: go.Figure | dict | None = None):
    """A dcc.Graph with the shared config inside a <figure> whose caption names it for everyone."""
    from dash import dcc, html  # here, not at the top: the reports import this module and must not load Dash

    return html.Figure(
        [
            html.Figcaption(caption, className="graph-caption"),
            dcc.Graph(id=component_id, figure=loading_figure() if figure is None else figure, config=GRAPH_CONFIG),
        ],
        className="graph-figure",
    )


def light_text(code: str | None) -> str:
    """'■ Röd': symbol and word as plain text, for tables."""
    if code not in LIGHT_STYLE:
        return "–"
    return f"{LIGHT_STYLE[code]['symbol']} {LIGHT.label(code)}"


def plot_text(text: object) -> str:
    """Free text from reports made inert for Plotly, which renders <b>, <br>, <a href> and entities in labels."""
    return html_text.escape(str(text), quote=False)
