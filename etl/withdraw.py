"""`python -m etl withdraw SUBMISSION_ID --reason TEXT [--by NAME]`: publish a version without one submission.

For a report sent with personal data by mistake, or to the wrong committee (also from /lamna-in); every withdrawal
is written to the audit log. The submission row stays (marked
withdrawn, by whom, when and why) so history and data versions still add up; its fact rows are deleted, and so
is its raw file in the archive. A correction it had replaced comes back into force. The journal keeps who and why,
and the submission's own row, so `python -m etl rebuild` reproduces the withdrawal without the raw file.
"""

import argparse
import json
from datetime import datetime
from pathlib import Path

from data import settings
from etl import journal
from etl.failure import CouldNotPublish, Refused, refused
from etl.failure import report as report_failure
from etl.load import abandon_run, add_wait_argument, published_entry, reconcile
from etl.lock import DEFAULT_WAIT_SECONDS, load_lock
from etl.store import Staging

SUBMISSION_COLUMNS = (
    "submission_id, municipality_code, committee_code, period, period_start, period_end, file_name, sha256, "
    "loaded_at, report_date, contact_role, row_count, warning_count"
)


def _row_as_json(row: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def withdraw(
    db: Path,
    submission_id: int,
    reason: str,
    by: str | None = None,
    archive_dir: Path | None = None,
    wait: float = DEFAULT_WAIT_SECONDS,
    at: datetime | None = None,
) -> dict:
    """Withdraw one submission and publish; returns what was withdrawn and the new data version.

    Raises Refused for an unknown or already withdrawn submission, CouldNotPublish when publishing failed.
    """
    db, archive_dir = Path(db), Path(archive_dir or settings.archive_dir())
    by, at = journal.who(by), at or datetime.now()
    if not reason.strip():
        raise Refused("Ange varför inlämningen återkallas med --reason.")
    with load_lock(db, wait):
        if not db.exists():
            raise Refused(f"Lagret finns inte: {db}")
        reconcile(db, archive_dir)
        staging, run, warehouse = None, journal.new_run(), None
        try:
            staging = Staging(db)
            con = staging.con
            warehouse = con.execute("select value from meta where key = 'warehouse_id'").fetchone()[0]
            found = con.execute(
                f"select {SUBMISSION_COLUMNS}, withdrawn_at from submission where submission_id = ?", [submission_id]
            ).fetchone()
            if found is None:
                raise Refused(f"Inlämning {submission_id} finns inte i lagret. Se python -m etl status.")
            if found[-1] is not None:
                raise Refused(f"Inlämning {submission_id} är redan återkallad ({found[-1]:%Y-%m-%d %H:%M}).")
            row = dict(zip(SUBMISSION_COLUMNS.split(", "), found[:-1], strict=True))
            previous = con.execute(
                "select submission_id from submission where superseded_by = ?", [submission_id]
            ).fetchone()
            staging.withdraw(submission_id, reason, by, at)
            back = con.execute(
                "select submission_id from in_force(null) where submission_id = ?", [previous[0] if previous else None]
            ).fetchone()
            entry = {
                "action": "withdraw",
                "run": run,
                "warehouse": warehouse,
                "time": journal.stamp(at),
                "by": by,
                "reason": reason,
                "outcome": "withdrawn",
                "submission_id": submission_id,
                "file_name": row["file_name"],
                "sha256": row["sha256"],
                "submission": _row_as_json(row),
            }
            journal.append(archive_dir, [entry])
            note = f"Återkallad inlämning {submission_id} ({row['file_name']}): {reason}"
            version = staging.publish(note, published_at=at, run=run)
            journal.append(archive_dir, [published_entry(run, warehouse, version, at, note=note)])
        except Refused:
            if staging is not None:
                staging.discard()
            raise
        except BaseException as exc:
            failure = abandon_run(exc, staging, archive_dir, run, warehouse)
            if failure is exc:
                raise
            raise failure from exc
    raw = archive_dir / row["sha256"][:2] / f"{row['sha256']}.xlsx"
    raw.unlink(missing_ok=True)  # the personal data it may hold goes too
    from accounts import audit  # in a web request it names the logged-in user and their address, else the CLI user

    audit.record(
        "withdraw",
        target=f"inlämning {submission_id} ({row['file_name']})",
        detail=f"kommun {row['municipality_code']} nämnd {row['committee_code']} period {row['period']}, av {by}: "
        f"{reason} (dataversion {version})",
    )
    return {
        "status": "withdrawn",
        "submission": _row_as_json(row),
        "back_in_force": back[0] if back else None,
        "data_version": version,
        "by": by,
        "reason": reason,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl withdraw`."""
    parser.add_argument("submission_id", type=int, metavar="INLÄMNING", help="inlämningens nummer (se etl status)")
    parser.add_argument("--reason", required=True, metavar="TEXT", help="varför den återkallas (sparas i journalen)")
    parser.add_argument("--by", metavar="NAMN", help="vem som återkallar (standard: inloggad användare)")
    parser.add_argument("--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB)")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Withdraw; exit 0 when published, 1 when refused, 3 when it could not publish."""
    db = args.db or settings.db_path()
    try:
        result = withdraw(db, args.submission_id, args.reason, args.by, wait=args.wait)
    except Refused as exc:
        return refused(exc.message, args.json)
    except CouldNotPublish as exc:
        return report_failure(exc.message, args.json, db=str(db))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    s = result["submission"]
    print(
        f"Inlämning {s['submission_id']} ({s['file_name']}, {s['municipality_code']} {s['committee_code']}, "
        f"period {s['period']}) är återkallad av {result['by']}: {result['reason']}"
    )
    if result["back_in_force"]:
        print(f"Inlämning {result['back_in_force']} gäller igen för samma nämnd och period.")
    print(f"Publicerat som dataversion {result['data_version']}.")
    return 0
