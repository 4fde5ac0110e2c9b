"""Run the benchmarks one after the other, each with its own output, and print issue 16's table at the end.

    .venv/bin/python bench/run.py [--table] [--national] [NAME ...]

Every bench/*.py script except this one runs by default; NAME limits the run to bench/NAME.py. With --national a
script that has a --national option runs twice, as is (demo scale) and with --national. --table runs only the
scripts that report rows of the table (they call bench.summary.emit), at both scales. Each script's output is
echoed as it comes; its `SUMMARY {json}` lines are collected and printed at the end as one table: value, baseline
measured in the same run, ratio, goal, met. Exit code 1 when any script fails.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import summary  # noqa: E402

SKIP = {"run", "summary"}


def scripts(names: list[str], table_only: bool = False) -> list[Path]:
    """The benchmark scripts to run, in name order (cases_*.py modules are data for callbacks.py)."""
    found = [p for p in sorted(HERE.glob("*.py")) if p.stem not in SKIP and not p.stem.startswith(("cases_", "_"))]
    if table_only:
        found = [p for p in found if "summary.emit(" in p.read_text(encoding="utf-8")]
    return [p for p in found if not names or p.stem in names]


def commands(chosen: list[Path], national: bool) -> list[list[str]]:
    """One command per run: each script, and with national each script that has a --national option once more."""
    runs = []
    for script in chosen:
        runs.append([sys.executable, str(script)])
        if national and '"--national"' in script.read_text(encoding="utf-8"):
            runs.append([sys.executable, str(script), "--national"])
    return runs


def collect(command: list[str]) -> tuple[int, list[dict]]:
    """Run one command, echoing its output line by line; its exit code and the SUMMARY rows it printed."""
    rows = []
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, encoding="utf-8", env=env) as child:
        for text in child.stdout:
            sys.stdout.write(text)
            sys.stdout.flush()
            row = summary.parse(text.rstrip("\n"))
            if row is not None:
                rows.append(row)
    return child.returncode, rows


def main(argv: list[str]) -> int:
    """Run the chosen scripts, then print the table of their SUMMARY rows and what failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="run only bench/NAME.py")
    parser.add_argument("--national", action="store_true", help="also run scripts with --national at that scale")
    parser.add_argument("--table", action="store_true", help="only the scripts that report table rows, both scales")
    args = parser.parse_args(argv)
    failed, rows = [], []
    for command in commands(scripts(args.names, args.table), args.national or args.table):
        name = " ".join([Path(command[1]).name, *command[2:]])
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code, found = collect(command)
        rows += found
        print(f"=== {name}: exit {code}, {time.perf_counter() - started:.0f} s ===", flush=True)
        if code:
            failed.append(name)
    if rows:
        print("\n" + summary.table(rows))
    if failed:
        print("misslyckades: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
