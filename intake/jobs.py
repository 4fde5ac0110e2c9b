"""One folder per file handed in on /lamna-in: the raw file, its state (state.json) and an annotated copy.

A file is streamed to its folder under the size limit, then previewed in a background thread of the web worker
(`etl.load.load_paths(..., preview=...)`: the CLI's sandboxed parser pool, validation and staging, nothing
published), so the request that handed it in returns at once and the worker keeps serving others. The state is a
file, so any worker can answer the page's polls. Publishing runs `load_paths` again on the same file, under the
same lock and atomic publish as the CLI (journal, archive); cancelling removes the folder.
"""

import json
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from accounts import access, audit
from accounts.store import User
from data import db, overview, settings, submissions
from data.periods import month_of
from etl import spec
from etl.container import too_large
from etl.failure import CouldNotPublish
from etl.load import LoadReport, load_paths
from etl.load import identity as load_identity
from etl.model import Problem
from etl.store import TABLES
from intake import annotate

CHUNK = 256 * 1024
LOCK_WAIT_SECONDS = 120.0
STALE_SECONDS = 3600  # a pending job older than this was cut short (worker restarted): say so
KEEP_SECONDS = 24 * 3600  # folders of abandoned jobs are removed after a day
PENDING = ("reading", "publishing")
SHEET_OF_TABLE = {TABLES[s.key]: s.name for s in spec.FACT_SHEETS if s.key in TABLES}
SAFE_NAME = re.compile(r"[^\w .,()+-]", re.UNICODE)
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class TooLarge(Exception):
    """The body is over STYRKEDJAN_MAX_UPLOAD_MB; the message says so in Swedish."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.message = problem.message


@dataclass(frozen=True)
class Job:
    """A handed-in file's folder."""

    job_id: str

    @property
    def folder(self) -> Path:
        """The job's folder under STYRKEDJAN_UPLOADS."""
        return settings.upload_dir() / self.job_id

    @property
    def state_path(self) -> Path:
        """Where its state is kept."""
        return self.folder / "state.json"

    @property
    def annotated(self) -> Path:
        """The annotated copy of the workbook."""
        return self.folder / "granskad.xlsx"

    def read(self) -> dict:
        """The current state."""
        return json.loads(self.state_path.read_text(encoding="utf-8"))

    def write(self, **changes) -> dict:
        """Update the state atomically (a poll never sees half a file)."""
        state = {**self.read(), **changes} if self.state_path.exists() else changes
        partial = self.state_path.with_name(f"state.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_text(json.dumps(state, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(partial, self.state_path)
        return state

    @property
    def file(self) -> Path:
        """The raw file as handed in."""
        return self.folder / "fil" / self.read()["file_name"]


def safe_name(name: str | None) -> str:
    """The file's own name without folders or odd characters, as it is shown and stored."""
    base = SAFE_NAME.sub("_", Path((name or "").replace("\\", "/")).name).strip(" .")[:150]
    return base or "rapport.xlsx"


def limit_message(file_name: str, size: int) -> str:
    """The Swedish message for a file over the upload limit."""
    return too_large(file_name, size, settings.max_upload_bytes()).message


def receive(stream, length: int | None, file_name: str, user: User, municipality: str, committee: str) -> Job:
    """Stream a request body into a new job folder; raises TooLarge (nothing kept) over the limit."""
    limit = settings.max_upload_bytes()
    if length is not None and length > limit:
        raise TooLarge(too_large(file_name, length, limit))
    remove_old()
    job = Job(secrets.token_urlsafe(18))
    (job.folder / "fil").mkdir(parents=True)
    target, size = job.folder / "fil" / file_name, 0
    try:
        with target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge(too_large(file_name, max(size, length or 0), limit))
                out.write(chunk)
    except BaseException:
        shutil.rmtree(job.folder, ignore_errors=True)
        raise
    job.write(
        owner=user.name,
        municipality=municipality,
        committee=committee,
        file_name=file_name,
        size=size,
        status="reading",
        started=time.time(),
        received_at=datetime.now().isoformat(sep=" ", timespec="seconds"),
    )
    return job


def find(job_id: str, user: User | None) -> Job | None:
    """The user's own job with this id, or None (another user's job is as unknown as a missing one)."""
    if user is None or not JOB_ID.match(job_id or ""):
        return None
    job = Job(job_id)
    try:
        state = job.read()
    except (OSError, ValueError):
        return None
    return job if state.get("owner") == user.name else None


def state(job: Job) -> dict:
    """The job's state; a pending job whose worker went away reads as failed."""
    current = job.read()
    if current["status"] in PENDING and time.time() - current.get("started", 0) > STALE_SECONDS:
        return {**current, "status": "failed", "message": "Inläsningen avbröts. Lämna in filen igen."}
    return current


def remove_old() -> None:
    """Remove job folders nobody has touched for a day (abandoned previews)."""
    folder = settings.upload_dir()
    if not folder.exists():
        return
    for child in folder.iterdir():
        try:
            if time.time() - child.stat().st_mtime > KEEP_SECONDS:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


def cancel(job: Job) -> None:
    """Drop a previewed file: nothing of it is kept (the audit log keeps the line)."""
    current = job.read()
    audit.record("upload", target=current["file_name"], detail=f"avbruten, kommun {current['municipality']}")
    shutil.rmtree(job.folder, ignore_errors=True)


# --- Preview --------------------------------------------------------------------------------------------------


def start(target, *args) -> None:
    """Run target(*args) in a background thread of this worker."""
    threading.Thread(target=target, args=args, daemon=True).start()


def _figures(municipality: str, committee: str, month: str) -> dict | None:
    """The committee's headline figures for a month from whatever the read side reads now."""
    found = next((s for s in overview.committee_summaries(municipality, month) if s.committee_code == committee), None)
    if found is None:
        return None
    return {
        "deviation_ytd": found.deviation_ytd,
        "forecast_deviation": found.forecast_deviation,
        "goals_met": found.goals_met,
        "goals_assessed": found.goals_assessed,
        "open_deviations": found.open_deviations,
    }


def _rows(report: LoadReport, replaced: dict[str, int]) -> list[dict]:
    """Rows added and replaced per sheet (Swedish sheet names), in the template's order."""
    added = report.files[0].rows
    names = [s.name for s in spec.FACT_SHEETS if s.name in added or s.name in replaced]
    return [{"sheet": name, "added": added.get(name, 0), "replaced": replaced.get(name, 0)} for name in names]


def _identity_problem(job_state: dict, municipality: str, committee: str, user: User) -> Problem | None:
    """Refuse a file for another committee than the one chosen, or one the user may not submit for."""
    file_name = job_state["file_name"]
    if not access.may_submit(user, municipality, committee):
        audit.record("forbidden", target=f"inlämning för {municipality} {committee}", who=user.name)
        return Problem(
            file_name,
            f"Filen gäller nämnd {committee} i kommun {municipality}, som du inte får lämna in för. "
            "Kontrollera bladet Om rapporten, eller be en administratör om behörighet.",
            spec.ABOUT_SHEET,
        )
    if (municipality, committee) != (job_state["municipality"], job_state["committee"]):
        return Problem(
            file_name,
            f"Filen gäller nämnd {committee} i kommun {municipality}, men du lämnar in för "
            f"{job_state['committee']} i kommun {job_state['municipality']}. Välj rätt nämnd ovan, eller rätta "
            "bladet Om rapporten.",
            spec.ABOUT_SHEET,
        )
    return None


def _load(job: Job, user: User, failed: str, what: str, **options) -> LoadReport | None:
    """load_paths on the job's file; on a failure the state gets the status `failed` names, a Swedish message, None."""
    try:
        return load_paths([job.file], settings.db_path(), wait=LOCK_WAIT_SECONDS, by=user.name, **options)
    except CouldNotPublish as exc:
        job.write(status=failed, message=exc.message)
    except Exception:  # the page must say something rather than poll forever
        job.write(status=failed, message=f"{what} på grund av ett tekniskt fel. Försök igen.")
        raise
    return None


def preview(job: Job, user: User) -> None:
    """Validate and stage the file without publishing; write errors, warnings and the comparison to the state."""
    job_state = job.read()
    found: dict = {}

    def compare(con, report: LoadReport) -> None:
        outcome = report.files[0]
        about = outcome.workbook.about
        month = month_of(about.period_end)
        with db.pinned():
            before = _figures(about.municipality_code, about.committee_code, month)
        replaced = {}
        with db.reading(con):
            after = _figures(about.municipality_code, about.committee_code, month)
            if outcome.supersedes:
                counts = submissions.rows_per_table(outcome.supersedes["submission_id"])
                replaced = {SHEET_OF_TABLE[t]: n for t, n in counts.items() if t in SHEET_OF_TABLE}
        found.update(month=month, before=before, after=after, rows=_rows(report, replaced))

    report = _load(job, user, "failed", "Filen kunde inte granskas", preview=compare)
    if report is None:
        return
    outcome = report.files[0]
    errors, identity = list(outcome.errors), {}
    if outcome.workbook is not None:
        about = outcome.workbook.about
        named = load_identity(outcome, report.reference)
        identity = {
            "municipality": named["municipality_code"],
            "committee": named["committee_code"],
            "period": named["period"],
            "municipality_name": named["municipality"],
            "committee_name": named["committee"] or named["committee_code"],
        }
        problem = _identity_problem(job_state, about.municipality_code, about.committee_code, user)
        if problem is not None:
            errors.append(problem)
    if outcome.status == "skipped":
        status = "skipped"
    elif errors:
        status = "rejected"
    else:
        status = "preview"
    problems = [{**p.as_dict(), "kind": "error"} for p in errors] + [
        {**p.as_dict(), "kind": "warning"} for p in outcome.warnings
    ]
    annotated = any(p["sheet"] and (p["row"] or p["column"]) for p in problems) and annotate.run(
        job.file, job.annotated, problems
    )
    job.write(
        status=status,
        sha256=outcome.sha256,
        identity=identity,
        problems=problems,
        annotated=bool(annotated),
        supersedes=outcome.supersedes,
        same_as=outcome.same_as,
        **found,
    )


# --- Publish --------------------------------------------------------------------------------------------------


def publish(job: Job, user: User, remote: str) -> None:
    """Load the previewed file for real: lock, stage, publish, archive, journal; a receipt in state and audit log."""
    job_state = job.read()
    report = _load(job, user, "preview", "Publiceringen misslyckades")
    if report is None:
        return
    outcome = report.files[0]
    if outcome.status != "loaded":
        message = "; ".join(p.message for p in outcome.errors) or "Filen är redan inläst."
        job.write(status="rejected" if outcome.errors else "skipped", message=message)
        return
    receipt = {
        "submission_id": outcome.submission_id,
        "sha256": outcome.sha256,
        "data_version": report.data_version,
        "published_at": datetime.now().isoformat(sep=" ", timespec="seconds"),
    }
    audit.record(
        "publish",
        target=job_state["file_name"],
        detail=f"kommun {job_state['municipality']} nämnd {job_state['committee']} " + json.dumps(receipt),
        who=user.name,
        remote=remote,
    )
    shutil.rmtree(job.folder / "fil", ignore_errors=True)  # the archive holds the raw file now
    job.write(status="published", receipt=receipt)
