"""`python -m etl versions [--db FILE] [--json]`: the published data versions, newest first."""

import argparse
import json
import sys
from pathlib import Path

import duckdb

from data import settings
from data.formatting import number
from data.versions import versions
from etl.failure import EXIT_USAGE
from etl.store import DUCKDB_CONFIG


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl versions`."""
    parser.add_argument("--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB)")
    parser.add_argument("--json", action="store_true", help="skriv versionerna som JSON")


def run(args: argparse.Namespace) -> int:
    """Print every data version: id, time, submissions in force and note; exit 2 when there is no warehouse."""
    db = args.db or settings.db_path()
    if not Path(db).exists():
        print(f"python -m etl versions: fel: lagret finns inte: {db}", file=sys.stderr)
        return EXIT_USAGE
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        # A warehouse published before data versions has no table yet: its next load adds it.
        known = con.execute("select count(*) from duckdb_tables() where table_name = 'data_version'").fetchone()[0]
        found = versions(con) if known else []
    if args.json:
        rows = [
            {
                "version_id": v.version_id,
                "published_at": v.published_at.isoformat(sep=" ", timespec="seconds"),
                "cutoff": v.cutoff,
                "in_force": v.in_force,
                "note": v.note,
                "current": v.is_current,
            }
            for v in found
        ]
        print(json.dumps({"db": str(db), "versions": rows}, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"Lagret {db} har inga dataversioner (publicerat före versionerna infördes).")
        return 0
    print(f"{'dataversion':<12} {'publicerad':<19} {'i kraft':>8}  anteckning")
    for v in found:
        mark = " (aktuell)" if v.is_current else ""
        print(
            f"{v.version_id:<12} {v.published_at.isoformat(sep=' ', timespec='seconds'):<19} "
            f"{number(v.in_force):>8}  {v.note or ''}{mark}"
        )
    return 0
