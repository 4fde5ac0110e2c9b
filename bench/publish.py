"""Benchmark of publishing ONE new file into a full warehouse: `python -m etl load FILE` at demo and national scale.

`.venv/bin/python bench/publish.py [--runs N]`

Builds the demo warehouse (10 municipalities) and the national one (290) in a temporary directory, writes one
new report for the month after the demo's last (Piteå, BUN), and times the whole `python -m etl load FILE --db X`
process on a fresh copy of each warehouse, alternating the two so a drift of the shared machine hits both alike.
The baseline is the same file published into a warehouse of one municipality, measured in the same run: the
ratio says how much publishing grows with the warehouse. Targets: national ≤ 0.5 s, ratio ≤ 1.5.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the etl package.
sys.path[0] = str(ROOT)

from data.periods import add_months  # noqa: E402
from etl import demo  # noqa: E402

SCALES = {"en kommun (baslinje)": 1, "demo": 10, "nationell": 290}
TARGET_SECONDS, TARGET_RATIO = 0.5, 1.5


def load_seconds(file: Path, warehouse: Path, scratch: Path) -> float:
    """Wall seconds of one `python -m etl load FILE` process on a fresh copy of warehouse."""
    run = scratch / "run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir()
    shutil.copyfile(warehouse, run / "w.duckdb")
    env = {**os.environ, "STYRKEDJAN_ARCHIVE": str(run / "archive")}
    command = [sys.executable, "-m", "etl", "load", str(file), "--db", str(run / "w.duckdb")]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Build the warehouses, time the loads, print medians and ratios; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per warehouse (the median is reported)")
    args = parser.parse_args(argv)
    month = add_months(demo.LAST_MONTH, 1)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        demo.build(scratch / "new.duckdb", 1, month, month, xlsx_dir=scratch / "new")
        file = scratch / "new" / f"2581_BUN_{month}.xlsx"
        warehouses = {}
        for name, municipalities in SCALES.items():
            started = time.perf_counter()
            counts = demo.build(scratch / f"{municipalities}.duckdb", municipalities)
            warehouses[name] = scratch / f"{municipalities}.duckdb"
            print(
                f"{name}: {counts['workbooks']} submissions, {counts['rows']} rows, "
                f"{warehouses[name].stat().st_size / 1e6:.0f} MB (built in {time.perf_counter() - started:.0f} s)"
            )
        seconds = {name: [] for name in warehouses}
        for _ in range(args.runs + 1):  # the first round warms the disk cache and is not counted
            for name, warehouse in warehouses.items():
                seconds[name].append(load_seconds(file, warehouse, scratch))
    medians = {name: statistics.median(values[1:]) for name, values in seconds.items()}
    base = medians["en kommun (baslinje)"]
    print(f"publishing {file.name} with `python -m etl load` (median of {args.runs}, min-max):")
    for name, values in seconds.items():
        print(
            f"  {name:22} {medians[name]:5.2f} s ({min(values[1:]):.2f}-{max(values[1:]):.2f})"
            f"  {medians[name] / base:4.2f}x the baseline"
        )
    ratio = medians["nationell"] / base
    print(
        f"national: {medians['nationell']:.2f} s (target <= {TARGET_SECONDS} s), "
        f"{ratio:.2f}x one municipality's warehouse (target <= {TARGET_RATIO}x)"
    )
    ok = medians["nationell"] <= TARGET_SECONDS and ratio <= TARGET_RATIO
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
