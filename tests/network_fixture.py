"""A small network warehouse shared by the network and comparison tests (figures chosen by hand)."""

from datetime import date
from pathlib import Path

import duckdb

from etl.model import Workbook
from tests.fixtures import build_warehouse, workbook

DEFINITION = "Månadsavlönade den 1:a i månaden"
MONTHS = ("2025-01", "2025-02", "2025-03")


def suggestion_rows(department: str, submitted, implemented, months=MONTHS) -> list[dict]:
    """Suggestion rows for one department, one per month."""
    return [
        {"department": department, "month": m, "submitted": s, "implemented": i, "rejected": None}
        for m, s, i in zip(months, submitted, implemented, strict=True)
    ]


def employee_rows(department: str, counts, definition: str = DEFINITION, months=MONTHS) -> list[dict]:
    """Employee rows for one department, one per month."""
    return [
        {"department": department, "month": m, "employees": n, "definition": definition}
        for m, n in zip(months, counts, strict=True)
    ]


def office_report(
    code: str, department: str, submitted, implemented, employees, months=MONTHS, definition=DEFINITION, **facts
) -> Workbook:
    """KS's March 2025 report for a municipality whose suggestions all come from one department."""
    suggestions = suggestion_rows(department, submitted, implemented, months)
    staff = employee_rows(department, employees, definition)
    return workbook(code, "KS", "2025-03", suggestions=suggestions, employees=staff, **facts)


def network_workbooks(extra: dict | None = None) -> list:
    """Five municipalities over January-March 2025, one incomplete, one with data only in 2024.

    Implemented per employee: Motala 12/80 = 0.15, Piteå 40/300, Åsele 6/50 = 0.12, Vimmerby 12/100 = 0.12;
    Västerås lacks February's suggestions; Jönköping reported only December 2024.
    """
    buf, soc = "Barn- och utbildningsförvaltningen", "Socialförvaltningen"
    return [
        workbook(
            "2581",
            "KS",
            "2025-03",
            suggestions=suggestion_rows(buf, (10, 10, 10), (5, 5, 5)) + suggestion_rows(soc, (20, 20, 20), (10, 10, 5)),
            employees=employee_rows(buf, (100, 100, 100)) + employee_rows(soc, (200, 200, 200)),
            network_targets=[{"year": 2025, "target_submitted": 1.0, "target_implemented": 0.6}],
            **(extra or {}),
        ),
        office_report(
            "2463", "Kommunledningsförvaltningen", (4, 3, 3), (2, 2, 2), (50, 50, 50), definition="Alla anställda"
        ),
        office_report("0884", "Kommunledningsförvaltningen", (10, 10, 10), (4, 4, 4), (100, 100, 100)),
        office_report(
            "1980",
            "Stadsledningsförvaltningen",
            (900, 900),
            (500, 500),
            (1000, 1000, 1000),
            months=("2025-01", "2025-03"),
        ),
        office_report(
            "0583",
            "Kommunstyrelsens förvaltning",
            (10, 10, 10),
            (4, 4, 4),
            (70, 80, 90),
            network_targets=[{"year": 2025, "target_submitted": None, "target_implemented": 0.5}],
        ),
        workbook(
            "0680",
            "KS",
            "2024-12",
            suggestions=suggestion_rows("Stadskontoret", (5,), (1,), ("2024-12",)),
            employees=employee_rows("Stadskontoret", (40,), months=("2024-12",)),
        ),
    ]


def build_network(path: Path) -> Path:
    """Publish the network fixture warehouse at path."""
    return build_warehouse(path, network_workbooks())


def indicator(indicator_id: str, name: str, unit: str, direction: str, target, kpi, period: str, outcome) -> dict:
    """An indicator row with its period end (2023-T3, 2024-T3, 2025-03; anything else ends 2025-04-30)."""
    end = {"2023-T3": date(2023, 12, 31), "2024-T3": date(2024, 12, 31), "2025-03": date(2025, 3, 31)}
    return {
        "indicator_id": indicator_id,
        "goal_id": "M-1",
        "name": name,
        "unit": unit,
        "direction": direction,
        "target": target,
        "kolada_kpi": kpi,
        "period": period,
        "period_end": end.get(period, date(2025, 4, 30)),
        "outcome": outcome,
    }


ANDEL = "Andel elever i åk 9 som är behöriga till yrkesprogram"


def build_comparison(path: Path) -> Path:
    """The network warehouse plus shared indicators: N15419 (four municipalities, one without outcome, tie at
    77.0) and "Antal felanmälningar" by name (lower is better, countable); inhabitants for Piteå and Åsele."""
    faults = ("Antal felanmälningar", "st", "lower")
    books = [
        *network_workbooks(),
        workbook(
            "2581",
            "BUN",
            "2024",
            indicators=[
                indicator("B-1", ANDEL, "%", "higher", 80.0, "N15419", "2024-T3", 77.0),
                indicator("B-1", ANDEL, "%", "higher", 80.0, "N15419", "2023-T3", 75.0),
                indicator("B-9", "Unik indikator", "st", "higher", None, None, "2024-T3", 3.0),
            ],
        ),
        workbook(
            "0884",
            "BUN",
            "2024",
            indicators=[
                indicator("V-1", "Behöriga till yrkesprogram", "%", "higher", 75.0, "n15419 ", "2024-T3", 76.5)
            ],
        ),
        workbook(
            "1980", "BUN", "2024", indicators=[indicator("X-1", ANDEL, "%", "higher", None, "N15419", "2024-T3", 77.0)]
        ),
        workbook(
            "0583", "BUN", "2024", indicators=[indicator("M-1", ANDEL, "%", "higher", 85.0, "N15419", "2024-T3", None)]
        ),
        workbook(
            "2581",
            "TN",
            "2025-03",
            indicators=[
                indicator("T-1", *faults, 1000.0, None, "2025-03", 1200.0),
                indicator("T-1", *faults, 1000.0, None, "2025-T1", 4000.0),
            ],
        ),
        workbook("2463", "TN", "2025-03", indicators=[indicator("T-1", *faults, 160.0, None, "2025-03", 150.0)]),
    ]
    build_warehouse(path, books)
    with duckdb.connect(str(path)) as con:  # the reference table has no inhabitants: a test sets them
        con.execute("update municipality set inhabitants = 42600 where municipality_code = '2581'")
        con.execute("update municipality set inhabitants = 2750 where municipality_code = '2463'")
    return path
