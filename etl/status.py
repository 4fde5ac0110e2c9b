"""`python -m etl status [--db FILE] [--json]`: what is loaded per municipality, committee and period; what is missing.

A committee has reported for month M when a non-superseded submission for it has a period ending in M. For every
municipality with any submission, the months from its first to its last reported month are checked for each
committee in its list; corrections show the submissions they superseded as history.
"""

import argparse
import json
import sys
from collections import defaultdict
from itertools import groupby
from pathlib import Path

import duckdb

from data import settings
from data.formatting import number
from data.periods import month_of, months_between
from etl.store import DUCKDB_CONFIG
from etl.warehouse import sql


def count(n: int, singular: str, plural: str) -> str:
    """'1 rad', '2 rader', '1 234 rader'."""
    return f"{number(n)} {singular if n == 1 else plural}"


def _submission(row: tuple) -> dict:
    return {
        "submission_id": row[7],
        "file_name": row[8],
        "sha256": row[9],
        "loaded_at": row[10].isoformat(sep=" ", timespec="seconds"),
        "rows": row[11],
        "warnings": row[12],
        "superseded_by": row[13],
        "withdrawn": None
        if row[15] is None
        else {"at": row[15].isoformat(sep=" ", timespec="seconds"), "by": row[16], "reason": row[17]},
    }


def status(db: Path) -> list[dict]:
    """Per municipality: committees with their periods (current submission and history) and missing months."""
    with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
        rows = con.execute(sql("status_submissions")).fetchall()
        committee_lists = defaultdict(list)
        for municipality, code, name in con.execute(sql("status_committees")).fetchall():
            committee_lists[municipality].append((code, name))
    result = []
    for (municipality, municipality_name), municipality_rows in groupby(rows, key=lambda r: (r[0], r[1])):
        municipality_rows = list(municipality_rows)
        committees, reported = [], defaultdict(set)
        for (committee, committee_name), committee_rows in groupby(municipality_rows, key=lambda r: (r[2], r[3])):
            periods = []
            for (period, start, end), period_rows in groupby(committee_rows, key=lambda r: (r[4], r[5], r[6])):
                period_rows = list(period_rows)
                current = next((r for r in period_rows if r[14]), None)  # None: every submission withdrawn
                periods.append(
                    {
                        "period": period,
                        "period_start": start.isoformat(),
                        "period_end": end.isoformat(),
                        "current": _submission(current) if current else None,
                        "history": [_submission(r) for r in period_rows if r is not current],
                    }
                )
                if current:
                    reported[committee].add(month_of(end))
            committees.append({"committee_code": committee, "committee": committee_name, "periods": periods})
        ends = [month_of(r[6]) for r in municipality_rows]
        months = months_between(min(ends), max(ends))
        missing = []
        for code, name in committee_lists.get(municipality, []):
            absent = [m for m in months if m not in reported[code]]
            if absent:
                missing.append({"committee_code": code, "committee": name, "months": absent})
        result.append(
            {
                "municipality_code": municipality,
                "municipality": municipality_name,
                "first_month": months[0],
                "last_month": months[-1],
                "committees": committees,
                "missing": missing,
            }
        )
    return result


def month_ranges(months: list[str]) -> str:
    """'2025-01–2025-03, 2025-06' for a sorted list of months."""
    parts, start, previous = [], None, None
    for month in [*months, None]:
        if start is not None and (month is None or months_between(previous, month)[1:2] != [month]):
            parts.append(start if start == previous else f"{start}–{previous}")
            start = None
        if month is not None and start is None:
            start = month
        previous = month
    return ", ".join(parts)


def _history_line(old: dict) -> str:
    """'ersatt: FILE, inläst …, N rader' or 'återkallad: FILE, inläst …, återkallad … av NAME: REASON'."""
    loaded = f"{old['file_name']}, inläst {old['loaded_at']}"
    if (w := old["withdrawn"]) is not None:
        return f"återkallad: {loaded}, återkallad {w['at']} av {w['by']}: {w['reason']}"
    return f"ersatt: {loaded}, {count(old['rows'], 'rad', 'rader')}"


def as_text(municipalities: list[dict], db: Path) -> str:
    """Swedish listing for a terminal."""
    if not municipalities:
        return f"Inga rapporter är inlästa i {db}."
    lines = []
    for m in municipalities:
        span = month_ranges(months_between(m["first_month"], m["last_month"]))
        lines.append(f"{m['municipality']} ({m['municipality_code']}): rapporter {span}")
        for c in m["committees"]:
            lines.append(f"  {c['committee'] or c['committee_code']} ({c['committee_code']})")
            for p in c["periods"]:
                if (s := p["current"]) is None:
                    lines.append(f"    {p['period']:<8} ingen gällande rapport (återkallad)")
                else:
                    rows = count(s["rows"], "rad", "rader")
                    warnings = f", {count(s['warnings'], 'varning', 'varningar')}" if s["warnings"] else ""
                    lines.append(f"    {p['period']:<8} {s['file_name']}, inläst {s['loaded_at']}, {rows}{warnings}")
                for old in p["history"]:
                    lines.append(f"             {_history_line(old)}")
        if m["missing"]:
            lines.append("  Saknas (ingen rapport med period som slutar i månaden):")
            for c in m["missing"]:
                lines.append(f"    {c['committee']} ({c['committee_code']}): {month_ranges(c['months'])}")
        else:
            lines.append("  Inget saknas.")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl status`."""
    parser.add_argument(
        "--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB eller data/warehouse.duckdb)"
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument(
        "--kommun",
        dest="municipality",
        metavar="KOD",
        action="append",
        help="visa bara denna kommun (kommunkod; kan upprepas)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the status; 1 when there is no warehouse yet."""
    db = args.db or settings.db_path()
    if not Path(db).exists():
        print(f"Det finns inget lager i {db} ännu. Läs in rapporter med python -m etl load MAPP.", file=sys.stderr)
        return 1
    municipalities = status(db)
    if args.municipality:
        wanted = {code.zfill(4) for code in args.municipality}
        municipalities = [m for m in municipalities if m["municipality_code"] in wanted]
    if args.json:
        print(json.dumps({"db": str(db), "municipalities": municipalities}, ensure_ascii=False, indent=2))
    else:
        print(as_text(municipalities, db))
    return 0
