"""`python -m etl load PATH... [--db FILE] [--json]`: read report workbooks into the warehouse.

Every file is loaded, skipped (identical content already loaded) or rejected with every error located. All
accepted files of one run go into one staging copy that is published once; a rejected file changes nothing.
Loads are serialised with a lock on the warehouse's folder, so two runs cannot publish over each other.
"""

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from data import settings
from data.formatting import number
from etl import journal, spec
from etl.container import OTHER_FORMATS, Rejected, check_size, other_format
from etl.failure import EXIT_REJECTED, EXIT_USAGE, PUBLISH_ERRORS, CouldNotPublish, explain
from etl.failure import report as report_failure
from etl.lock import DEFAULT_WAIT_SECONDS, load_lock, remove_dead_parts
from etl.model import Problem, Workbook
from etl.reader import TIMEOUT_SECONDS, WORKERS, ParserPool, Task
from etl.status import count
from etl.store import DUCKDB_CONFIG, Staging
from etl.validate import Reference, budget_changes_in_run, load_reference

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
    data_version: str | None = None  # the version published, None when nothing was

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
                if found.suffix.casefold() in OTHER_FORMATS:
                    outcome.errors.append(other_format(found.name, OTHER_FORMATS[found.suffix.casefold()]))
                elif found.suffix.casefold() != ".xlsx":
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


def archive(path: Path, sha256: str, directory: Path, suffix: str = ".xlsx") -> tuple[Path, bool]:
    """Copy a raw file to DIRECTORY/ab/<sha256><suffix> once per content; (path, whether it is new).

    Not yet durable: the caller makes a run's files durable with one journal.sync_filesystem before journaling.
    """
    target = directory / sha256[:2] / f"{sha256}{suffix}"
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(path, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target, True


def _submission(row: tuple) -> dict:
    submission_id, file_name, loaded_at = row
    return {
        "submission_id": submission_id,
        "file_name": file_name,
        "loaded_at": loaded_at.isoformat(sep=" ", timespec="seconds"),
    }


def known_submissions(db: Path, hashes: list[str]) -> tuple[dict[str, dict], str | None]:
    """For those of hashes already stored, sha256 -> the first submission with that content; and the warehouse id.

    Read from the live warehouse (read-only).
    """
    if not db.exists():
        return {}, None
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        rows = con.execute(
            "select sha256, submission_id, file_name, loaded_at from submission "
            "where sha256 in (select unnest($hashes::varchar[])) order by submission_id",
            {"hashes": hashes},
        ).fetchall()
        warehouse = con.execute("select max(value) from meta where key = 'warehouse_id'").fetchone()[0]
    known = {}
    for sha256, *submission in rows:
        known.setdefault(sha256, _submission(tuple(submission)))
    return known, warehouse


def _hash(outcomes: list[FileOutcome]) -> list[str]:
    """Size-check and hash every file not yet rejected; the hashes."""
    for outcome in outcomes:
        if outcome.errors:
            continue
        try:
            check_size(outcome.path, outcome.path.name, settings.max_upload_bytes())
        except Rejected as exc:
            outcome.errors = exc.problems
            continue
        outcome.sha256 = sha256_of(outcome.path)
    return [o.sha256 for o in outcomes if o.sha256 is not None]


def _plan(outcomes: list[FileOutcome], known: dict[str, dict]) -> tuple[list[Task], dict[str, int]]:
    """Mark content already stored or earlier in the run as skipped; the other hashed files become read tasks."""
    tasks, first_of = [], {}
    for index, outcome in enumerate(outcomes):
        if outcome.sha256 is None:
            continue
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
    wait: float = DEFAULT_WAIT_SECONDS,
    by: str | None = None,
    preview: Callable[[duckdb.DuckDBPyConnection, LoadReport], None] | None = None,
) -> LoadReport:
    """Load files and folders into the warehouse at db; publish once if anything was loaded.

    With preview, nothing is published, archived or journaled: the files are validated and staged as for a load,
    and when anything would be loaded, the staging copy's current tables are rebuilt and preview(staging connection,
    report) is called under the lock (to compare with the live warehouse); then the copy is dropped.
    Raises CouldNotPublish (Swedish message) when the run could not publish: then the live warehouse, the archive
    and the disk are as before, apart from journal entries that say so.
    """
    db, archive_dir = Path(db), Path(archive_dir or settings.archive_dir())
    outcomes = collect([Path(p) for p in paths])
    with load_lock(db, wait):
        remove_dead_parts(archive_dir)
        known, warehouse = known_submissions(db, _hash(outcomes))
        reconcile(db, archive_dir)
        reference = load_reference(db)  # with the published annual budgets, read under the lock
        report = LoadReport(db, outcomes, reference)
        tasks, first_of = _plan(outcomes, known)
        run, loaded_at, by = journal.new_run(), datetime.now(), journal.who(by)
        if not tasks:
            if preview is None:
                journal.append(archive_dir, _entries(outcomes, run, warehouse, loaded_at, by))
            return report
        staging, new_files = None, []
        try:
            with ParserPool(reference, settings.parser_memory_bytes(), min(workers, len(tasks)), timeout) as pool:
                staging = Staging(db)  # copied while the workers start
                results = pool.read(tasks)
            for result in results:
                outcome = outcomes[first_of[result.task.sha256]]
                outcome.workbook, outcome.errors = result.workbook, result.errors
                outcome.warnings = result.workbook.warnings if result.workbook else result.warnings
            accepted = [r.workbook for r in results if r.workbook is not None]
            budget_changes_in_run(accepted, reference)
            warehouse = staging.con.execute("select value from meta where key = 'warehouse_id'").fetchone()[0]
            for stored in staging.add(accepted, loaded_at) if accepted else []:
                outcome = outcomes[first_of[stored.workbook.sha256]]
                outcome.status, outcome.submission_id = stored.status, stored.submission_id
                if stored.superseded is not None:
                    outcome.supersedes = _submission(
                        staging.con.execute(
                            "select submission_id, file_name, loaded_at from submission where submission_id = ?",
                            [stored.superseded],
                        ).fetchone()
                    )
                if stored.status == "loaded" and preview is None:
                    target, new = archive(outcome.path, outcome.sha256, archive_dir)
                    if new:
                        new_files.append(target)
            if preview is not None:
                if report.count("loaded"):
                    staging.refresh_current()
                    preview(staging.con, report)
                staging.discard()
                return report
            if new_files:
                journal.sync_filesystem(archive_dir)  # the raw files are on disk before the journal names them
            journal.append(archive_dir, _entries(outcomes, run, warehouse, loaded_at, by))  # write-ahead
            if not report.count("loaded"):
                staging.discard()
                return report
            note = _note(report)
            report.data_version = staging.publish(note, run=run)
            journal.append(
                archive_dir, [published_entry(run, warehouse, report.data_version, staging.published_at, note=note)]
            )
        except BaseException as exc:
            failure = abandon_run(exc, staging, archive_dir, run, None if preview else warehouse, new_files)
            if failure is exc:
                raise
            raise failure from exc
    return report


