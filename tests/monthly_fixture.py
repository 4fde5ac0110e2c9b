"""A small, hand-computable municipality for the economy, deviation and monthly report tests.

Piteå (2581), September 2025:
- BUN reports monthly June..September with two activities; its forecast deviation worsens July, August and
  September (−10, −20, −30, −50 tkr), so it is flagged as worsening three months in a row.
- SN reports August and September as one row per month (no activity); its September file was corrected, and the
  first version (outcome −300) is superseded.
- SBN reported August only, so in September it has "Ingen rapport inlämnad".
- Åsele (2463) has rows that must never leak into Piteå's figures.
"""

from datetime import date, datetime
from pathlib import Path

from etl.model import Workbook
from tests.fixtures import build_warehouse, money, publish, workbook

LOADED_AT = datetime(2025, 10, 14, 7, 30)


BUN_ROWS = {
    "2025-06": [
        money("2025-06", -1200, -100, -105, -1210, "Grundskola"),
        money("2025-06", -600, -50, -50, -600, "Förskola"),
    ],
    "2025-07": [
        money("2025-07", -1200, -100, -110, -1220, "Grundskola"),
        money("2025-07", -600, -50, -45, -600, "Förskola"),
    ],
    "2025-08": [
        money("2025-08", -1200, -100, -100, -1230, "Grundskola"),
        money("2025-08", -600, -50, -50, -600, "Förskola"),
    ],
    "2025-09": [
        money("2025-09", -1200, -100, -120, -1250, "Grundskola"),
        money("2025-09", -600, -50, -55, -600, "Förskola"),
    ],
}


def deviation(deviation_id, reported, type_, severity, status, description, **extra) -> dict:
    """One row of the Avvikelser sheet."""
    return {
        "deviation_id": deviation_id,
        "reported_date": reported,
        "type": type_,
        "severity": severity,
        "description": description,
        "cause": extra.get("cause"),
        "action": extra.get("action"),
        "responsible_role": extra.get("responsible_role"),
        "status": status,
        "closed_date": extra.get("closed_date"),
    }


def economy_workbooks() -> list:
    """Workbooks with economy rows only."""
    books = [workbook("2581", "BUN", month, economy=rows) for month, rows in BUN_ROWS.items()]
    books += [
        workbook("2581", "SN", "2025-08", economy=[money("2025-08", -2400, -200, -190, -2380)]),
        workbook("2581", "SN", "2025-09", economy=[money("2025-09", -2400, -200, -300, -2380)]),
        workbook(
            "2581",
            "SN",
            "2025-09",
            date(2025, 10, 12),
            economy=[money("2025-09", -2400, -200, -195, -2390)],
        ),
        workbook("2581", "SBN", "2025-08", economy=[money("2025-08", -900, -75, -80, -910)]),
        workbook("2463", "BUN", "2025-09", economy=[money("2025-09", -5000, -400, -999, -6000)]),
    ]
    return books


def bun_september_correction(report_date: date) -> Workbook:
    """BUN's September file sent again: Grundskola's outcome −220 (was −120) and forecast −1 400 tkr (was −1 250)."""
    return workbook(
        "2581",
        "BUN",
        "2025-09",
        report_date,
        economy=[
            money("2025-09", -1200, -100, -220, -1400, "Grundskola"),
            money("2025-09", -600, -50, -55, -600, "Förskola"),
        ],
    )


def deviation_workbooks() -> list:
    """Workbooks with deviation reports for August and September (snapshot facts)."""
    aug_bun = [
        deviation(
            "AV-1",
            date(2025, 8, 4),
            "economy",
            "high",
            "open",
            "Kostnader för skolskjuts över budget",
            action="Ny upphandling",
            responsible_role="Förvaltningschef",
        ),
        deviation("AV-2", date(2025, 8, 20), "quality", "low", "in_progress", "Sena åtgärdsprogram"),
    ]
    sep_bun = [
        deviation(
            "AV-1",
            date(2025, 8, 4),
            "economy",
            "high",
            "in_progress",
            "Kostnader för skolskjuts över budget",
            action="Ny upphandling",
            responsible_role="Förvaltningschef",
        ),
        deviation(
            "AV-2", date(2025, 8, 20), "quality", "low", "closed", "Sena åtgärdsprogram", closed_date=date(2025, 9, 10)
        ),
        deviation(
            "AV-3",
            date(2025, 9, 15),
            "incident",
            "high",
            "open",
            '<script>alert(1)</script> <b>fet</b> & "citat"',
            action="=1+1",
            responsible_role="Rektor",
        ),
    ]
    sep_sn = [
        deviation("SN-7", date(2025, 9, 2), "operations", "medium", "open", "Vakanta tjänster i hemtjänsten"),
    ]
    return [
        workbook("2581", "BUN", "2025-08", deviations=aug_bun),
        workbook("2581", "BUN", "2025-09", deviations=sep_bun),
        workbook("2581", "SN", "2025-09", deviations=sep_sn),
        workbook(
            "2463",
            "SN",
            "2025-09",
            deviations=[deviation("X-1", date(2025, 9, 1), "economy", "high", "open", "Annan kommun")],
        ),
    ]


