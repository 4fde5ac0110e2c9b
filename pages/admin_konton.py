"""Konton (admins only): every account with its role, municipalities, committees and how it signs in; read-only.

Accounts are changed with `python -m accounts` (add, disable, reset-password); the page says so.
"""

import dash
from dash import html

from accounts import store
from data.formatting import count
from ui.admin import account_columns, account_rows
from ui.components import data_table, page

dash.register_page(__name__, path="/admin/konton", name="Konton", title="Konton – Styrkedjan", order=89)
PREFIX = "admin"
TITLE = "Konton"


def layout(**_):
    """The account list, by name (the shell lets only admins reach /admin pages)."""
    users = store.accounts()
    return page(
        TITLE,
        html.P(
            [
                "Konton läggs till, stängs av och får nytt lösenord på servern med ",
                html.Code("python -m accounts add|disable|reset-password", className="text-body"),
                " (se README). Ändringarna skrivs i granskningsloggen.",
            ]
        ),
        data_table(f"{PREFIX}-konton", account_rows(users), account_columns(), page_size=50),
        intro=count(len(users), "konto", "konton") + ".",
    )
