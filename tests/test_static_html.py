"""Plain HTML for the public pages: html components and links by their tags, everything escaped, nothing else."""

import pytest
from dash import dcc, html

from ui.static_html import to_html


def test_html_components_and_links_become_escaped_html():
    tree = html.Div(
        [
            html.H1("Rubrik <b>", className="page-title"),
            html.P(["A & B", html.Br(), dcc.Link("Mer", href="/x?a=1&b=2")]),
        ],
        id="sida",
        **{"aria-label": 'Om "sidan"'},
    )
    assert str(to_html(tree)) == (
        '<div id="sida" aria-label="Om &#34;sidan&#34;"><h1 class="page-title">Rubrik &lt;b&gt;</h1>'
        '<p>A &amp; B<br><a href="/x?a=1&amp;b=2">Mer</a></p></div>'
    )


def test_anything_that_needs_dash_is_refused():
    with pytest.raises(ValueError) as refused:
        to_html(html.Div(dcc.Graph(id="g")))
    assert str(refused.value) == "dash_core_components.Graph cannot be rendered without Dash"
