"""Submissions of one committee as the submitter sees them on /lamna-in: earlier files, and what a file holds."""

from dataclasses import dataclass
from datetime import datetime

from data.db import query_rows


@dataclass(frozen=True)
class Submission:
    """One submitted file of a committee."""

    submission_id: int
    period: str
    file_name: str
    sha256: str
    loaded_at: datetime
    row_count: int
    warning_count: int
    in_force: bool
    superseded_by: int | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    withdraw_reason: str | None


def committee_submissions(municipality: str, committee: str) -> list[Submission]:
    """Every submission of the committee, newest first."""
    rows = query_rows("submissions_committee", municipality=municipality, committee=committee)
    return [Submission(*row) for row in rows]


def submission(submission_id: int) -> tuple[str, str] | None:
    """(municipality, committee) of a submission, or None when it does not exist."""
    rows = query_rows("submission_owner", submission=submission_id)
    return rows[0] if rows else None


def rows_per_table(submission_id: int) -> dict[str, int]:
    """Fact rows per warehouse table of one submission (tables without rows left out)."""
    return {table: n for table, n in query_rows("submission_rows", submission=submission_id) if n}
