"""Benchmark of the network pages' callbacks at national scale: 290 municipalities x 5 years.

    python bench/network.py [--runs 40] [--dir DIR]

Builds (or reuses, in DIR, default a folder under the system temp dir) two demo warehouses with Kolada's sample
imported: the network's ten municipalities (the baseline, same run) and 290 municipalities from 2022-01 to
2026-12 (etl.demo.build's national scale). Each
callback is timed end to end as Dash runs it (callback plus JSON encoding of its outputs) over varied inputs;
p50/p95 in ms, the response size, and the ratio national / baseline are printed. Target: p95 < 100 ms.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.utils  # noqa: E402

from etl import demo  # noqa: E402

TARGET_MS = 100.0


def build(path: Path, municipalities: int, first: str, last: str) -> Path:
    """The demo warehouse (with Kolada's demo figures), built once and reused."""
    if not path.exists():
        started = time.perf_counter()
        demo.build(path, municipalities, first, last)  # imports etl/reference/kolada_demo.json as well
        print(f"byggde {path.name}: {municipalities} kommuner {first}–{last} på {time.perf_counter() - started:.0f} s")
    return path


def cases() -> dict:
    """Callback name -> list of argument tuples (varied municipalities, periods and choices)."""
    from data import comparison, meta, network
    from pages import forbattringsforslag as f
    from pages import jamforelse as j

    codes = [code for code, _ in meta.municipalities()][:: max(1, len(meta.municipalities()) // 8)][:8]
    months = network.available_months()
    periods = [months[0], months[3], f"{months[0][:4]}-01", f"{int(months[0][:4]) - 1}-12"]
    inputs = [
        (code, period, omfang, matt, takt)
        for code in codes
        for period, omfang, matt, takt in zip(
            periods, ("ar", "manad", "ar", "ar"), ("genomforda", "inlamnade", "genomforda", "inlamnade"),
            ("period", "helar", "period", "period"), strict=True,
        )
    ]  # fmt: skip
    leaders = [r.municipality_code for r in network.ranking(network.make_period(None, None, months)).leaders]
    shared = comparison.shared_indicators()
    picks = [s for s in shared if s.kolada_kpi][:3] + [s for s in shared if not s.kolada_kpi][:2]
    jam = [(s.key, s.periods[i % len(s.periods)], None, "") for s in picks for i in range(4)]
    jam += [(s.key, s.periods[0], codes[:4], "") for s in picks]
    return {
        "forbattringsforslag.update_ranking": (f.update_ranking, inputs),
        "forbattringsforslag.update_trends": (f.update_trends, [(leaders, *args) for args in inputs]),
        "forbattringsforslag.update_departments": (f.update_departments, inputs),
        "jamforelse.update": (j.update, jam),
        "jamforelse.follow_indicator": (j.follow_indicator, [(s.key, None, None, "") for s in picks]),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(runs: int) -> dict[str, tuple[float, float, float, int]]:
    """name -> (p50 ms, p95 ms, p95 CPU ms, largest response in bytes) on the warehouse STYRKEDJAN_DB points at.

    CPU time (all threads of this process) is printed beside wall time because the machine is shared: under
    load wall time grows with other people's work, CPU time much less.
    """
    results = {}
    for name, (function, arguments) in cases().items():
        json.dumps(function(*arguments[0]), cls=plotly.utils.PlotlyJSONEncoder)  # warm-up: connection, caches
        times, cpu, sizes = [], [], []
        for i in range(runs):
            args = arguments[i % len(arguments)]
            started, started_cpu = time.perf_counter(), time.process_time()
            body = json.dumps(function(*args), cls=plotly.utils.PlotlyJSONEncoder)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            sizes.append(len(body))
        results[name] = (statistics.median(times), _p95(times), _p95(cpu), max(sizes))
    return results


def main() -> int:
    """Build both warehouses, time every network callback on each, print the table; exit 1 when over target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "styrkedjan_network_bench")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    baseline = build(args.dir / "network_demo.duckdb", 10, demo.FIRST_MONTH, demo.LAST_MONTH)
    national = build(args.dir / "network_national.duckdb", 290, "2022-01", "2026-12")

    import app  # noqa: F401  registers the pages (after the warehouses exist)

    os.environ["STYRKEDJAN_DB"] = str(baseline)
    base = measure(args.runs)
    os.environ["STYRKEDJAN_DB"] = str(national)
    big = measure(args.runs)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = f"{'callback':40} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} {'svar kB':>8} {'p95/bas':>8}"
    print(header + "   (bas: 10 kommuner)")
    worst = 0.0
    for name, (p50, p95, p95_cpu, size) in big.items():
        ratio = p95 / base[name][1]
        worst = max(worst, p95)
        print(f"{name:40} {p50:7.1f} {p95:7.1f} {p95_cpu:8.1f} {size / 1024:8.1f} {ratio:8.1f}")
    print(f"högsta p95 {worst:.1f} ms, mål < {TARGET_MS:.0f} ms: {'OK' if worst < TARGET_MS else 'ÖVER MÅLET'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
