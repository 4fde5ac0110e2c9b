"""Benchmark of the municipal director's monthly report: seconds per PDF and per DOCX, charts included.

    python bench/report.py [--runs 5] [--dir DIR] [--kommun 2581]

Builds (or reuses, in DIR) the demo warehouse and makes the report for one municipality and its latest month.
The first PDF includes starting kaleido's Chromium (once per process); the warm figures are the medians and
maxima of the following runs. The baseline, measured in the same run, is reading the month's data alone
(reports.monthly.collect), so the ratio says what layout, chart and rendering add. Target: under 3 s each.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import demo  # noqa: E402

TARGET_S = 3.0


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> int:
    """Build or reuse the demo warehouse, time the report in both formats, print seconds and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--kommun", dest="municipality", default="2581")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.duckdb"
    if not db.exists():
        seconds, _ = timed(demo.build, db)
        print(f"byggde demolagret på {seconds:.1f} s")
    os.environ["STYRKEDJAN_DB"] = str(db)
    os.environ["STYRKEDJAN_REPORTS"] = str(folder / "rapporter")

    from data import meta
    from reports import monthly

    month = meta.resolve(args.municipality, None).month
    print(f"kommun {args.municipality}, månad {month}, {args.runs} varma körningar per format")
    cold, first = timed(monthly.generate, args.municipality, month, "pdf", keep=False)
    print(f"första PDF (startar Chromium för diagram): {cold:.2f} s, {len(first.content) // 1024} kB")
    collect = [timed(monthly.collect, args.municipality, month)[0] for _ in range(args.runs)]
    baseline = statistics.median(collect)
    print(f"baslinje, läsa månadens data (collect): median {baseline * 1000:.0f} ms")
    failed = False
    for fmt in ("pdf", "docx"):
        runs = []
        for i in range(args.runs):
            seconds, report = timed(
                monthly.generate, args.municipality, month, fmt, created_at=datetime.now(), keep=i == 0
            )
            runs.append(seconds)
        median, worst = statistics.median(runs), max(runs)
        verdict = "OK" if worst < TARGET_S else "ÖVER MÅLET"
        failed |= worst >= TARGET_S
        print(
            f"{fmt.upper():4} median {median:.2f} s, max {worst:.2f} s, {len(report.content) // 1024} kB, "
            f"{median / baseline:.1f}× baslinjen; mål < {TARGET_S:.0f} s: {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
