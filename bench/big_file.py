"""Benchmark: one big report (95 000 economy and indicator rows) read as a parser worker reads it, against the floor.

    .venv/bin/python bench/big_file.py [--runs 3] [--rows 95000]

Writes the workbook with openpyxl in a temporary directory (Om rapporten, Ekonomi over three months, Indikatorer,
Mål), then times, in this process and alternately: the calamine floor (python-calamine reading every sheet's values,
nothing else, the baseline) and the parse (etl.reader.read_file: container checks, python-calamine, validation).
Prints the median of each and their ratio; targets: the parse at most 2x the floor and well inside the parser's
timeout. Also times the refusal of a file with a sheet over the row limit. Reports issue 16's row "one big report vs
calamine floor" (bench.summary). Demo scale only, no --national: one file is one file at any scale.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # run as a script; keep bench/etl.py from shadowing the etl package

from openpyxl import Workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from bench import summary  # noqa: E402
from data.formatting import number  # noqa: E402
from etl.reader import TIMEOUT_SECONDS, Task, read_file  # noqa: E402
from etl.validate import load_reference  # noqa: E402
from tests.report_files import ABOUT  # noqa: E402

TARGET_RATIO = 2.0
MONTHS = ("2025-01", "2025-02", "2025-03")  # ABOUT's period 2025-T1
ECONOMY_SHARE = 0.63  # of the rows; the rest are indicators, ten per goal
OVER_LIMIT_ROWS = 172_000  # issue 16's file: its Ekonomi sheet alone has more rows than MAX_ROWS


def write_big_report(path: Path, rows: int) -> Path:
    """A valid report with `rows` economy and indicator rows, written with openpyxl's write-only mode."""
    rng = random.Random(16)
    book = Workbook(write_only=True)
    about = book.create_sheet("Om rapporten")
    about.append(["Rapport till Styrkedjan"])
    about.append([])
    for label, value in ABOUT.items():
        about.append([label, value])
    economy = book.create_sheet("Ekonomi")
    economy.append(["Månad", "Verksamhet", "Årsbudget", "Budget", "Utfall", "Helårsprognos"])
    activities = int(rows * ECONOMY_SHARE) // len(MONTHS)
    for month in MONTHS:
        for n in range(activities):
            budget = -rng.randint(100, 100_000)
            outcome, forecast = budget + rng.randint(-500, 500), budget * 12 - rng.randint(0, 900)
            economy.append([month, f"Kostnadsställe {n:05d}", budget * 12, budget, outcome, forecast])
    indicators = book.create_sheet("Indikatorer")
    indicators.append(["Indikator-ID", "Mål-ID", "Indikator", "Enhet", "Riktning", "Målvärde", "Kolada-KPI",
                       "Utfallsperiod", "Utfall"])  # fmt: skip
    count = rows - activities * len(MONTHS)
    for n in range(count):
        indicators.append([f"BUN-{n // 10}.{n % 10}", f"BUN-{n // 10}", f"Andel elever med godkänt, grupp {n}", "%",
                           "Högre är bättre", 80, "N15419", "2024", round(rng.random() * 100, 1)])  # fmt: skip
    goals = book.create_sheet("Mål")
    goals.append(["Mål-ID", "KF-mål-ID", "KF-mål", "Nämndmål", "Perspektiv", "Bedömning"])
    for n in range((count + 9) // 10):
        goals.append([f"BUN-{n}", "KF-1", "Alla barn ska lyckas i skolan", f"Nämndmål {n}", "Medborgare",
                      "Delvis uppfyllt"])  # fmt: skip
    book.save(path)
    return path


def calamine_floor(path: Path) -> int:
    """Read every sheet's values with python-calamine and nothing else; the number of rows read."""
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        return sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)
    finally:
        workbook.close()


def timed(function, *args) -> tuple[float, object]:
    """Seconds one call took, and its result."""
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    """Time floor and parse alternately, print medians and the ratio; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=95_000)
    args = parser.parse_args(argv)
    reference = load_reference()
    with tempfile.TemporaryDirectory() as scratch:
        written, path = timed(write_big_report, Path(scratch) / "stor.xlsx", args.rows)
        print(f"{path.name}: {number(args.rows)} rows, {path.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s")
        floors, parses = [], []
        for _ in range(args.runs):
            seconds, _ = timed(calamine_floor, path)
            floors.append(seconds)
            seconds, result = timed(read_file, Task(path, path.name, "0" * 64), reference)
            parses.append(seconds)
            if result.errors:
                print("parse rejected the file:", result.errors[0].message)
                return 1
        too_long = write_big_report(Path(scratch) / "for-lang.xlsx", OVER_LIMIT_ROWS)
        refused, result = timed(read_file, Task(too_long, too_long.name, "0" * 64), reference)
    floor, parse = statistics.median(floors), statistics.median(parses)
    print(f"calamine floor   median {floor:6.2f} s  (min {min(floors):.2f}, runs {args.runs})")
    print(f"parse (read_file) median {parse:5.2f} s  (min {min(parses):.2f})")
    print(f"ratio: {parse / floor:.1f}x the floor (target <= {TARGET_RATIO:.0f}x); timeout {TIMEOUT_SECONDS:g} s")
    print(f"over the row limit: refused in {refused:.2f} s: {result.errors[0].message[:70]}…")
    summary.emit(
        "one big report vs calamine floor", "demo", parse, "s", floor, "calamine floor", "≤ 2× the floor",
        parse / floor <= TARGET_RATIO,
    )  # fmt: skip
    ok = parse / floor <= TARGET_RATIO and parse < TIMEOUT_SECONDS / 4 and len(result.errors) == 1
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
