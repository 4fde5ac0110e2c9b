"""The goal ranking exists once (data.goals.ASSESSMENT_ORDER): Översikt's SQL and the goal pages agree."""

from datetime import date

from data import goals, overview
from tests.fixtures import build_warehouse, workbook
from tests.steering_fixture import goal

# (before, after) for goals G1..G5: better, worse, to and from 'not_assessed', unchanged.
CHANGES = [("not_met", "partly_met"), ("met", "partly_met"), ("not_assessed", "met"), ("partly_met", "not_assessed"),
           ("met", "met")]  # fmt: skip


def goals_of(which: int) -> list[dict]:
    return [
        goal(f"G{i}", "KM1", "Ett gott liv", f"Mål {i}", "citizen", pair[which])
        for i, pair in enumerate(CHANGES, start=1)
    ]


def test_overview_counts_the_changes_the_python_ranking_calls_better_and_worse(tmp_path, monkeypatch):
    path = build_warehouse(
        tmp_path / "w.duckdb",
        [workbook("2581", "BUN", "2025-03", goals=goals_of(0)), workbook("2581", "BUN", "2025-04", goals=goals_of(1))],
    )
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    assert goals.ASSESSMENT_ORDER == ("not_met", "partly_met", "met")
    assert [goals.assessment_change(before, after) for before, after in CHANGES] == [
        "improved", "worsened", "changed", "changed", "unchanged"
    ]  # fmt: skip
    bun = next(
        s for s in overview.committee_summaries("2581", "2025-04", today=date(2025, 5, 1)) if s.committee_code == "BUN"
    )
    assert (bun.goals_improved, bun.goals_worsened) == (1, 1)
    assert [g.change for g in goals.goals("2581", "2025-04")] == [
        "improved", "worsened", "changed", "changed", "unchanged"
    ]  # fmt: skip
