"""Tillgänglighet: the accessibility statement DOS-lagen asks of public-sector sites, readable without logging in."""

import dash

from data import settings
from ui.components import page
from ui.glossary import accessibility_statement

dash.register_page(
    __name__,
    path="/tillganglighet",
    name="Tillgänglighet",
    title="Tillgänglighetsredogörelse – Styrkedjan",
    order=91,
    nav=False,
    footer=True,
    public=True,  # served as plain HTML to visitors who are not logged in (accounts.web)
)
PREFIX = "tillganglighet"
TITLE = "Tillgänglighetsredogörelse"


def layout(**_):
    """What is tested, the known exception and how to report a problem."""
    pages = [(p["name"], p.get("example_path") or p["path"]) for p in dash.page_registry.values()]
    return page(TITLE, *accessibility_statement(PREFIX, pages, settings.contact()))
