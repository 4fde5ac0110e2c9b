"""A small, hand-computable warehouse for the shell, overview and goal tests.

Piteå (2581):
- BUN: tertial report 2024-T3 (goals G1 partly met, G2 partly met, G3 met) and 2025-T1 (G1 met, G2 partly met,
  G3 not met), so as of April 2025 one goal improved and one worsened. Indicators: BUN-1.1 (higher is better,
  target 80, outcomes 74 in 2023 and 76,5 in 2024, Kolada N15419), BUN-2.1 (lower is better, target 5, outcome 4),
  BUN-3.1 (no target). Monthly reports 2025-03 and 2025-04 with economy, deviations, an overdue assignment and a
  project with a red cost light.
- SN: monthly report 2025-03 only, so in April it has "Ingen rapport inlämnad".
Åsele (2463): BUN reports 2025-02; its rows must never leak into Piteå's figures.

Overview for Piteå, April 2025, BUN: budget to date −400, outcome −435 (deviation −35 tkr, −8,75 %), annual budget
−1 200, forecast −1 260 (deviation −60; March −50, so −10 since last month), 1 open deviation (AV-3, new in
April), 1 overdue assignment, 1 red project.
"""

from datetime import date
from pathlib import Path

from tests.fixtures import build_warehouse, money, workbook


def goal(goal_id, council_goal_id, council_goal, text, perspective, assessment, comment=None) -> dict:
    """One row of the Mål sheet."""
    return {
        "goal_id": goal_id,
        "council_goal_id": council_goal_id,
        "council_goal": council_goal,
        "goal": text,
        "perspective": perspective,
        "assessment": assessment,
        "comment": comment,
    }


def indicator(indicator_id, goal_id, name, unit, direction, target, kolada, period, outcome) -> dict:
    """One row of the Indikatorer sheet with its outcome period filled in, as the reader does."""
    return {
        "indicator_id": indicator_id,
        "goal_id": goal_id,
        "name": name,
        "unit": unit,
        "direction": direction,
        "target": target,
        "kolada_kpi": kolada,
        "period": period,
        "period_end": date(int(period[:4]), 12, 31),
        "outcome": outcome,
    }


SCHOOL = "Alla barn och unga ska lyckas i skolan"
CARE = "Äldre ska känna sig trygga"


def bun_goals(g1, g2, g3) -> list[dict]:
    """BUN's three goals with the given assessments."""
    return [
        goal("G1", "KF-1", SCHOOL, "Fler elever når målen i åk 9", "citizen", g1, "Resultaten har förbättrats."),
        goal("G2", "KF-1", SCHOOL, "Ökad närvaro i grundskolan", "process", g2, '=HYPERLINK("x")'),
        goal("G3", "KF-2", CARE, "Öka andelen behöriga lärare", "employee", g3, None),
    ]


BUN_INDICATORS = [
    indicator(
        "BUN-1.1", "G1", "Andel elever med godkänt i alla ämnen, åk 9", "%", "higher", 80.0, "N15419", "2023", 74.0
    ),
    indicator(
        "BUN-1.1", "G1", "Andel elever med godkänt i alla ämnen, åk 9", "%", "higher", 80.0, "N15419", "2024", 76.5
    ),
    indicator("BUN-2.1", "G2", "Ogiltig frånvaro", "%", "lower", 5.0, None, "2024", 4.0),
    indicator("BUN-3.1", "G3", "Andel behöriga lärare", "%", "higher", None, None, "2024", 71.0),
]


# BUN's deviation AV-1: open in March, closed in April.
VACANCIES = {
    "deviation_id": "AV-1",
    "reported_date": date(2025, 3, 10),
    "type": "operations",
    "severity": "medium",
    "description": "Vakanta tjänster",
    "status": "open",
}


def build(path: Path) -> Path:
    """Publish the steering fixture warehouse at path."""
    books = [
        workbook("2581", "BUN", "2024-T3", date(2025, 1, 20), goals=bun_goals("partly_met", "partly_met", "met")),
        workbook(
            "2581",
            "BUN",
            "2025-T1",
            date(2025, 5, 5),
            goals=bun_goals("met", "partly_met", "not_met"),
            indicators=BUN_INDICATORS,
        ),
        workbook(
            "2581",
            "BUN",
            "2025-03",
            date(2025, 4, 8),
            economy=[
                money("2025-01", -1200, -100, -110, -1200),
                money("2025-02", -1200, -100, -105, -1230),
                money("2025-03", -1200, -100, -100, -1250),
            ],
            deviations=[
                VACANCIES,
                {
                    "deviation_id": "AV-2",
                    "reported_date": date(2025, 2, 1),
                    "type": "economy",
                    "severity": "low",
                    "description": "Sen fakturering",
                    "status": "closed",
                    "closed_date": date(2025, 2, 20),
                },
            ],
            assignments=[
                {
                    "case_number": "KS 2025/1",
                    "decided_by": "KS",
                    "decision_date": date(2025, 1, 15),
                    "title": "Utred skolskjutsen",
                    "due_date": date(2025, 3, 15),
                    "status": "in_progress",
                },
                {
                    "case_number": "KS 2025/2",
                    "decided_by": "KF",
                    "decision_date": date(2025, 2, 24),
                    "title": "Plan för lokaler",
                    "due_date": date(2025, 6, 30),
                    "status": "not_started",
                },
            ],
            projects=[
                {
                    "project_id": "P-1",
                    "name": "Ny skola",
                    "phase": "execution",
                    "light_time": "green",
                    "light_cost": "red",
                    "light_delivery": "yellow",
                    "budget": 12500.0,
                    "cost_to_date": 4210.0,
                    "start_date": date(2024, 9, 1),
                    "planned_end": date(2026, 6, 30),
                    "forecast_end": date(2026, 9, 30),
                },
            ],
        ),
        workbook(
            "2581",
            "BUN",
            "2025-04",
            date(2025, 5, 7),
            economy=[money("2025-04", -1200, -100, -120, -1260)],
            deviations=[
                {**VACANCIES, "status": "closed", "closed_date": date(2025, 4, 20)},
                {
                    "deviation_id": "AV-3",
                    "reported_date": date(2025, 4, 5),
                    "type": "quality",
                    "severity": "high",
                    "description": "Brister i skolmaten",
                    "status": "open",
                },
            ],
        ),
        workbook(
            "2581",
            "SN",
            "2025-03",
            date(2025, 4, 9),
            economy=[money(month, -2400, -200, -190, -2300) for month in ("2025-01", "2025-02", "2025-03")],
        ),
        workbook("2463", "BUN", "2025-02", date(2025, 3, 6), economy=[money("2025-02", -900, -75, -80, -950)]),
    ]
    return build_warehouse(path, books, demo=True)
