"""Benchmark cases for the project pages that the default scenarios do not reach (bench/callbacks.py)."""

CASES = [
    ("/projekt", {"projekt-flagga": {"value": "alla"}}),
    ("/projekt", {"projekt-fas": {"value": "execution"}, "projekt-flagga": {"value": "forecast_late"}}),
    # The example project's own municipality, whatever municipality the scenario picked.
    ("/projekt/P-2023-05", {"projekt-historik-kommun": {"value": "2280"}}),
]
