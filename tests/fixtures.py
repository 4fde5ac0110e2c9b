"""Building small real warehouses for tests: Workbook objects in, a published DuckDB file out."""

import hashlib
from datetime import date, datetime
from pathlib import Path

from data.periods import parse_period
from etl.model import About, Workbook
from etl.store import Staging

# The sheets of a committee's report workbook, in order; the template adds Instruktioner first and the KS-only
# sheets Nätverksmål and Sammanträden last.
REPORT_SHEETS = [
    "Om rapporten",
    "Mål",
    "Indikatorer",
    "Ekonomi",
    "Avvikelser",
    "Uppdrag",
    "Projekt",
    "Förbättringsförslag",
    "Medarbetare",
]

# Piteå's committees in Swedish order, the same in the demo (etl/demo.py) and in tests/steering_fixture.py.
PITEA_COMMITTEES = [
    "Barn- och utbildningsnämnden",
    "Kommunstyrelsen",
    "Kultur- och fritidsnämnden",
    "Miljö- och byggnämnden",
    "Samhällsbyggnadsnämnden",
    "Socialnämnden",
]


def workbook(
    municipality: str,
    committee: str,
    period: str,
    report_date: date | None = None,
    **facts: list[dict],
) -> Workbook:
    """A validated workbook as the loader would produce it; facts are keyed by sheet key."""
    normalised, start, end = parse_period(period)
    about = About(municipality, committee, normalised, start, end, "Controller", report_date or end)
    digest = hashlib.sha256(repr((municipality, committee, period, report_date, facts)).encode()).hexdigest()
    return Workbook(f"{municipality}_{committee}_{normalised}.xlsx", digest, about, dict(facts))


def publish(
    path: Path,
    workbooks: list[Workbook],
    loaded_at: datetime | None = None,
    published_at: datetime | None = None,
    fresh: bool = False,
    demo: bool = False,
) -> str:
    """Store workbooks in the warehouse at path (a new one if fresh) and publish it; None times mean now.

    Returns the data version id."""
    staging = Staging(path, demo=demo, fresh=fresh)
    staging.add(workbooks, loaded_at=loaded_at)
    return staging.publish(published_at=published_at)


def build_warehouse(path: Path, workbooks: list[Workbook], demo: bool = False) -> Path:
    """Publish a fresh warehouse at path holding exactly these workbooks (stored in order)."""
    publish(path, workbooks, fresh=True, demo=demo)
    return path


def money(month: str, annual_budget, budget, outcome, forecast, activity: str | None = None) -> dict:
    """One row of the Ekonomi sheet (tkr); without an activity it is the whole committee's row."""
    return {
        "month": month,
        "activity": activity,
        "annual_budget": annual_budget,
        "budget": budget,
        "outcome": outcome,
        "forecast": forecast,
    }


def project_row(project_id: str, name: str, **overrides) -> dict:
    """A project fact row (sheet Projekt) in good health; overrides set the columns a test is about."""
    row = {
        "project_id": project_id,
        "name": name,
        "owner": None,
        "sponsor_role": "Förvaltningschef",
        "manager_role": "Projektledare",
        "phase": "execution",
        "decision_point": "BP2",
        "decision_date": date(2025, 1, 20),
        "light_time": "green",
        "light_cost": "green",
        "light_delivery": "green",
        "budget": 1000.0,
        "cost_to_date": 400.0,
        "start_date": date(2024, 9, 1),
        "planned_end": date(2026, 6, 30),
        "forecast_end": date(2026, 6, 30),
        "external_funding": None,
        "funder": None,
        "last_status_report": date(2025, 3, 1),
        "final_report": None,
    }
    row.update(overrides)
    return row
