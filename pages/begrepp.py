"""Begrepp: every measure and term the pages use, with how it is computed (from data/glossary.py)."""

import dash
from dash import Input, Output, State, clientside_callback, dcc

from ui.components import URL_ID, page
from ui.glossary import glossary_index, glossary_sections

dash.register_page(
    __name__, path="/begrepp", name="Begrepp", title="Begrepp – Styrkedjan", order=90, nav=False, footer=True
)
PREFIX = "begrepp"
TITLE = "Begrepp"
INTRO = (
    "Så räknas måtten och vad orden betyder. Förklaringarna hämtas från samma regler som sidorna räknar med, "
    "så de stämmer alltid med det som visas."
)


def layout(**_):
    """All terms grouped by area, with an index."""
    return page(TITLE, glossary_index(PREFIX), *glossary_sections(PREFIX), dcc.Store(id=f"{PREFIX}-ready"), intro=INTRO)


# A link such as /begrepp#begrepp-budgetavvikelse opens the page before its entries exist: scroll once they do.
clientside_callback(
    """
    function(_, hash) {
        const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
        if (target) { target.scrollIntoView(); target.focus({preventScroll: true}); }
        return window.dash_clientside.no_update;
    }
    """,
    Output(f"{PREFIX}-ready", "data"),
    Input(f"{PREFIX}-ready", "id"),
    State(URL_ID, "hash"),
)
