"""Assignment states, summaries and meeting due lists on a small real warehouse (Piteå, spring 2025)."""

from datetime import date, datetime
from pathlib import Path

import pytest

from data.assignments import (
    assignments,
    committee_summaries,
    due_at_meeting,
    given_and_completed,
    missed_at_meeting,
    select,
    swedish_key,
    years,
)
from data.meetings import last_meeting, meeting_dates, next_meeting
from tests.fixtures import money, publish, workbook

LOADED_AT = datetime(2025, 4, 2, 8, 30)


def _a(case, decided_by, decided, title, due, status, reported=None, recipient=None, paragraph="§ 1"):
    return {
        "case_number": case,
        "paragraph": paragraph,
        "decided_by": decided_by,
        "decision_date": decided,
        "title": title,
        "recipient": recipient,
        "due_date": due,
        "status": status,
        "reported_back_date": reported,
        "comment": None,
    }


def _goal(goal_id, assessment):
    return {
        "goal_id": goal_id,
        "council_goal_id": "KF-1",
        "council_goal": "Alla barn och unga ska lyckas i skolan",
        "goal": f"Nämndmål {goal_id}",
        "perspective": "citizen",
        "assessment": assessment,
        "comment": None,
    }


def scenario_workbooks() -> list:
    """Piteå 2025: BUN reports January to March and T1, SN and KS report March."""
    bun_feb = [
        _a("KF 2024/10", "KF", date(2024, 11, 25), "Utred gemensam skolskjuts", date(2025, 3, 1), "in_progress"),
        _a("KF 2024/11", "KF", date(2024, 12, 16), "Plan för lokalförsörjning", date(2025, 2, 15), "done"),
    ]
    bun_mar = [
        _a("KF 2024/10", "KF", date(2024, 11, 25), "Utred gemensam skolskjuts", date(2025, 3, 1), "in_progress"),
        _a(
            "KF 2024/11", "KF", date(2024, 12, 16), "Plan för lokalförsörjning", date(2025, 2, 15), "done",
            reported=date(2025, 3, 20),
        ),
        _a("KS 2025/5", "KS", date(2025, 1, 13), "Översyn av avgifter", date(2025, 4, 15), "done"),
        _a("KF 2025/7", "KF", date(2025, 1, 27), "Åtgärder mot skolfrånvaro", date(2025, 4, 28), "not_started"),
        _a("KF 2025/9", "KF", date(2025, 2, 24), "Ärendehantering i nytt system", date(2025, 12, 31), "in_progress"),
        _a("KS 2025/2", "KS", date(2025, 1, 7), "Byte av skolskjutsleverantör", date(2025, 1, 31), "cancelled"),
    ]  # fmt: skip
    sn_mar = [
        _a(
            "KF 2024/20", "KF", date(2024, 10, 28), "Handlingsplan för hemtjänsten", date(2025, 2, 1), "done",
            reported=date(2025, 3, 10),
        ),
    ]  # fmt: skip
    meetings = [
        {"body": "KF", "meeting_date": date(2025, 2, 24)},
        {"body": "KF", "meeting_date": date(2025, 4, 28)},
        {"body": "KF", "meeting_date": date(2025, 6, 16)},
        {"body": "KS", "meeting_date": date(2025, 4, 7)},
    ]
    return [
        workbook("2581", "BUN", "2025-01", economy=[money("2025-01", -1200.0, -100.0, -95.0, -1200.0)]),
        workbook(
            "2581", "BUN", "2025-02", assignments=bun_feb,
            economy=[money("2025-02", -1200.0, -100.0, -110.0, -1210.0)],
        ),
        workbook(
            "2581", "BUN", "2025-03", assignments=bun_mar,
            economy=[
                money("2025-03", -700.0, -60.0, -70.0, -720.0, "Grundskola"),
                money("2025-03", -500.0, -40.0, -42.0, -505.0, "Förskola"),
            ],
            goals=[_goal("BUN-1", "met"), _goal("BUN-2", "partly_met"), _goal("BUN-3", "not_met")],
        ),
        workbook("2581", "BUN", "2025-T1", goals=[_goal("BUN-1", "not_met")]),
        workbook("2581", "SN", "2025-03", assignments=sn_mar),
        workbook("2581", "KS", "2025-03", meetings=meetings),
    ]  # fmt: skip


def build_scenario(path: Path) -> Path:
    """Publish the scenario warehouse at path, loaded at a fixed time so stamps are literal."""
    publish(path, scenario_workbooks(), loaded_at=LOADED_AT, fresh=True)
    return path


@pytest.fixture
def warehouse(tmp_path, read_from):
    return read_from(build_scenario(tmp_path / "warehouse.duckdb"))


def _states(items):
    return {item.case_number: item.state for item in items}


def test_states_at_end_of_march(warehouse):
    items = assignments("2581", date(2025, 3, 31))
    assert _states(items) == {
        "KS 2025/2": "cancelled",
        "KF 2024/20": "reported_back",
        "KF 2024/11": "reported_back",
        "KF 2024/10": "overdue",
        "KS 2025/5": "done_not_reported",
        "KF 2025/7": "not_started",
        "KF 2025/9": "in_progress",
    }
    assert [item.case_number for item in items] == [
        "KS 2025/2", "KF 2024/20", "KF 2024/11", "KF 2024/10", "KS 2025/5", "KF 2025/7", "KF 2025/9",
    ]  # fmt: skip


def test_overdue_starts_the_day_after_the_due_date(warehouse):
    on_due_date = assignments("2581", date(2025, 3, 1), committee="BUN")
    day_after = assignments("2581", date(2025, 3, 2), committee="BUN")
    assert _states(on_due_date)["KF 2024/10"] == "in_progress"
    assert _states(day_after)["KF 2024/10"] == "overdue"


