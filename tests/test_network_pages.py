"""The Förbättringsförslag and Jämförelse pages' layouts and callbacks on the small network warehouse."""

import pytest

import app  # noqa: F401  registers the pages
from etl import kolada
from pages import forbattringsforslag as page
from pages import jamforelse
from tests.network_fixture import build_comparison, build_network
from tests.plotted import plotted


@pytest.fixture
def db(tmp_path, read_from):
    return read_from(build_network(tmp_path / "n.duckdb"))


@pytest.fixture
def comparison_db(tmp_path, read_from):
    return read_from(build_comparison(tmp_path / "c.duckdb"))


def card_texts(cards) -> list[tuple[str, str, str]]:
    return [tuple(text(p.children) for p in card.children.children) for card in cards]


def text(child) -> str:
    """A card line's text, also when the label is a link to its glossary entry."""
    return child if isinstance(child, str) else child.children


def find(component, component_id):
    """The component with this id anywhere in a layout tree."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        found = None if child is None or isinstance(child, str) else find(child, component_id)
        if found is not None:  # a component with no children is falsy
            return found
    return None


def test_ranking_callback_texts_and_rows(db):
    cards, _figure, rows, columns, table_page, incomplete, leaders, note = page.update_ranking(
        "2581", "2025-03", "ar", "genomforda", "period"
    )
    assert leaders == ["0583"]
    assert card_texts(cards) == [
        (
            "Ledare, hittills i år (jan–mar 2025)",
            "★ Motala",
            "0,150 genomförda förslag per medarbetare (15,0 per 100). Försprång till Piteå: 1,7 per 100 medarbetare.",
        ),
        ("Placering, Piteå", "Plats 2 av 4", "0,13 per medarbetare"),
        (
            "Mot eget mål, Piteå",
            "▼ Efter målet",
            "Mål 0,60 genomförda per medarbetare och år = 0,150 för 3 av 12 månader; utfall 0,133 (−0,017).",
        ),
        ("Kommuner i rangordningen", "4 av 6", "2 ofullständiga visas separat"),
    ]
    assert [(r["rank"], r["name"], r["employees"], r["definition"], r["target"], r["own"]) for r in rows] == [
        (1, "Motala", 80.0, "Månadsavlönade den 1:a i månaden", "▲ I fas (+0,025)", False),
        (2, "Piteå", 300.0, "Månadsavlönade den 1:a i månaden", "▼ Efter målet (−0,017)", True),
        (3, "Vimmerby", 100.0, "Månadsavlönade den 1:a i månaden", "–", False),
        (3, "Åsele", 50.0, "Alla anställda", "–", False),
    ]
    assert table_page == 0
    assert note == "Jämförelsegrupp: Alla kommuner, 6 kommuner med uppgifter."
    assert [li.children for li in incomplete.children[2].children] == [
        "Jönköping: inga uppgifter för hittills i år (jan–mar 2025).",
        "Västerås: saknar uppgifter (förslag eller medarbetare) för februari 2025 – 2 av 3 månader är kompletta.",
    ]
    assert columns[6]["headerName"] == "Inlämnade per medarbetare"


def test_annualised_and_single_month(db):
    cards, _figure, rows, columns, *_ = page.update_ranking("0583", "2025-03", "ar", "inlamnade", "helar")
    assert columns[6]["headerName"] == "Inlämnade per medarbetare (helårstakt)"
    assert rows[0]["name"] == "Motala" and rows[0]["submitted_per_employee"] == 1.5
    assert rows[0]["implementation_rate"] == 40.0  # a share is never annualised
    assert card_texts(cards)[1] == ("Placering, Motala", "Plats 1 av 4", "1,50 per medarbetare (helårstakt)")
    cards, *_ = page.update_ranking("1980", "2025-02", "manad", "genomforda", "period")
    assert card_texts(cards)[0][:2] == ("Ledare, februari 2025", "★ Motala och Piteå")
    assert card_texts(cards)[1] == ("Placering, Västerås", "Ofullständig", "Saknar 1 av 1 månad")
    assert card_texts(cards)[2][1:] == ("–", "Kan inte bedömas: uppgifterna för perioden är ofullständiga")


def test_departments_and_trends(db):
    _figure, rows, _columns = page.update_departments("2581", "2025-03", "ar", "genomforda", "period")
    assert [(r["rank"], r["department"], r["complete"]) for r in rows] == [
        (1, "Barn- och utbildningsförvaltningen", "Fullständiga"),
        (2, "Socialförvaltningen", "Fullständiga"),
    ]
    trend, yearly = page.update_trends(["0583"], "2581", "2025-03", "ar", "genomforda", "period")
    assert [t.name for t in plotted(trend).data] == ["Nätverkets median", "Piteå", "Motala"]
    assert [t.name for t in plotted(yearly).data] == ["Piteå", "Motala"]


def test_layout_takes_filters_from_the_url(db):
    layout = page.layout(kommun="0583", period="2025-03", omfang="manad", matt="inlamnade", takt="helar")
    assert find(layout, "forbattringsforslag-kommun").value == "0583"
    assert find(layout, "forbattringsforslag-period").value == "2025-03"
    assert [find(layout, f"forbattringsforslag-{n}").value for n in ("omfang", "matt", "takt")] == [
        "manad",
        "inlamnade",
        "helar",
    ]
    fallback = page.layout(kommun="0583", period="2025-02", omfang="x", matt="y", takt="z")
    assert [find(fallback, f"forbattringsforslag-{n}").value for n in ("omfang", "matt", "takt")] == [
        "ar",
        "genomforda",
        "period",
    ]


def test_jamforelse_layout_callbacks_and_kolada(comparison_db, tmp_path):
    layout = jamforelse.layout(indikator="kpi:N15419", kommuner="2581,0884,9999")
    assert find(layout, "jamforelse-rule").children.endswith(
        "och inom den nämnden indikatorn med det första indikator-ID:t."
    )
    assert find(layout, "jamforelse-tid").value == "2024-T3"
    assert find(layout, "jamforelse-kommuner").value == ["2581", "0884"]
    assert [o["disabled"] for o in find(layout, "jamforelse-per").options] == [False, True, True]
    assert find(layout, "jamforelse-grupp").value == "egen"
    cards, _ranking, _distribution, _trend, rows, _columns, note = jamforelse.update(
        "kpi:N15419", "2024-T3", ["2581", "0884"], "invanare"
    )
    assert card_texts(cards) == [
        ("Kommuner med värde", "2 av 2", "2024 tertial 3 (helår)"),
        ("Gruppens median", "76,8\u00a0%", "Egen lista (2 kommuner)"),
        ("Rikets kommunmedian", "–", "Inga Kolada-siffror för N15419 2024 är importerade"),
    ]
    assert [(r["rank"], r["municipality"], r["value"], r["target"], r["status"]) for r in rows] == [
        (1, "Piteå", 77.0, 80.0, "✖ Når inte målvärdet"),
        (2, "Vimmerby", 76.5, 75.0, "✔ Når målvärdet"),
    ]
    assert note == "Indikatorn är redan en andel eller ett genomsnitt och visas som den är."
    path = tmp_path / "k.csv"
    path.write_text("kpi,municipality,period,gender,value\nN15419,2581,2024,T,70\nN15419,0884,2024,T,72\n", "utf-8")
    kolada.store(kolada.read(path)[0], comparison_db, path.name)
    cards = jamforelse.update("kpi:N15419", "2024-T3", None, "")[0]
    assert card_texts(cards)[2] == ("Rikets kommunmedian", "71,0\u00a0%", "Median av 2 kommuner, Kolada N15419 2024")
    per_employee = jamforelse.update("namn:antal felanmälningar", "2025-03", None, "medarbetare")
    assert [(r["municipality"], r["value"]) for r in per_employee[4]] == [("Åsele", 3.0), ("Piteå", 4.0)]
    assert per_employee[5][2]["headerName"] == "Värde (st per medarbetare)"
