"""Command line: `python -m reports monthly --kommun 2581 --month 2025-09 --out FILE [--format pdf|docx] [--json]`.

The format is taken from --format, else from the suffix of --out. --json prints one JSON line (file_name,
archived, data_version) instead of the Swedish summary, for reports.child. The report is written to --out and archived
(see reports/monthly.py). Exit code 0 on success, 1 when no report could be made, 2 for usage errors.
"""

import argparse
import json
import sys
from pathlib import Path

from data.db import NoWarehouse
from data.formatting import count
from reports.formats import FORMATS


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and make one report."""
    parser = argparse.ArgumentParser(prog="python -m reports", description="Styrkedjan: rapporter.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    monthly = sub.add_parser("monthly", help="Kommundirektörens månadsrapport som PDF eller Word.")
    monthly.add_argument("--kommun", dest="municipality", required=True, help="Kommunkod, fyra siffror, t.ex. 2581.")
    monthly.add_argument("--month", required=True, help="Månad ÅÅÅÅ-MM, t.ex. 2025-09.")
    monthly.add_argument("--out", required=True, type=Path, help="Filen som ska skrivas (.pdf eller .docx).")
    monthly.add_argument("--format", choices=FORMATS, help="Format; annars efter filändelsen i --out.")
    monthly.add_argument("--json", action="store_true", help="Skriv resultatet som en JSON-rad (för programmet).")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        parser.error("ange --format pdf|docx eller en --out som slutar på .pdf eller .docx")
    if not args.out.parent.is_dir():
        # Checked before anything is archived; a mistyped path must not create folders anywhere on disk.
        parser.error(f"mappen {args.out.parent} finns inte; skapa den först eller välj en annan --out")

    from reports.monthly import generate  # heavy imports only once the arguments are valid

    try:
        report = generate(args.municipality, args.month, fmt)
    except ValueError as exc:
        print(f"Ingen rapport skapades: {exc}", file=sys.stderr)
        return 1
    except NoWarehouse as exc:
        print(f"Ingen rapport skapades: inget datalager finns på {exc}. Kör python -m etl load.", file=sys.stderr)
        return 1
    args.out.write_bytes(report.content)
    if args.json:
        record = {"file_name": report.file_name, "archived": str(report.archived), "data_version": report.version_id}
        print(json.dumps(record, ensure_ascii=False))
        return 0
    print(f"Skrev {args.out} ({len(report.content) // 1024} kB). Arkiverad som {report.archived}.")
    reports = count(len(report.version.submission_ids), "rapport", "rapporter")
    print(f"Dataversion {report.version_id or 'okänd'} ({reports}), samma id som i rapporten och i etl versions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
