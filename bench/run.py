"""Run every benchmark: each bench/*.py script except this one, one after the other, with its own output.

    .venv/bin/python bench/run.py [NAME ...]

NAME limits the run to bench/NAME.py. Exit code 1 when any script fails.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"run"}


def scripts(names: list[str]) -> list[Path]:
    """The benchmark scripts to run, in name order (cases_*.py modules are data for callbacks.py)."""
    found = [p for p in sorted(HERE.glob("*.py")) if p.stem not in SKIP and not p.stem.startswith(("cases_", "_"))]
    return [p for p in found if not names or p.stem in names]


def main(argv: list[str]) -> int:
    """Run the chosen scripts and print a summary of what failed."""
    failed = []
    for script in scripts(argv):
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"=== {script.name}: exit {code}, {time.perf_counter() - started:.0f} s ===", flush=True)
        if code:
            failed.append(script.name)
    if failed:
        print("misslyckades: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
