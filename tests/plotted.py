"""Figures as plotly reads them: builders return plain dicts, tests inspect them through go.Figure."""

import json

import plotly.graph_objects as go
import plotly.io as pio


def plotted(fig: dict | go.Figure) -> go.Figure:
    """The figure validated by plotly; a dict must be exactly what plotly would send for it (nothing coerced)."""
    checked = go.Figure(fig)
    if isinstance(fig, dict):
        assert json.loads(pio.to_json(fig, validate=False)) == json.loads(checked.to_json())
    return checked