def test_done_not_reported_is_its_own_state_until_the_report_back_date(warehouse):
    # KF 2024/11 is done and reported back on 2025-03-20; before that day it is done but not reported.
    assert _states(assignments("2581", date(2025, 3, 19)))["KF 2024/11"] == "done_not_reported"
    assert _states(assignments("2581", date(2025, 3, 20)))["KF 2024/11"] == "reported_back"


def test_snapshot_is_the_latest_report_by_the_end_of_the_month(warehouse):
    # In February only BUN's February report counts: two assignments, the later ones are not yet known.
    items = assignments("2581", date(2025, 2, 20))
    assert _states(items) == {"KF 2024/11": "done_not_reported", "KF 2024/10": "in_progress"}


def test_done_date_is_the_first_report_showing_done_or_the_report_back(warehouse):
    items = {item.case_number: item for item in assignments("2581", date(2025, 3, 31))}
    assert items["KF 2024/11"].done_date == date(2025, 2, 28)  # first reported done in February
    assert items["KF 2024/20"].done_date == date(2025, 3, 10)  # reported back before the March report ended
    assert items["KS 2025/5"].done_date == date(2025, 3, 31)
    assert items["KF 2024/10"].done_date is None
    assert items["KF 2024/10"].recipient_name == "Barn- och utbildningsnämnden"


def test_filters(warehouse):
    as_of = date(2025, 3, 31)
    items = assignments("2581", as_of)
    assert [i.case_number for i in assignments("2581", as_of, committee="SN")] == ["KF 2024/20"]
    assert [i.case_number for i in select(items, decided_by="KS")] == ["KS 2025/2", "KS 2025/5"]
    assert [i.case_number for i in select(items, year=2024)] == ["KF 2024/20", "KF 2024/11", "KF 2024/10"]
    assert [i.case_number for i in select(items, state="overdue")] == ["KF 2024/10"]
    assert [i.case_number for i in select(items, "reported_back", "KF", 2024)] == ["KF 2024/20", "KF 2024/11"]
    assert select(items) == items
    assert assignments("2463", as_of) == []
    assert years(items) == [2025, 2024]


def test_committee_summaries(warehouse):
    as_of = date(2025, 3, 31)
    bun, sn = committee_summaries(assignments("2581", as_of), as_of)
    assert bun.committee_name == "Barn- och utbildningsnämnden"
    assert bun.total == 6
    assert bun.counts == {
        "overdue": 1,
        "in_progress": 1,
        "not_started": 1,
        "done_not_reported": 1,
        "reported_back": 1,
        "cancelled": 1,
    }
    # Done: KF 2024/11 13 days late, KS 2025/5 on time; overdue KF 2024/10 is 30 days late on 2025-03-31.
    assert bun.on_time_percent == 50.0
    assert bun.average_delay_days == pytest.approx(43 / 3)
    assert (sn.committee, sn.total, sn.on_time_percent, sn.average_delay_days) == ("SN", 1, 0.0, 37.0)


def test_given_and_completed_per_month(warehouse):
    rows = given_and_completed(assignments("2581", date(2025, 3, 31)))
    assert rows == [
        ("2024-10", 1, 0),
        ("2024-11", 1, 0),
        ("2024-12", 1, 0),
        ("2025-01", 3, 0),
        ("2025-02", 1, 1),
        ("2025-03", 0, 2),
    ]
    assert given_and_completed([]) == []


def test_meeting_calendar(warehouse):
    dates = meeting_dates("2581")
    assert dates == [date(2025, 2, 24), date(2025, 4, 28), date(2025, 6, 16)]
    assert meeting_dates("2581", "KS") == [date(2025, 4, 7)]
    assert next_meeting(dates, date(2025, 3, 31)) == date(2025, 4, 28)
    assert next_meeting(dates, date(2025, 4, 28)) == date(2025, 4, 28)
    assert next_meeting(dates, date(2025, 6, 17)) is None
    assert last_meeting(dates, date(2025, 3, 31)) == date(2025, 2, 24)
    assert last_meeting(dates, date(2025, 2, 24)) is None


def test_due_at_next_meeting(warehouse):
    items = assignments("2581", date(2025, 3, 31))
    due = due_at_meeting(items, date(2025, 4, 28))
    # Overdue, done but not reported, and due on the meeting day; not the reported, cancelled or later ones.
    assert [(i.case_number, i.state) for i in due] == [
        ("KF 2024/10", "overdue"),
        ("KS 2025/5", "done_not_reported"),
        ("KF 2025/7", "not_started"),
    ]


def test_due_at_last_meeting_and_did_not_come(warehouse):
    items = assignments("2581", date(2025, 3, 31))
    missed = missed_at_meeting(items, date(2025, 2, 24))
    # Both were due before 2025-02-24 and reported back in March; the cancelled one is not missed.
    assert [(i.case_number, i.reported_back_date) for i in missed] == [
        ("KF 2024/20", date(2025, 3, 10)),
        ("KF 2024/11", date(2025, 3, 20)),
    ]


def test_swedish_key_orders_a_ring_a_umlaut_o_umlaut_last():
    names = ["Överförmyndarnämnden", "Äldrenämnden", "Arbetsmarknadsnämnden", "Åtgärdsnämnden", "Zonnämnden"]
    assert sorted(names, key=swedish_key) == [
        "Arbetsmarknadsnämnden", "Zonnämnden", "Åtgärdsnämnden", "Äldrenämnden", "Överförmyndarnämnden",
    ]  # fmt: skip
