"""Benchmark of the loader: the demo workbook folder loaded with `etl.load`, against pandas + openpyxl.

`.venv/bin/python bench/etl.py [--folder DIR] [--rebuild]`

Writes the demo workbooks as .xlsx (or reuses them when etl/demo.py and the format are unchanged), loads the
whole folder into a new warehouse in a temporary directory with the real loader, and reads the same files with
`pd.read_excel(engine="openpyxl", sheet_name=None)` as the baseline, in the same run. Targets: the loader at
least 5x the baseline, and the whole folder in under 60 s.
"""

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder comes first on sys.path and its name would shadow the etl package.
sys.path[0] = str(ROOT)

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from data.formatting import number  # noqa: E402
from etl import demo  # noqa: E402
from etl.load import load_paths  # noqa: E402

FOLDER = ROOT / "data" / "demo-xlsx"
SOURCES = ("etl/demo.py", "etl/xlsx_writer.py", "etl/spec.py", "data/vocabulary.py", "etl/reference/committees.csv")
TARGET_RATIO, TARGET_SECONDS = 5.0, 60.0


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


def baseline(files: list[Path]) -> float:
    """Seconds for pandas with openpyxl to read every sheet of every file."""
    started = time.perf_counter()
    for path in files:
        pd.read_excel(path, engine="openpyxl", sheet_name=None)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print files/s, rows/s and the ratio to the baseline; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where demo .xlsx folders are kept")
    parser.add_argument("--rebuild", action="store_true", help="write the demo files even if they are up to date")
    args = parser.parse_args(argv)

    folder, written = demo_folder(args.folder, args.rebuild)
    files = sorted(folder.glob("*.xlsx"))
    size = sum(p.stat().st_size for p in files)
    print(f"demo folder: {folder} ({len(files)} files, {size / 1e6:.1f} MB)")
    if written is not None:
        print(f"  written in {written:.1f} s")

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.duckdb"
        started = time.perf_counter()
        report = load_paths([folder], db, archive_dir=Path(scratch) / "archive")
        loader = time.perf_counter() - started
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("select coalesce(sum(row_count), 0) from submission").fetchone()[0]
    statuses = {s: report.count(s) for s in ("loaded", "skipped", "rejected")}
    reference = baseline(files)

    ratio = reference / loader
    for name, seconds in (("loader (etl.load)", loader), ("baseline (pandas+openpyxl)", reference)):
        print(f"{name:27} {seconds:6.1f} s {len(files) / seconds:8.1f} files/s {rows / seconds:10.0f} rows/s")
    print(f"files {statuses}, fact rows {number(rows)}")
    print(
        f"ratio: {ratio:.1f}x the baseline (target >= {TARGET_RATIO:.0f}x); whole folder {loader:.1f} s (target < 60 s)"
    )
    ok = ratio >= TARGET_RATIO and loader < TARGET_SECONDS and statuses["rejected"] == 0
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
