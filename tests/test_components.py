"""Shared page components: links carrying filters, badges with symbol and word, Swedish table helpers."""

import json
import subprocess
from pathlib import Path

from data.meta import Filters
from ui.components import (
    assessment_badge,
    assessment_text,
    filter_href,
    light_badge,
    number_column,
    query_string,
    text_column,
)
from ui.figures import light_text

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def test_query_string_skips_empty_values():
    assert query_string(kommun="0884", period="2025-03", namnd=None) == "?kommun=0884&period=2025-03"
    assert query_string(kommun=None) == ""


def test_filter_href_carries_filters_and_page_parameters():
    filters = Filters("2581", "2025-04", "BUN")
    assert filter_href("/mal", filters) == "/mal?kommun=2581&period=2025-04&namnd=BUN"
    assert filter_href("/uppdrag", filters, status="overdue") == (
        "/uppdrag?kommun=2581&period=2025-04&namnd=BUN&status=overdue"
    )


def test_badges_have_symbol_word_and_colour():
    red = light_badge("red")
    assert [red.children[0].children, red.children[1]] == ["■", "Röd"]
    assert red.style == {"color": "#c62828"}
    assert red.children[0].to_plotly_json()["props"]["aria-hidden"] == "true"
    met = assessment_badge("met")
    assert [met.children[0].children, met.children[1]] == ["✔", "Uppfyllt"]
    assert light_badge(None).children == "Inget trafikljus"


def test_plain_text_labels_for_tables():
    assert assessment_text("partly_met") == "◐ Delvis uppfyllt"
    assert assessment_text(None) == "○ Ej bedömt"
    assert light_text("yellow") == "▲ Gul"
    assert light_text(None) == "–"


def test_column_helpers_use_the_swedish_functions():
    assert text_column("name", "Namn")["comparator"] == {"function": "svCompare"}
    assert number_column("x", "Utfall", 1, "tkr")["valueFormatter"] == {"function": 'svNumber(params.value, 1, "tkr")'}


def run_js(expression: str):
    """Evaluate expression in Node after loading assets/dashAgGridFunctions.js as the browser would."""
    script = (
        "global.window = {};"
        f"eval(require('fs').readFileSync({json.dumps(str(ASSETS / 'dashAgGridFunctions.js'))}, 'utf8'));"
        f"const f = window.dashAgGridFunctions; console.log(JSON.stringify({expression}));"
    )
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


def test_sv_number_formats_like_data_formatting():
    calls = "[f.svNumber(-1234.5, 1, 'tkr'), f.svNumber(1234567, 0), f.svNumber(null), f.svNumber(-0.04, 1)]"
    assert run_js(calls) == [
        "\u22121\u00a0234,5\u00a0tkr",
        "1\u00a0234\u00a0567",
        "–",
        "0,0",
    ]


def test_a_unit_in_singular_and_plural_agrees_with_the_number():
    column = number_column("age_days", "Ålder", suffix=("dag", "dagar"))
    assert column["valueFormatter"] == {"function": 'svNumber(params.value, 0, ["dag", "dagar"])'}
    unit = "['dag', 'dagar']"
    calls = f"[f.svNumber(1, 0, {unit}), f.svNumber(2, 0, {unit}), f.svNumber(-1, 0, {unit}, true), "
    calls += f"f.svNumber(0.6, 0, {unit})]"
    assert run_js(calls) == ["1\u00a0dag", "2\u00a0dagar", "\u22121\u00a0dag", "1\u00a0dag"]


def test_header_words_are_never_broken_and_amount_columns_fit_1280_px():
    import app  # noqa: F401  registers the pages
    from pages.ekonomi import _columns
    from ui.components import readable_widths
    from ui.deadlines import columns

    ekonomi = readable_widths(_columns())
    assert [(c["headerName"], c["width"]) for c in ekonomi] == [
        ("Nämnd / verksamhet", 220),
        ("Läge helår", 130),
        ("Årsbudget", 112),
        ("Budget hittills", 112),
        ("Utfall hittills", 112),
        ("Avvikelse hittills", 112),
        ("Avvikelse %", 112),
        ("Prognos helår", 112),
        ("Avvikelse prognos", 112),
        ("Avvikelse prognos %", 112),
    ]
    rapportlage = readable_widths(columns())
    assert [(c["headerName"], c["width"]) for c in rapportlage] == [
        ("Nämnd", 205),
        ("Period", 104),
        ("Sista dag", 110),
        ("Rapportläge", 205),
        ("Dagar sent", 104),
        ("Inlämnad", 150),
        ("Nästa KS", 110),
        ("Nästa KF", 110),
        ("Rapportdatum", 152),
    ]
    # A 1280 px window leaves 1 254 px inside the grid's borders (measured in Chromium).
    assert sum(c["width"] for c in ekonomi) == 1246
    assert sum(c["width"] for c in rapportlage) == 1250


def test_sv_compare_sorts_swedish_letters_last():
    assert run_js("['Östersund', 'Åsele', 'Ängelholm', 'Zinkgruvan', 'Arvika'].sort(f.svCompare)") == [
        "Arvika",
        "Zinkgruvan",
        "Åsele",
        "Ängelholm",
        "Östersund",
    ]


def test_graphs_start_with_one_shared_loading_placeholder():
    from ui.figures import graph, loading_figure

    first, second = graph("a-graph", "A").children[1], graph("b-graph", "B").children[1]
    assert first.figure is second.figure is loading_figure()
    assert [a["text"] for a in loading_figure()["layout"]["annotations"]] == ["Laddar …"]


def test_committee_columns_hold_the_longest_committee_name_whole():
    import app  # noqa: F401  registers the pages
    from pages import avvikelser, mal
    from ui.assignments import summary_columns
    from ui.components import readable_widths
    from ui.deadlines import columns

    grids = [avvikelser._columns(), mal.TABLE_COLUMNS, columns()]
    assert [next(c["width"] for c in grid if c["field"] == "committee") for grid in grids] == [205, 205, 205]
    widths = {c["field"]: c["width"] for c in avvikelser._columns()}
    assert (widths["flag"], widths["responsible_role"]) == (145, 160)
    per_committee = readable_widths(summary_columns())
    assert (per_committee[0]["minWidth"], per_committee[0]["wrapText"], per_committee[0]["pinned"]) == (
        205,
        True,
        "left",
    )
    # Uppdrag's per-committee counts fit beside the names at 1366 px (1 342 px inside the grid).
    assert [c["width"] for c in per_committee[1:]] == [90, 104, 100, 104, 160, 160, 104, 110, 160]
    assert 205 + sum(c["width"] for c in per_committee[1:]) == 1297
