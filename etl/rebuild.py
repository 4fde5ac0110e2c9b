"""`python -m etl rebuild --db NEW [--warehouse ID]`: rebuild a warehouse from the raw archive and the journal.

Replays every published run of the journal in load order: the same files under their original names and load
times, the same withdrawals, Kolada imports and reporting calendars, so submission ids, superseding, data versions
and every table come out as they were. Each run's data version is checked against the one the journal recorded; a
difference stops the rebuild with a message (for instance a warehouse that began as the demo, whose submissions no
journal knows).
"""

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from data import settings
from etl import deadlines, journal, kolada
from etl.failure import PUBLISH_ERRORS, Refused, explain, refused
from etl.failure import report as report_failure
from etl.load import add_wait_argument, known_submissions
from etl.lock import DEFAULT_WAIT_SECONDS, load_lock
from etl.reader import TIMEOUT_SECONDS, WORKERS, ParserPool, Task
from etl.store import Staging, record_version, set_meta
from etl.validate import load_reference

DATE_COLUMNS, TIME_COLUMNS = ("period_start", "period_end", "report_date"), ("loaded_at",)


def _choose_warehouse(entries: list[dict], wanted: str | None) -> str:
    known = journal.warehouses(entries)
    if wanted is not None:
        if wanted not in known:
            raise Refused(f"Journalen har inget lager med id {wanted}.")
        return wanted
    if len(known) == 1:
        return next(iter(known))
    if not known:
        raise Refused("Journalen är tom: det finns inget att bygga om från.")
    live = settings.db_path()
    _, live_id = known_submissions(live, []) if live.exists() else ({}, None)
    if live_id in known:
        return live_id
    listed = ", ".join(f"{w} (senast {t[:16]})" for w, t in known.items())
    raise Refused(f"Journalen har flera lager: {listed}. Välj ett med --warehouse.")


def _restored_row(row: dict) -> dict:
    """A withdrawn submission's row as the journal kept it, with dates and times typed again."""
    typed = dict(row)
    for key in DATE_COLUMNS:
        typed[key] = date.fromisoformat(row[key]) if row.get(key) else None
    for key in TIME_COLUMNS:
        typed[key] = datetime.fromisoformat(row[key])
    return typed


def rebuild(
    new_db: Path,
    archive_dir: Path | None = None,
    warehouse: str | None = None,
    wait: float = DEFAULT_WAIT_SECONDS,
    workers: int = WORKERS,
) -> dict:
    """Replay the journal into a new warehouse file at new_db; returns counts and the final data version."""
    new_db, archive_dir = Path(new_db), Path(archive_dir or settings.archive_dir())
    if new_db.exists():
        raise Refused(f"{new_db} finns redan. Ombyggnaden skriver bara en ny fil: välj ett annat namn.")
    entries = journal.read(archive_dir)
    warehouse = _choose_warehouse(entries, warehouse)
    runs = journal.committed_runs(entries, warehouse)
    withdrawn = {
        e["submission_id"]: e["submission"]
        for e in entries
        if e["action"] == "withdraw" and e.get("warehouse") == warehouse
    }
    workbooks = _read_archive(runs, archive_dir, withdrawn, workers)
    with load_lock(new_db, wait):
        staging = Staging(new_db, fresh=True)
        try:
            set_meta(staging.con, "warehouse_id", warehouse)
            for number, (run, items, published) in enumerate(runs, 1):
                _replay(staging, items, workbooks, withdrawn, archive_dir)
                set_meta(staging.con, "journal_run", run)
                at = journal.parse_stamp(published["time"])
                version = record_version(staging.con, at, published.get("note"))
                if version != published["version_id"]:
                    raise Refused(
                        f"Ombyggnaden avviker från journalen vid körning {number} av {len(runs)} "
                        f"({published['time']}): dataversion {version} i stället för {published['version_id']}. "
                        "Lagret innehöll troligen "
                        "inlämningar från före journalen (eller demodata)."
                    )
            last = runs[-1][2] if runs else None
            final = staging.publish(
                last.get("note") if last else None,
                published_at=journal.parse_stamp(last["time"]) if last else None,
                run=runs[-1][0] if runs else None,
            )
        except BaseException:
            staging.discard()
            raise
    return {"db": str(new_db), "warehouse": warehouse, "runs": len(runs), "data_version": final}


