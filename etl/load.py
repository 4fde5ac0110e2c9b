"""`python -m etl load PATH... [--db FILE] [--json]`: read report workbooks into the warehouse.

Every file is loaded, skipped (identical content already loaded) or rejected with every error located. All
accepted files of one run go into one staging copy that is published once; a rejected file changes nothing.
Loads are serialised with a lock on the warehouse's folder, so two runs cannot publish over each other.
"""

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from data import settings
from data.formatting import number
from etl import spec
from etl.container import Rejected, check_size
from etl.model import Problem, Workbook
from etl.reader import TIMEOUT_SECONDS, WORKERS, ParserPool, Task
from etl.status import count
from etl.store import DUCKDB_CONFIG, Staging
from etl.validate import Reference, load_reference

SHEET_NAMES = {s.key: s.name for s in spec.FACT_SHEETS}
STATUS_LABELS = {"loaded": "Inläst", "skipped": "Överhoppad", "rejected": "Avvisad"}


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: Path
    status: str = "rejected"  # loaded, skipped or rejected
    sha256: str | None = None
    workbook: Workbook | None = None
    submission_id: int | None = None
    supersedes: dict | None = None  # the earlier submission this one replaced
    same_as: dict | None = None  # for a skipped file: the submission with identical content
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> dict[str, int]:
        """Row count per fact sheet (Swedish sheet name)."""
        if self.workbook is None or self.status != "loaded":
            return {}
        return {SHEET_NAMES[key]: len(rows) for key, rows in self.workbook.facts.items()}


@dataclass
class LoadReport:
    """The outcome of one load run."""

    db: Path
    files: list[FileOutcome]
    reference: Reference | None = None

    def count(self, status: str) -> int:
        """Number of files with this status."""
        return sum(1 for f in self.files if f.status == status)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def collect(paths: list[Path]) -> list[FileOutcome]:
    """One outcome per file: named files as given, folders searched recursively for *.xlsx.

    Other files found in a folder are rejected with a message; hidden files (.DS_Store and the like) are left out.
    """
    outcomes = []
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                # Hidden files and Excel's owner files (~$Rapport.xlsx, made while a workbook is open) are no reports.
                if any(part.startswith(".") for part in found.relative_to(path).parts) or found.name.startswith("~$"):
                    continue
                outcome = FileOutcome(found)
                if found.suffix.casefold() != ".xlsx":
                    outcome.errors.append(
                        Problem(
                            found.name,
                            "Filen är ingen Excel-arbetsbok (.xlsx) och lästes inte. Spara rapporten som "
                            "Excel-arbetsbok (.xlsx), eller flytta filen från mappen.",
                        )
                    )
                outcomes.append(outcome)
        else:
            outcomes.append(FileOutcome(path))
    return outcomes


