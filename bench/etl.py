"""Benchmark of the loader: the demo workbook folder loaded with `etl.load`, against the calamine floor and pandas.

`.venv/bin/python bench/etl.py [--folder DIR] [--rebuild] [--runs 3]`

Writes the demo workbooks as .xlsx (or reuses them when etl/demo.py and the format are unchanged), then, `--runs`
times and alternately: loads the whole folder into a new warehouse in a temporary directory with the real loader,
and reads the same files with python-calamine (every sheet's values, nothing else: the floor). pandas
(`pd.read_excel(engine="openpyxl", sheet_name=None)`) reads them once, in the same run. Reports issue 16's rows
(bench.summary, medians): the loader at most 2x the floor and at least 10x faster than pandas.

Demo scale only, no --national: the demo writes .xlsx files only for the network's ten municipalities, and a
national folder would be some 58 000 files (pandas alone would take about 20 minutes).
"""

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the etl package.
sys.path[0] = str(ROOT)

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from bench import summary  # noqa: E402
from data.formatting import number  # noqa: E402
from etl import demo  # noqa: E402
from etl.load import load_paths  # noqa: E402

FOLDER = ROOT / "data" / "demo-xlsx"
SOURCES = ("etl/demo.py", "etl/xlsx_writer.py", "etl/spec.py", "data/vocabulary.py", "etl/reference/committees.csv")
FLOOR_RATIO, PANDAS_RATIO, TARGET_SECONDS = 2.0, 10.0, 60.0


def source_digest() -> str:
    """Hash of the code that decides the demo files' content: a change means the folder must be rewritten."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def demo_folder(parent: Path, rebuild: bool) -> tuple[Path, float | None]:
    """The folder of demo .xlsx files for the current code, written now if missing; seconds spent writing or None.

    Each version of the generator gets its own folder, written beside it and renamed into place when complete,
    so a run never reads a half-written folder, even when another run is writing one at the same time.
    """
    folder = parent / source_digest()[:16]
    if folder.is_dir() and not rebuild:
        return folder, None
    parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=parent, prefix=".writing-") as scratch:
        demo.build(Path(scratch) / "demo.duckdb", xlsx_dir=Path(scratch) / "xlsx")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(Path(scratch) / "xlsx", folder)
    for old in parent.iterdir():  # folders of earlier versions of the generator
        if old.is_dir() and old != folder and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return folder, time.perf_counter() - started


def pandas_seconds(files: list[Path]) -> float:
    """Seconds for pandas with openpyxl to read every sheet of every file."""
    started = time.perf_counter()
    for path in files:
        pd.read_excel(path, engine="openpyxl", sheet_name=None)
    return time.perf_counter() - started


def floor_seconds(files: list[Path]) -> float:
    """Seconds for python-calamine to read every sheet's values of every file, nothing else (the floor)."""
    started = time.perf_counter()
    for path in files:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
        workbook.close()
    return time.perf_counter() - started


def load_seconds(folder: Path) -> tuple[float, dict[str, int], int]:
    """Seconds for the loader to load the folder into a new warehouse; files per status and the fact rows."""
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.duckdb"
        started = time.perf_counter()
        report = load_paths([folder], db, archive_dir=Path(scratch) / "archive")
        seconds = time.perf_counter() - started
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("select coalesce(sum(row_count), 0) from submission").fetchone()[0]
    return seconds, {s: report.count(s) for s in ("loaded", "skipped", "rejected")}, rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print files/s, rows/s and the ratios, report the table rows; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where demo .xlsx folders are kept")
    parser.add_argument("--rebuild", action="store_true", help="write the demo files even if they are up to date")
    parser.add_argument("--runs", type=int, default=3, help="loader and floor runs, alternately (medians)")
    args = parser.parse_args(argv)

    folder, written = demo_folder(args.folder, args.rebuild)
    files = sorted(folder.glob("*.xlsx"))
    size = sum(p.stat().st_size for p in files)
    print(f"demo folder: {folder} ({len(files)} files, {size / 1e6:.1f} MB)")
    if written is not None:
        print(f"  written in {written:.1f} s")

    loads, floors = [], []
    for _ in range(args.runs):
        seconds, statuses, rows = load_seconds(folder)
        loads.append(seconds)
        floors.append(floor_seconds(files))
    reference = pandas_seconds(files)
    loader, floor = statistics.median(loads), statistics.median(floors)

    for name, seconds in (("loader (etl.load)", loader), ("floor (calamine)", floor), ("pandas+openpyxl", reference)):
        print(f"{name:18} {seconds:6.1f} s {len(files) / seconds:8.1f} files/s {rows / seconds:10.0f} rows/s")
    print(f"loader min {min(loads):.1f} s, floor min {min(floors):.1f} s ({args.runs} runs, medians above)")
    print(f"files {statuses}, fact rows {number(rows)}")
    print(
        f"{loader / floor:.1f}x the floor (target <= {FLOOR_RATIO:.0f}x), {reference / loader:.1f}x faster than "
        f"pandas (target >= {PANDAS_RATIO:.0f}x); whole folder {loader:.1f} s (target < {TARGET_SECONDS:.0f} s)"
    )
    floor_met, pandas_met = loader / floor <= FLOOR_RATIO, reference / loader >= PANDAS_RATIO
    summary.emit(
        "loading the demo folder vs calamine floor", "demo", loader, "s", floor, "calamine floor",
        "≤ 2× the floor", floor_met,
    )  # fmt: skip
    summary.emit(
        "loading the demo folder vs pandas", "demo", loader, "s", reference, "pandas+openpyxl",
        "≥ 10× faster than pandas (ratio ≤ 0.1)", pandas_met,
    )  # fmt: skip
    ok = floor_met and pandas_met and loader < TARGET_SECONDS and statuses["rejected"] == 0
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