def _read_archive(runs: list, archive_dir: Path, withdrawn: dict, workers: int) -> dict:
    """sha256 -> validated Workbook (under its original file name) for every loaded file still in the archive."""
    tasks = []
    for _, items, _ in runs:
        for e in items:
            if e["action"] != "load" or e["outcome"] != "loaded":
                continue
            raw = archive_dir / e["sha256"][:2] / f"{e['sha256']}.xlsx"
            if raw.exists():
                tasks.append(Task(raw, e["file_name"], e["sha256"]))
            elif e["submission_id"] not in withdrawn:
                raise Refused(f"Originalfilen till inlämning {e['submission_id']} ({e['file_name']}) saknas i arkivet.")
    if not tasks:
        return {}
    with ParserPool(
        load_reference(), settings.parser_memory_bytes(), min(workers, len(tasks)), TIMEOUT_SECONDS
    ) as pool:
        results = pool.read(tasks)
    bad = [r for r in results if r.workbook is None]
    if bad:
        first = bad[0]
        raise Refused(
            f"Arkivfilen för {first.task.file_name} ({first.task.sha256[:10]}) går inte längre att läsa in: "
            f"{first.errors[0].message if first.errors else 'okänt fel'}"
        )
    return {r.task.sha256: r.workbook for r in results}


def _replay(staging: Staging, items: list[dict], workbooks: dict, withdrawn: dict, archive_dir: Path) -> None:
    """One run in journal order: loaded files (a withdrawn one whose raw file is gone restored from the journal's
    copy of its row), withdrawals, Kolada imports and reporting calendars."""
    pending: list[dict] = []

    def flush() -> None:
        if pending:
            stored = staging.add([workbooks[e["sha256"]] for e in pending], journal.parse_stamp(pending[0]["time"]))
            got, expected = [s.submission_id for s in stored], [e["submission_id"] for e in pending]
            if got != expected:
                raise Refused(f"Inlämningarna fick nummer {got} i stället för {expected} som i journalen.")
            pending.clear()

    for e in items:
        if e["action"] == "load" and e["outcome"] == "loaded" and e["sha256"] in workbooks:
            pending.append(e)
            continue
        flush()
        if e["action"] == "load" and e["outcome"] == "loaded":
            staging.restore(_restored_row(withdrawn[e["submission_id"]]))
        elif e["action"] == "withdraw":
            staging.withdraw(e["submission_id"], e["reason"], e["by"], journal.parse_stamp(e["time"]))
        elif e["action"] == "kolada":
            raw = archive_dir / e["sha256"][:2] / f"{e['sha256']}{e['suffix']}"
            reading = kolada.read_file(raw) if raw.exists() else None
            if reading is None or reading.problems:
                raise Refused(f"Kolada-filen {e['file_name']} i arkivet går inte att läsa in.")
            stamp = journal.parse_stamp(e["time"])
            kolada.store_into(staging.con, reading.values, e["file_name"], stamp, reading.groups)
        elif e["action"] == "calendar":
            raw = archive_dir / e["sha256"][:2] / f"{e['sha256']}{e['suffix']}"
            reading = deadlines.read_file(raw) if raw.exists() else None
            if reading is None or reading.errors:
                raise Refused(f"Rapportkalendern {e['file_name']} i arkivet går inte att läsa in.")
            deadlines.store_into(staging.con, reading.deadlines, e["file_name"], journal.parse_stamp(e["time"]))
    flush()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl rebuild`."""
    parser.add_argument("--db", type=Path, required=True, metavar="NY_FIL", help="den nya lagerfilen (får inte finnas)")
    parser.add_argument("--warehouse", metavar="ID", help="vilket lager i journalen (behövs om den har flera)")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Rebuild; exit 0 when done, 1 when the journal cannot be replayed faithfully, 3 when it could not publish."""
    try:
        result = rebuild(args.db, warehouse=args.warehouse, wait=args.wait)
    except Refused as exc:
        return refused(exc.message, args.json)
    except PUBLISH_ERRORS as exc:
        return report_failure(explain(exc), args.json, db=str(args.db))
    if args.json:
        print(json.dumps({"status": "ok", **result}, ensure_ascii=False, indent=2))
    else:
        print(
            f"Lagret {result['db']} är ombyggt från arkivet: {result['runs']} publiceringar ur journalen, "
            f"dataversion {result['data_version']} (som originalet)."
        )
    return 0
