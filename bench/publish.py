"""Benchmark of publishing ONE new file into a full warehouse: `python -m etl load FILE` at demo and national scale.

`.venv/bin/python bench/publish.py [--runs N] [--dir DIR]`

Builds the demo warehouse (10 municipalities) and the national one (290) in a temporary directory, writes one
new report for the month after the demo's last (Piteå, BUN), and times the whole `python -m etl load FILE --db X`
process on a fresh copy of each warehouse, alternating them so a drift of the shared machine hits all alike.
The baseline is the same file published into a warehouse of one municipality, measured in the same run: the
ratio says how much publishing grows with the warehouse. Targets: national ≤ 0.5 s, ratio ≤ 1.5. With --dir,
DIR/one.duckdb, DIR/demo.duckdb and DIR/national.duckdb are used where they exist (only read: each load gets a
copy); they must be built with the demo's default months (`python -m etl demo --kommuner N`), as the missing ones
are. Prints min/median/max per warehouse and one SUMMARY row per scale (bench/summary.py).
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

from bench import summary  # noqa: E402
from data.periods import add_months  # noqa: E402
from etl import demo  # noqa: E402

MEASURE = "publishing one new file"
BASELINE_NAME = "one-municipality warehouse"
# Warehouse name -> municipalities; "one" is the baseline, the others are scales of the table.
WAREHOUSES = {"one": 1, "demo": 10, "national": 290}
TARGET_SECONDS, TARGET_RATIO = 0.5, 1.5
GOAL = f"national ≤ {TARGET_SECONDS} s, ≤ {TARGET_RATIO}× the baseline"


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


def warehouses(scratch: Path, reuse: Path | None) -> dict[str, Path]:
    """name -> warehouse file: reuse/NAME.duckdb when it exists, else one built in scratch."""
    found = {}
    for name, municipalities in WAREHOUSES.items():
        path = reuse / f"{name}.duckdb" if reuse else None
        started = time.perf_counter()
        if path is None or not path.exists():
            path = scratch / f"{name}.duckdb"
            demo.build(path, municipalities)
        found[name] = path
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.0f} MB, ready in {time.perf_counter() - started:.0f} s)")
    return found


def main(argv: list[str] | None = None) -> int:
    """Time the loads, print min/median per warehouse and a SUMMARY row per scale; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per warehouse (the median is reported)")
    parser.add_argument("--dir", type=Path, help="reuse DIR/one.duckdb, DIR/demo.duckdb, DIR/national.duckdb")
    args = parser.parse_args(argv)
    month = add_months(demo.LAST_MONTH, 1)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        demo.build(scratch / "new.duckdb", 1, month, month, xlsx_dir=scratch / "new")
        file = scratch / "new" / f"2581_BUN_{month}.xlsx"
        chosen = warehouses(scratch, args.dir)
        seconds = {name: [] for name in chosen}
        for _ in range(args.runs + 1):  # the first round warms the disk cache and is not counted
            for name, warehouse in chosen.items():
                seconds[name].append(load_seconds(file, warehouse, scratch))
    seconds = {name: values[1:] for name, values in seconds.items()}
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    base = medians["one"]
    print(f"publishing {file.name} with `python -m etl load` ({args.runs} runs, load {os.getloadavg()[0]:.2f}):")
    for name, values in seconds.items():
        print(
            f"  {name:9} min {min(values):.3f} s, median {medians[name]:.3f} s, max {max(values):.3f} s"
            f"  {medians[name] / base:4.2f}x the baseline"
        )
    ok = medians["national"] <= TARGET_SECONDS and medians["national"] / base <= TARGET_RATIO
    for scale in ("demo", "national"):
        met = medians[scale] / base <= TARGET_RATIO and (scale != "national" or medians[scale] <= TARGET_SECONDS)
        summary.emit(MEASURE, scale, round(medians[scale], 3), "s", round(base, 3), BASELINE_NAME, GOAL, met)
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
