"""Benchmark cases for the network pages that the default scenarios do not reach (bench/callbacks.py)."""

CASES = [
    ("/forbattringsforslag", {"forbattringsforslag-omfang": {"value": "manad"}}),
    (
        "/forbattringsforslag",
        {"forbattringsforslag-matt": {"value": "inlamnade"}, "forbattringsforslag-takt": {"value": "helar"}},
    ),
    ("/jamforelse", {"jamforelse-indikator": {"value": "kpi:N15505"}}),
    ("/jamforelse", {"jamforelse-indikator": {"value": "kpi:N15419"}, "jamforelse-kommuner": {"value": ["2581"]}}),
    ("/jamforelse", {"jamforelse-indikator": {"value": "namn:sjukfrånvaro bland medarbetarna"}}),
]
