"""Addresses inside the app, without Dash: the reports build the same links as the pages."""

from urllib.parse import urlencode


def query_string(**params) -> str:
    """'?kommun=2581&period=2025-03' from the non-empty parameters ('' when none)."""
    items = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(items) if items else ""
