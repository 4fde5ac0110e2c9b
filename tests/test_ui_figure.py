"""ui.figures.figure(): the one way area builders make a figure on the shared template."""

from tests.plotted import plotted
from ui.figures import TEMPLATE, figure


def test_figure_puts_traces_on_the_shared_template_with_layout_and_settings():
    fig = plotted(
        figure([{"type": "bar", "x": [1, 2], "y": ["a", "b"]}], {"xaxis": {"title": {"text": "tkr"}}}, height=300)
    )
    assert (fig.layout.height, fig.layout.xaxis.title.text, list(fig.data[0].x)) == (300, "tkr", [1, 2])
    assert fig.layout.template.layout.separators == TEMPLATE.layout.separators == ",\u00a0"
    assert plotted(figure([], height=120)).layout.height == 120