@contextmanager
def load_lock(db: Path):
    """Hold an exclusive lock on the warehouse's folder so only one load stages and publishes at a time.

    Locking the folder rather than a lock file leaves nothing behind in data/.
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(db.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def archive(path: Path, sha256: str, directory: Path) -> Path:
    """Copy a loaded raw file to DIRECTORY/ab/<sha256>.xlsx (once per content)."""
    target = directory / sha256[:2] / f"{sha256}.xlsx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        shutil.copyfile(path, partial)
        os.replace(partial, target)
    return target


def _submission(row: tuple) -> dict:
    submission_id, file_name, loaded_at = row
    return {
        "submission_id": submission_id,
        "file_name": file_name,
        "loaded_at": loaded_at.isoformat(sep=" ", timespec="seconds"),
    }


def known_submissions(db: Path) -> dict[str, dict]:
    """sha256 -> the first submission with that content, read from the live warehouse (read-only)."""
    if not db.exists():
        return {}
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        rows = con.execute(
            "select sha256, submission_id, file_name, loaded_at from submission order by submission_id"
        ).fetchall()
    known = {}
    for sha256, *submission in rows:
        known.setdefault(sha256, _submission(tuple(submission)))
    return known


def _plan(outcomes: list[FileOutcome], known: dict[str, dict]) -> tuple[list[Task], dict[str, int]]:
    """Size-check and hash every file; mark identical content as skipped; the rest become read tasks."""
    tasks, first_of = [], {}
    for index, outcome in enumerate(outcomes):
        if outcome.errors:
            continue
        try:
            check_size(outcome.path, outcome.path.name, settings.max_upload_bytes())
        except Rejected as exc:
            outcome.errors = exc.problems
            continue
        outcome.sha256 = sha256_of(outcome.path)
        if outcome.sha256 in known:
            outcome.status, outcome.same_as = "skipped", known[outcome.sha256]
        elif outcome.sha256 in first_of:
            outcome.status = "skipped"
            outcome.same_as = {"file_name": str(outcomes[first_of[outcome.sha256]].path)}
        else:
            first_of[outcome.sha256] = index
            tasks.append(Task(outcome.path, outcome.path.name, outcome.sha256))
    return tasks, first_of


def load_paths(
    paths: list[Path],
    db: Path,
    archive_dir: Path | None = None,
    workers: int = WORKERS,
    timeout: float = TIMEOUT_SECONDS,
) -> LoadReport:
    """Load files and folders into the warehouse at db; publish once if anything was loaded."""
    db, archive_dir = Path(db), Path(archive_dir or settings.archive_dir())
    outcomes = collect([Path(p) for p in paths])
    reference = load_reference()
    with load_lock(db):
        tasks, first_of = _plan(outcomes, known_submissions(db))
        if not tasks:
            return LoadReport(db, outcomes, reference)
        staging = None
        try:
            with ParserPool(reference, settings.parser_memory_bytes(), min(workers, len(tasks)), timeout) as pool:
                staging = Staging(db)  # copied while the workers start
                results = pool.read(tasks)
            for result in results:
                outcome = outcomes[first_of[result.task.sha256]]
                outcome.workbook, outcome.errors = result.workbook, result.errors
                outcome.warnings = result.workbook.warnings if result.workbook else result.warnings
            accepted = [r.workbook for r in results if r.workbook is not None]
            if not accepted:
                staging.discard()
                return LoadReport(db, outcomes, reference)
            for stored in staging.add(accepted):
                outcome = outcomes[first_of[stored.workbook.sha256]]
                outcome.status, outcome.submission_id = stored.status, stored.submission_id
                if stored.superseded is not None:
                    outcome.supersedes = _submission(
                        staging.con.execute(
                            "select submission_id, file_name, loaded_at from submission where submission_id = ?",
                            [stored.superseded],
                        ).fetchone()
                    )
                if stored.status == "loaded":
                    archive(outcome.path, outcome.sha256, archive_dir)
            staging.publish()
        except BaseException:
            if staging is not None and staging.path.exists():
                staging.discard()
            raise
    return LoadReport(db, outcomes, reference)


# ---------------------------------------------------------------------------------------------------- output


def _identity(outcome: FileOutcome, reference: Reference) -> dict:
    if outcome.workbook is None:
        return {}
    about = outcome.workbook.about
    committees = {c["committee_code"]: c["name"] for c in reference.committees.get(about.municipality_code, [])}
    return {
        "municipality_code": about.municipality_code,
        "municipality": reference.municipalities.get(about.municipality_code),
        "committee_code": about.committee_code,
        "committee": committees.get(about.committee_code),
        "period": about.period,
    }


def as_json(report: LoadReport) -> dict:
    """The report as plain data for --json."""
    files = []
    for outcome in report.files:
        files.append(
            {
                "file": str(outcome.path),
                "status": outcome.status,
                "sha256": outcome.sha256,
                **_identity(outcome, report.reference),
                "rows": outcome.rows,
                "row_count": sum(outcome.rows.values()),
                "submission_id": outcome.submission_id,
                "supersedes": outcome.supersedes,
                "same_as": outcome.same_as,
                "warnings": [p.as_dict() for p in outcome.warnings],
                "errors": [p.as_dict() for p in outcome.errors],
            }
        )
    summary = {status: report.count(status) for status in STATUS_LABELS}
    return {"db": str(report.db), "files": files, "summary": {"files": len(report.files), **summary}}


def _problem_line(kind: str, problem: Problem) -> str:
    where = problem.where()
    value = f', värde "{problem.value}"' if problem.value is not None else ""
    prefix = f"{where}{value}: " if where or value else ""
    return f"    {kind}: {prefix}{problem.message}"


def as_text(report: LoadReport) -> str:
    """The report in Swedish for a controller reading a terminal."""
    lines = []
    for outcome in report.files:
        label = STATUS_LABELS[outcome.status]
        identity = _identity(outcome, report.reference)
        if outcome.status == "loaded":
            rows = ", ".join(f"{name} {number(n)}" for name, n in outcome.rows.items())
            lines.append(f"{label}: {outcome.path}")
            lines.append(
                f"    {identity['municipality']} ({identity['municipality_code']}), {identity['committee']} "
                f"({identity['committee_code']}), period {identity['period']}: "
                f"{count(sum(outcome.rows.values()), 'rad', 'rader')} ({rows or 'inga faktablad'})."
            )
            if outcome.supersedes:
                old = outcome.supersedes
                lines.append(
                    f"    Ersätter tidigare inlämning {old['submission_id']} ({old['file_name']}, inläst "
                    f"{old['loaded_at']}); den finns kvar som historik."
                )
        elif outcome.status == "skipped":
            same = outcome.same_as
            if "loaded_at" in same:
                why = f"identiskt innehåll är redan inläst ({same['file_name']}, inläst {same['loaded_at']})."
            else:
                why = f"samma innehåll som {same['file_name']} i denna körning."
            lines.append(f"{label}: {outcome.path}: {why}")
        else:
            lines.append(f"{label}: {outcome.path}: {len(outcome.errors)} fel, inget från filen lästes in.")
        lines.extend(_problem_line("Fel", p) for p in outcome.errors)
        lines.extend(_problem_line("Varning", p) for p in outcome.warnings)
    counts = ", ".join(
        count(report.count(status), one, many)
        for status, one, many in (
            ("loaded", "inläst", "inlästa"),
            ("skipped", "överhoppad", "överhoppade"),
            ("rejected", "avvisad", "avvisade"),
        )
    )
    lines.append(f"Summa: {count(len(report.files), 'fil', 'filer')}: {counts}. Lager: {report.db}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl load`."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="SÖKVÄG", help="xlsx-filer och mappar (läses rekursivt)")
    parser.add_argument(
        "--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB eller data/warehouse.duckdb)"
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")


def run(args: argparse.Namespace) -> int:
    """Load the files; exit 0 when nothing was rejected, 1 when something was, 2 when a path does not exist."""
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"python -m etl load: fel: sökvägen finns inte: {', '.join(missing)}", file=sys.stderr)
        return 2
    report = load_paths(args.paths, args.db or settings.db_path())
    if args.json:
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print(as_text(report))
    return 1 if report.count("rejected") else 0