def abandon_run(
    exc: BaseException,
    staging: Staging | None,
    archive_dir: Path,
    run: str,
    warehouse: str | None,
    new_files: Iterable[Path] = (),
) -> BaseException:
    """Undo a run that did not publish and return what to raise: CouldNotPublish for a publishing failure.

    The staging files and the raw files archived for it go (a submission never published leaves nothing), and
    the journal gets an abort entry when it can be written (on a full disk it may not: the run then simply has
    no publish entry, which is what makes it unpublished).
    """
    if staging is not None:
        staging.discard()
    for target in new_files:
        target.unlink(missing_ok=True)
    if warehouse is not None:
        with contextlib.suppress(OSError):
            journal.append(archive_dir, [aborted_entry(run, warehouse, exc)])
    return CouldNotPublish(explain(exc)) if isinstance(exc, PUBLISH_ERRORS) else exc


def publish_file(
    db: Path,
    write: Callable[[duckdb.DuckDBPyConnection], None],
    note: str,
    action: str,
    raw: Path | None = None,
    source_file: str | None = None,
    at: datetime | None = None,
    archive_dir: Path | None = None,
    wait: float = DEFAULT_WAIT_SECONDS,
) -> str:
    """Publish what write(con) puts into a staging copy, under the load lock; returns the data version.

    With raw (the imported file, e.g. a Kolada or calendar file) the file is archived and the import journaled
    as `action`, so `etl rebuild` replays it. Raises CouldNotPublish when publishing failed; the live warehouse
    is then unchanged.
    """
    at, archive_dir = at or datetime.now(), Path(archive_dir or settings.archive_dir())
    with load_lock(db, wait):  # serialised with `etl load`: otherwise one publish could undo the other's
        staging, run, warehouse, new_file = None, journal.new_run(), None, None
        try:
            staging = Staging(db)
            write(staging.con)
            if raw is not None:
                warehouse = staging.con.execute("select value from meta where key = 'warehouse_id'").fetchone()[0]
                sha256 = sha256_of(raw)
                target, new = archive(raw, sha256, archive_dir, suffix=raw.suffix.lower())
                new_file = target if new else None
                journal.sync_filesystem(archive_dir)
                entry = {
                    "action": action,
                    "run": run,
                    "warehouse": warehouse,
                    "time": journal.stamp(at),
                    "by": journal.who(),
                    "file_name": source_file or raw.name,
                    "sha256": sha256,
                    "suffix": raw.suffix.lower(),
                    "outcome": "loaded",
                }
                journal.append(archive_dir, [entry])
            version = staging.publish(note, run=run if raw is not None else None)
            if raw is not None:
                journal.append(archive_dir, [published_entry(run, warehouse, version, staging.published_at, note=note)])
        except BaseException as exc:
            failure = abandon_run(exc, staging, archive_dir, run, warehouse, [new_file] if new_file else [])
            if failure is exc:
                raise
            raise failure from exc
    return version


