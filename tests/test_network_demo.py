"""The network pages on the demo warehouse: rounding once, completeness of a single month, the default period."""

import re

import app  # noqa: F401  registers the pages
from data.formatting import number
from pages import forbattringsforslag as page
from tests.test_components import run_js
from tests.test_network_pages import find


def grid_texts(rows: list[dict], columns: list[dict]) -> list[tuple[str, str, str]]:
    """(row name, grid text, number() text) for every number cell, the grid text from the real svNumber in Node."""
    cells = []
    for column in columns:
        formatter = column.get("valueFormatter", {}).get("function", "")
        if match := re.fullmatch(r"svNumber\(params\.value, (\d+), (null|\"[^\"]*\")(, true)?\)", formatter):
            decimals, suffix = int(match[1]), None if match[2] == "null" else match[2].strip('"')
            for row in rows:
                if row[column["field"]] is not None:
                    cells.append((row.get("department") or row["name"], row[column["field"]], decimals, suffix))
    shown = run_js(
        "[" + ",".join(f"f.svNumber({v!r}, {d}, {suffix!r})".replace("None", "null") for _, v, d, suffix in cells) + "]"
    )
    return [
        (name, text, number(value, decimals) + (f"\u00a0{suffix}" if suffix else ""))
        for (name, value, decimals, suffix), text in zip(cells, shown, strict=True)
    ]


def test_network_tables_send_exact_values_and_round_once(demo_read):
    _, _, rows, columns, *_ = page.update_ranking("2581", "2026-10", "ar", "genomforda", "period")
    piteå = next(r for r in rows if r["name"] == "Piteå")
    assert round(piteå["implementation_rate"], 4) == 38.4892
    texts = grid_texts(rows, columns)
    assert ("Piteå", "38\u00a0%", "38\u00a0%") in texts
    assert len(texts) == 63
    assert [t for t in texts if t[1] != t[2]] == []
    _, department_rows, department_columns = page.update_departments("2581", "2026-10", "ar", "genomforda", "period")
    department_texts = grid_texts(department_rows, department_columns)
    assert len(department_texts) == 54
    assert [t for t in department_texts if t[1] != t[2]] == []


def test_single_month_ranks_only_municipalities_complete_that_month(demo_read):
    cards, _, rows, _, _, incomplete, *_ = page.update_ranking("2581", "2026-10", "manad", "genomforda", "period")
    assert [p.children for p in cards[3].children.children] == [
        "Kommuner i rangordningen",
        "7 av 10",
        "3 ofullständiga visas separat",
    ]
    assert [r["name"] for r in rows] == ["Motala", "Lerum", "Vimmerby", "Sollentuna", "Nacka", "Piteå", "Härnösand"]
    assert [li.children for li in incomplete.children[2].children] == [
        "Jönköping: saknar uppgifter (förslag eller medarbetare) för oktober 2026 – 0 av 1 månader är kompletta.",
        "Västerås: saknar uppgifter (förslag eller medarbetare) för oktober 2026 – 0 av 1 månader är kompletta.",
        "Åsele: saknar uppgifter (förslag eller medarbetare) för oktober 2026 – 0 av 1 månader är kompletta.",
    ]
    _, department_rows, _ = page.update_departments("2463", "2026-10", "manad", "genomforda", "period")
    assert [(r["rank"], r["department"], r["complete"]) for r in department_rows] == [
        (1, "Kommunledningsförvaltningen", "Fullständiga"),
        (2, "Socialförvaltningen", "Fullständiga"),
        (3, "Barn- och utbildningsförvaltningen", "Fullständiga"),
        (None, "Miljö- och byggförvaltningen", "Saknas: oktober 2026"),
    ]


def test_ranking_defaults_to_the_latest_month_complete_for_everyone_and_says_so(demo_read):
    for scope in ("ar", "manad"):
        layout = page.layout(kommun="2581", omfang=scope)
        assert find(layout, "forbattringsforslag-period").value == "2026-09"
        assert find(layout, "forbattringsforslag-default").children == (
            "Senaste fullständiga månad: september 2026 (alla kommuner har lämnat alla uppgifter)."
        )
    chosen = page.layout(kommun="2581", period="2026-10")
    assert find(chosen, "forbattringsforslag-period").value == "2026-10"
    assert find(chosen, "forbattringsforslag-default").children is None
    cards, *_ = page.update_ranking("2581", "2026-09", "ar", "genomforda", "period")
    assert cards[3].children.children[1].children == "10 av 10"
