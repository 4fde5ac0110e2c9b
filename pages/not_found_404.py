"""The page Dash Pages shows for an address that matches no page: Swedish, with a way back."""

import dash
from dash import dcc, html

from ui.components import page

dash.register_page(__name__, path="/404", name="Sidan finns inte", title="Sidan finns inte – Styrkedjan", nav=False)
TITLE = "Sidan finns inte"


def layout(**_):
    """'Sidan finns inte' and links to the overview and the navbar's pages."""
    return page(
        TITLE,
        html.P("Adressen leder inte till någon sida i Styrkedjan. Den kan vara felstavad eller gammal."),
        html.P(["Gå till ", dcc.Link("översikten", href="/", id="notfound-home"), " eller välj en sida i menyn."]),
    )
