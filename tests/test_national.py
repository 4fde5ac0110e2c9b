"""The national demo (290 municipalities, 2022-01..2026-12): Piteå's place among all of Sweden's municipalities."""

from data import network
from data.network import Period


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
    assert figure.layout.title.text.endswith("<br>Piteå: plats 214 av 290")
    labels = list(figure.data[0].y)
    assert len(labels) == 14
    assert labels[5] == "<i>… 205 kommuner till (plats 6–210), se tabellen</i>"
    assert labels[9] == "<b>▶ 214. Piteå</b>"
    assert labels[13] == "<i>… 73 kommuner till (plats 218–290), se tabellen</i>"
    assert (len(rows), table_page, rows[213]["name"], rows[213]["own"]) == (290, 8, "Piteå", True)
