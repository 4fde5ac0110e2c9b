"""Rapportläge's rules with literal dates: on time, N days late, missing and overdue, due soon, upcoming."""

from datetime import date, datetime

import pytest

from data import deadlines
from data.deadlines import state
from etl.deadlines import Deadline, store_into
from etl.store import Staging
from tests.fixtures import workbook
from ui.deadlines import state_text, table_row

TODAY = date(2026, 5, 5)
MEETINGS = [
    {"body": "KS", "meeting_date": date(2026, 4, 20)},
    {"body": "KF", "meeting_date": date(2026, 4, 27)},
    {"body": "KS", "meeting_date": date(2026, 5, 18)},
]


def test_the_state_of_a_report_against_its_deadline():
    deadline = date(2026, 4, 10)
    assert state(deadline, date(2026, 4, 9), TODAY) == ("on_time", 0)
    assert state(deadline, date(2026, 4, 10), TODAY) == ("on_time", 0)  # the deadline day itself is on time
    assert state(deadline, date(2026, 4, 13), TODAY) == ("late", 3)
    assert state(deadline, None, date(2026, 4, 11)) == ("overdue", 1)
    assert state(deadline, None, date(2026, 4, 10)) == ("due_soon", 0)
    assert state(deadline, None, date(2026, 3, 27)) == ("due_soon", 14)
    assert state(deadline, None, date(2026, 3, 26)) == ("upcoming", 15)


@pytest.fixture
def calendar_db(tmp_path, monkeypatch):
    """Piteå, March–May 2026: on time, late (and corrected), withdrawn, missing, a committee's own deadline."""
    path = tmp_path / "lager.duckdb"
    staging = Staging(path, fresh=True)

    def add(committee: str, period: str, at: datetime, day: int = 1, **facts) -> int:
        wb = workbook("2581", committee, period, date(at.year, at.month, day), economy=[], **facts)
        return staging.add([wb], loaded_at=at)[0].submission_id

    add("KS", "2026-03", datetime(2026, 4, 9, 15, 2), meetings=MEETINGS)
    add("BUN", "2026-03", datetime(2026, 4, 13, 8, 0))
    add("BUN", "2026-03", datetime(2026, 4, 20, 8, 0), day=20)  # a correction: still 3 days late
    add("SN", "2026-03", datetime(2026, 4, 14, 23, 59))  # SN's own deadline, on the day
    withdrawn = add("SBN", "2026-03", datetime(2026, 4, 8, 9, 0))
    add("KFN", "2026-03", datetime(2026, 4, 9, 9, 0))
    correction = add("KFN", "2026-03", datetime(2026, 4, 12, 9, 0), day=12)
    add("KS", "2026-04", datetime(2026, 5, 4, 10, 30))
    staging.withdraw(withdrawn, "fel kommun", "admin", datetime(2026, 4, 21))
    staging.withdraw(correction, "fel fil", "admin", datetime(2026, 4, 22))
    calendar = [
        Deadline("2581", None, "2026-03", date(2026, 3, 31), date(2026, 4, 10)),
        Deadline("2581", "SN", "2026-03", date(2026, 3, 31), date(2026, 4, 14)),
        Deadline("2581", None, "2026-04", date(2026, 4, 30), date(2026, 5, 11)),
        Deadline("2581", "BUN", "2026-T1", date(2026, 4, 30), date(2026, 5, 15)),
        Deadline("2581", None, "2026-05", date(2026, 5, 31), date(2026, 6, 10)),
    ]
    store_into(staging.con, calendar, "kalender.xlsx", datetime(2026, 3, 1))
    staging.publish()
    monkeypatch.setenv("STYRKEDJAN_DB", str(path))
    return path


def test_every_committee_and_period_gets_its_state_at_a_fixed_today(calendar_db):
    items = deadlines.statuses("2581", "2026-04", "ar", today=TODAY)
    march = [(i.committee_code, i.deadline, i.submitted_at, i.state, i.days, i.withdrawn) for i in items[:6]]
    assert march == [
        ("BUN", date(2026, 4, 10), datetime(2026, 4, 13, 8, 0), "late", 3, False),
        ("KS", date(2026, 4, 10), datetime(2026, 4, 9, 15, 2), "on_time", 0, False),
        ("KFN", date(2026, 4, 10), datetime(2026, 4, 9, 9, 0), "on_time", 0, True),
        ("MBN", date(2026, 4, 10), None, "overdue", 25, False),
        ("SBN", date(2026, 4, 10), None, "overdue", 25, True),
        ("SN", date(2026, 4, 14), datetime(2026, 4, 14, 23, 59), "on_time", 0, False),
    ]
    later = [(i.period, i.committee_code, i.state, i.days) for i in items[6:]]
    assert later == [
        ("2026-04", "BUN", "due_soon", 6),
        ("2026-04", "KS", "on_time", 0),
        ("2026-04", "KFN", "due_soon", 6),
        ("2026-04", "MBN", "due_soon", 6),
        ("2026-04", "SBN", "due_soon", 6),
        ("2026-04", "SN", "due_soon", 6),
        ("2026-T1", "BUN", "due_soon", 10),
        ("2026-05", "BUN", "upcoming", 36),
        ("2026-05", "KS", "upcoming", 36),
        ("2026-05", "KFN", "upcoming", 36),
        ("2026-05", "MBN", "upcoming", 36),
        ("2026-05", "SBN", "upcoming", 36),
        ("2026-05", "SN", "upcoming", 36),
    ]
    assert deadlines.counts(items) == {"late": 1, "on_time": 4, "overdue": 2, "due_soon": 6, "upcoming": 6}
    assert [(i.next_ks, i.next_kf) for i in items[:1]] == [(date(2026, 4, 20), date(2026, 4, 27))]
    assert (items[7].next_ks, items[7].next_kf) == (date(2026, 5, 18), None)


def test_the_month_scope_shows_the_periods_ending_in_the_month_and_the_words_say_the_state(calendar_db):
    items = deadlines.statuses("2581", "2026-03", "manad", today=TODAY)
    assert [state_text(i) for i in items] == [
        "◆ Inlämnad sent, 3 dagar efter sista dag",
        "✔ Inlämnad i tid",
        "✔ Inlämnad i tid",
        "✖ Saknas, försenad 25 dagar",
        "✖ Saknas, försenad 25 dagar (rapporten återkallad)",
        "✔ Inlämnad i tid",
    ]
    assert table_row(items[0]) == {
        "state": "late",
        "committee": "Barn- och utbildningsnämnden",
        "period": "2026-03",
        "deadline": "2026-04-10",
        "state_text": "◆ Inlämnad sent, 3 dagar efter sista dag",
        "days": 3,
        "submitted": "2026-04-13 08:00",
        "report_date": "2026-04-20",  # the report in force: the correction
        "next_ks": "2026-04-20",
        "next_kf": "2026-04-27",
    }
    soon = deadlines.statuses("2581", "2026-04", "manad", today=date(2026, 5, 11))
    assert [state_text(i) for i in soon if i.committee_code == "BUN"] == [
        "⚠ Sista dag snart: sista dag i dag",
        "⚠ Sista dag snart: 4 dagar kvar",
    ]
    assert deadlines.statuses("0163", "2026-04", "ar", today=TODAY) == []