def _entries(outcomes: list[FileOutcome], run: str, warehouse: str | None, at: datetime, by: str) -> list[dict]:
    """One journal entry per file, in the order the files were given."""
    return [
        {
            "action": "load",
            "run": run,
            "warehouse": warehouse,
            "time": journal.stamp(at),
            "by": by,
            "file_name": o.path.name,
            "sha256": o.sha256,
            "outcome": o.status,
            "submission_id": o.submission_id,
        }
        for o in outcomes
    ]


def published_entry(run: str, warehouse: str, version_id: str, at: datetime | None = None, **extra) -> dict:
    """The journal entry that commits a run: it was published as this data version."""
    return {
        "action": "publish",
        "run": run,
        "warehouse": warehouse,
        "time": journal.stamp(at or datetime.now()),
        "version_id": version_id,
        **extra,
    }


def aborted_entry(run: str, warehouse: str | None, exc: BaseException) -> dict:
    """The journal entry of a run that stopped before publishing."""
    return {
        "action": "abort",
        "run": run,
        "warehouse": warehouse,
        "time": journal.stamp(datetime.now()),
        "message": explain(exc) if isinstance(exc, PUBLISH_ERRORS) else type(exc).__name__,
    }


def reconcile(db: Path, archive_dir: Path) -> None:
    """Commit the live warehouse's last run in the journal if the loader died between its rename and the entry."""
    if not db.exists():
        return
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        meta = dict(con.execute("select key, value from meta").fetchall())
        run = meta.get("journal_run")  # a warehouse from before the journal has none (and no data_version table)
        if run is None:
            return
        version = con.execute(
            "select published_at, note from data_version where version_id = ?", [meta.get("data_version")]
        ).fetchone()
    if version is None:
        return
    entries = journal.read(archive_dir)
    if any(e["run"] == run and e["action"] == "publish" for e in entries):
        return
    if any(e["run"] == run for e in entries):
        journal.append(
            archive_dir,
            [
                published_entry(
                    run, meta["warehouse_id"], meta["data_version"], version[0], note=version[1], recovered=True
                )
            ],
        )


def _note(report: LoadReport) -> str:
    """The data version's note: what this load brought."""
    names = [o.path.name for o in report.files if o.status == "loaded"]
    shown = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
    return f"Inläsning: {count(len(names), 'fil', 'filer')} ({shown})"


# ---------------------------------------------------------------------------------------------------- output


def identity(outcome: FileOutcome, reference: Reference) -> dict:
    """Who a read file is from: municipality and committee codes with their names, and the period ({} if unread)."""
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
                **identity(outcome, report.reference),
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
    return {
        "status": "ok",
        "db": str(report.db),
        "data_version": report.data_version,
        "files": files,
        "summary": {"files": len(report.files), **summary},
    }


def problem_line(kind: str, problem: Problem) -> str:
    """'    Fel: blad X, rad 7, kolumn C (Budget), värde "x": message' for a terminal."""
    where = problem.where()
    value = f', värde "{problem.value}"' if problem.value is not None else ""
    prefix = f"{where}{value}: " if where or value else ""
    return f"    {kind}: {prefix}{problem.message}"


def as_text(report: LoadReport) -> str:
    """The report in Swedish for a controller reading a terminal."""
    lines = []
    for outcome in report.files:
        label = STATUS_LABELS[outcome.status]
        named = identity(outcome, report.reference)
        if outcome.status == "loaded":
            rows = ", ".join(f"{name} {number(n)}" for name, n in outcome.rows.items())
            lines.append(f"{label}: {outcome.path}")
            lines.append(
                f"    {named['municipality']} ({named['municipality_code']}), {named['committee']} "
                f"({named['committee_code']}), period {named['period']}: "
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
        lines.extend(problem_line("Fel", p) for p in outcome.errors)
        lines.extend(problem_line("Varning", p) for p in outcome.warnings)
    counts = ", ".join(
        count(report.count(status), one, many)
        for status, one, many in (
            ("loaded", "inläst", "inlästa"),
            ("skipped", "överhoppad", "överhoppade"),
            ("rejected", "avvisad", "avvisade"),
        )
    )
    lines.append(f"Summa: {count(len(report.files), 'fil', 'filer')}: {counts}. Lager: {report.db}")
    if report.data_version:
        lines.append(f"Publicerat som dataversion {report.data_version}.")
    return "\n".join(lines)


def add_wait_argument(parser: argparse.ArgumentParser) -> None:
    """The --wait option of every command that takes the load lock."""
    parser.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_SECONDS,
        metavar="SEKUNDER",
        help=f"längsta väntan på en annan inläsning, sedan slutkod 3 (standard {DEFAULT_WAIT_SECONDS:g})",
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl load`."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="SÖKVÄG", help="xlsx-filer och mappar (läses rekursivt)")
    parser.add_argument(
        "--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB eller data/warehouse.duckdb)"
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Load the files; exit 0 when nothing was rejected, 1 when something was, 2 for a missing path, 3 unpublished."""
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"python -m etl load: fel: sökvägen finns inte: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    db = args.db or settings.db_path()
    try:
        report = load_paths(args.paths, db, wait=args.wait)
    except CouldNotPublish as exc:
        return report_failure(exc.message, args.json, db=str(db))
    if args.json:
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print(as_text(report))
    return EXIT_REJECTED if report.count("rejected") else 0
