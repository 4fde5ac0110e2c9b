"""The national demo (290 municipalities, 2022-01..2026-12): Piteå's place among all of Sweden's municipalities."""

from data import network
from data.network import Period
from tests.plotted import plotted


def test_national_demo_ranks_pitea_214_of_290(national_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(national_path))
    ranking = network.ranking(Period("2026-01", "2026-11"), "implemented")
    pitea = next(r for r in ranking.ranked if r.municipality_code == "2581")
    assert (pitea.rank, len(ranking.ranked), len(ranking.incomplete)) == (214, 290, 0)
    assert [r.municipality_code for r in ranking.ranked[212:215]] == ["0680", "2581", "1980"]


def test_ranking_page_keeps_pitea_visible_among_290(national_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(national_path))
    import app  # noqa: F401  registers the pages
    from pages import forbattringsforslag

    cards, figure, rows, _columns, table_page, *_ = forbattringsforslag.update_ranking(
        "2581", "2026-11", "ar", "genomforda", "period"
    )
    assert cards[1].children.children[1].children == "Plats 214 av 290"
    assert plotted(figure).layout.title.text.endswith("<br>Piteå: plats 214 av 290")
    labels = list(plotted(figure).data[0].y)
    assert len(labels) == 14
    assert labels[5] == "<i>… 205 kommuner till (plats 6–210), se tabellen</i>"
    assert labels[9] == "<b>▶ 214. Piteå</b>"
    assert labels[13] == "<i>… 73 kommuner till (plats 218–290), se tabellen</i>"
    assert (len(rows), table_page, rows[213]["name"], rows[213]["own"]) == (290, 8, "Piteå", True)


def test_comparison_group_changes_place_and_medians(national_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(national_path))
    import app  # noqa: F401  registers the pages
    from pages import forbattringsforslag

    places, medians = {}, {}
    for grupp in ("alla", "natverk", "storlek", "lan"):
        cards, *_rest, note = forbattringsforslag.update_ranking("2581", "2026-11", "ar", "genomforda", "period", grupp)
        places[grupp] = (cards[1].children.children[1].children, note)
        trend, _yearly = forbattringsforslag.update_trends([], "2581", "2026-11", "ar", "genomforda", "period", grupp)
        median = plotted(trend).data[0]
        medians[grupp] = (median.name, round(median.y[-1], 3))
    assert places == {
        "alla": ("Plats 214 av 290", "Jämförelsegrupp: Alla kommuner, 290 kommuner med uppgifter."),
        "natverk": ("Plats 7 av 10", "Jämförelsegrupp: Nätverket, 10 kommuner med uppgifter."),
        "storlek": (
            "Plats 42 av 51",
            "Jämförelsegrupp: Liknande storlek (25\u00a0000–49\u00a0999 invånare), 51 kommuner med uppgifter.",
        ),
        "lan": ("Plats 10 av 14", "Jämförelsegrupp: Samma län (Norrbottens län), 14 kommuner med uppgifter."),
    }
    assert medians == {
        "alla": ("Nätverkets median", 4.313),
        "natverk": ("Median, Nätverket", 2.407),
        "storlek": ("Median, Liknande storlek (25\u00a0000–49\u00a0999 invånare)", 4.898),
        "lan": ("Median, Samma län (Norrbottens län)", 3.341),
    }
    # A user's own list in the URL, the own municipality always included.
    _cards, *_rest, note = forbattringsforslag.update_ranking(
        "2581", "2026-11", "ar", "genomforda", "period", "egen", "0884,2463,9999"
    )
    assert note == "Jämförelsegrupp: Egen lista (3 kommuner), 3 kommuner med uppgifter."


def test_comparison_group_changes_the_indicator_median(national_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(national_path))
    import app  # noqa: F401  registers the pages
    from pages import jamforelse

    medians = {}
    for grupp in ("alla", "natverk", "storlek", "lan"):
        cards, _ranking, _distribution, _trend, rows, *_ = jamforelse.update(
            "kpi:N15419", "2025-T3", None, "", grupp, "2581"
        )
        label, value, _detail = (p.children for p in cards[1].children.children)
        medians[grupp] = (getattr(label, "children", label), value, len(rows))
    assert medians == {
        "alla": ("Nätverkets median", "86,7\u00a0%", 290),
        "natverk": ("Gruppens median", "86,8\u00a0%", 10),
        "storlek": ("Gruppens median", "86,7\u00a0%", 51),
        "lan": ("Gruppens median", "86,4\u00a0%", 14),
    }