def economy_warehouse(path: Path) -> Path:
    """A published warehouse holding the economy workbooks."""
    return build_warehouse(path, economy_workbooks())


def deviation_warehouse(path: Path) -> Path:
    """A published warehouse holding the deviation workbooks."""
    return build_warehouse(path, deviation_workbooks())


def goal(goal_id, assessment, text) -> dict:
    """One row of the Mål sheet."""
    return {
        "goal_id": goal_id,
        "council_goal_id": "KF-1",
        "council_goal": "Alla barn och unga ska lyckas i skolan",
        "goal": text,
        "perspective": "citizen",
        "assessment": assessment,
        "comment": None,
    }


def project(project_id, name, light_cost, phase="execution") -> dict:
    """One row of the Projekt sheet."""
    return {
        "project_id": project_id,
        "name": name,
        "owner": None,
        "sponsor_role": "Förvaltningschef",
        "manager_role": "Projektledare",
        "phase": phase,
        "decision_point": "BP2",
        "decision_date": date(2025, 2, 1),
        "light_time": "green",
        "light_cost": light_cost,
        "light_delivery": "green",
        "budget": 12500.0,
        "cost_to_date": 9800.0,
        "start_date": date(2025, 1, 1),
        "planned_end": date(2026, 6, 30),
        "forecast_end": date(2026, 6, 30),
        "external_funding": None,
        "funder": None,
        "last_status_report": date(2025, 9, 1),
        "final_report": "no",
    }


def assignment(case_number, title, due, status) -> dict:
    """One row of the Uppdrag sheet."""
    return {
        "case_number": case_number,
        "paragraph": "§ 12",
        "decided_by": "KS",
        "decision_date": date(2025, 2, 10),
        "title": title,
        "recipient": None,
        "due_date": due,
        "status": status,
        "reported_back_date": None,
        "comment": None,
    }


def report_workbooks() -> list:
    """Economy and deviations as above, plus goals, projects and assignments, one workbook per submission."""
    extra = {
        ("BUN", "2025-04"): {
            "goals": [
                goal("BUN-1", "partly_met", "Fler elever når målen i åk 9"),
                goal("BUN-2", "met", "Ökad närvaro"),
                goal("BUN-3", "met", "Nöjda vårdnadshavare"),
            ]
        },
        ("BUN", "2025-08"): {
            "goals": [
                goal("BUN-1", "met", "Fler elever når målen i åk 9"),
                goal("BUN-2", "not_met", "Ökad närvaro"),
                goal("BUN-3", "met", "Nöjda vårdnadshavare"),
            ]
        },
        ("BUN", "2025-09"): {
            "projects": [project("P-1", "Ny skola i Öjebyn", "red"), project("P-2", "Digital närvaro", "green")],
            "assignments": [
                assignment("KS 2025/1", "Utred gemensam skolskjuts", date(2025, 6, 30), "in_progress"),
                assignment("KS 2025/2", "Plan för lokalförsörjning", date(2025, 12, 31), "in_progress"),
                assignment("KS 2025/3", "Översyn av avgifter", date(2025, 5, 31), "done"),
            ],
        },
    }
    for book in deviation_workbooks():
        key = (book.about.committee_code, book.about.period)
        if book.about.municipality_code == "2581":
            extra.setdefault(key, {}).update(book.facts)
    books, used = [], set()
    # The last economy workbook per key carries the extra facts, so SN's corrected September file has SN-7.
    piteå = [(i, b) for i, b in enumerate(economy_workbooks()) if b.about.municipality_code == "2581"]
    last = {(b.about.committee_code, b.about.period): i for i, b in piteå}
    for i, book in enumerate(economy_workbooks()):
        key = (book.about.committee_code, book.about.period)
        if book.about.municipality_code == "2581" and last[key] == i and key in extra:
            facts = {**book.facts, **extra[key]}
            book = workbook("2581", key[0], key[1], book.about.report_date, **facts)
            used.add(key)
        books.append(book)
    for key, facts in extra.items():
        if key not in used:
            books.append(workbook("2581", key[0], key[1], **facts))
    return books


# The monthly report's economy total row for Piteå, September 2025 (report_warehouse), as every format shows it.
REPORT_TOTAL_ROW = (
    "Summa, hela kommunen",
    "−4\u00a0200",
    "−1\u00a0000",
    "−1\u00a0020",
    "−20",
    "−2,0\u00a0%",
    "−4\u00a0240",
    "−40",
    "−1,0\u00a0%",
)


def report_warehouse(path: Path) -> Path:
    """A published warehouse with everything the monthly report reads, loaded at LOADED_AT."""
    publish(path, report_workbooks(), loaded_at=LOADED_AT, fresh=True)
    return path
