"""Mål: an indicator with a Kolada KPI shows own value, own target, the network's and the country's median together."""


def card_texts(facts) -> list[list[str]]:
    return [[getattr(p.children, "children", p.children) for p in col.children.children] for col in facts.children]


def test_indicator_row_has_own_value_target_network_and_national_median(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  registers the pages
    from pages import mal

    _figure, facts = mal.update_indicator("BUN|BUN-1.1", "2581", "2025-12", "BUN")
    assert card_texts(facts) == [
        ["Senaste utfall (2025-T3)", "86,8 %"],
        ["Målvärde", "88,0 %", "Högre är bättre"],
        ["Status", "✖ Når inte målvärdet"],
        ["Nätverkets median", "86,6 %", "Samma KPI, 2025-T3"],
        ["Rikets kommunmedian", "83,5 %", "Kolada N15419 2025"],
    ]
    _figure, facts = mal.update_indicator("BUN|BUN-2.1", "2581", "2025-12", "BUN")  # no Kolada KPI
    assert card_texts(facts)[-1] == ["Kolada-KPI", "–", "Ingen Kolada-KPI: ingen nationell jämförelse"]
