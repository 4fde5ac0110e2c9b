"""The Ekonomi page's reports are rendered by a child process (reports.child): its result, its refusals, its timeout."""

import os

import pypdf
import pytest

from reports import child
from tests.monthly_fixture import report_warehouse
from tests.served import command_line, descendants


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(report_warehouse(tmp_path / "w.duckdb")))
    monkeypatch.setenv("STYRKEDJAN_REPORTS", str(tmp_path / "rapporter"))
    return tmp_path


def _report_processes() -> list[str]:
    return [text for text in map(command_line, descendants(os.getpid())) if "reports monthly" in text]


def test_the_child_writes_archives_and_hands_back_the_report(db):
    made = child.render("2581", "2025-09", "pdf")
    archived = list((db / "rapporter" / "2581" / "2025-09").glob("*.pdf"))
    assert [p.name for p in archived] == [made.file_name]
    assert archived[0].read_bytes() == made.content
    assert pypdf.PdfReader(archived[0]).pages[0].extract_text().startswith("Månadsuppföljning september 2025")
    assert _report_processes() == []


def test_a_month_without_data_is_refused_with_the_commands_swedish_reason(db):
    with pytest.raises(child.ReportFailed) as refused:
        child.render("2581", "2031-01", "docx")
    assert str(refused.value) == (
        "Ingen rapport skapades: Det finns inga inlämnade rapporter för kommun 2581 för januari 2031. "
        "Månader med rapporter: april 2025 – september 2025."
    )
    assert not (db / "rapporter" / "2581" / "2031-01").exists()


def test_a_report_that_takes_too_long_is_ended_with_its_process_group(db):
    with pytest.raises(child.ReportFailed) as refused:
        child.render("2581", "2025-09", "pdf", timeout=0.3)  # starting Python alone takes longer
    assert str(refused.value) == "Rapporten tog för lång tid att skapa och avbröts. Försök igen om en stund."
    assert _report_processes() == []
    assert not (db / "rapporter" / "2581" / "2025-09").exists()
