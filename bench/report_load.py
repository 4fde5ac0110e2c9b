"""Benchmark: do report downloads starve the other pages? GET / latency while 20 clients keep asking for PDFs.

    python bench/report_load.py [--clients 20] [--seconds 40] [--dir DIR]

Serves the demo warehouse with gunicorn (2 sync workers, as in production) twice: first with the report limit
effectively off (STYRKEDJAN_REPORT_SLOTS=99, the baseline), then with the default of one report at a time.
Each time, 20 logged-in clients post the Ekonomi page's PDF callback in a loop while one client times GET / every
0.2 s. Prints the p50/p95/max of GET / and how many PDFs were made or answered "busy". Target with the limit:
GET / p95 under 1 s.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.served import callback_body, gunicorn, log_in  # noqa: E402

TARGET_P95_S = 1.0
PASSWORD = "bench-lösenord-123"


def run(url: str, clients: int, seconds: float) -> dict:
    """Hammer the PDF callback with `clients` threads while timing GET /; returns the figures."""
    sessions = [log_in(url, "bench-admin", PASSWORD) for _ in range(clients + 1)]
    specs = sessions[0].get(url + "/_dash-dependencies", timeout=60).json()
    spec = next(s for s in specs if "ekonomi-report-download" in s["output"])
    body = callback_body(spec, {"ekonomi-report-pdf": 1, "ekonomi-kommun": "2581", "ekonomi-period": "2025-09"})
    body["changedPropIds"] = ["ekonomi-report-pdf.n_clicks"]
    stop = time.monotonic() + seconds
    outcome = {"pdf": 0, "busy": 0, "error": 0}
    lock = threading.Lock()

    def hammer(session):
        while time.monotonic() < stop:
            try:
                response = session.post(url + "/_dash-update-component", json=body, timeout=120)
                made = response.status_code == 200 and "ekonomi-report-download" in response.json()["response"]
                kind = "error" if response.status_code != 200 else "pdf" if made else "busy"
            except requests.RequestException:
                kind = "error"
            with lock:
                outcome[kind] += 1

    threads = [threading.Thread(target=hammer, args=(s,)) for s in sessions[1:]]
    for thread in threads:
        thread.start()
    time.sleep(2)  # let the load build up
    latencies = []
    while time.monotonic() < stop:
        started = time.perf_counter()
        sessions[0].get(url + "/", timeout=120)
        latencies.append(time.perf_counter() - started)
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
        "samples": len(latencies),
        **outcome,
    }


def main() -> int:
    """Measure without and with the report limit; print both and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-report-load-"))
    db = folder / "demo.duckdb"
    if not db.exists():
        from etl import demo

        demo.build(db)
    env = {
        "STYRKEDJAN_DB": str(db),
        "STYRKEDJAN_ACCOUNTS": str(folder / "accounts.sqlite"),
        "STYRKEDJAN_REPORTS": str(folder / "reports"),
    }
    import os

    os.environ.update(env)
    from accounts import store

    if store.get("bench-admin") is None:
        store.add("bench-admin", "admin", PASSWORD)
    results = {}
    for label, slots in (("utan gräns (baslinje)", "99"), ("med gräns, 1 rapport åt gången", "1")):
        with gunicorn({**env, "STYRKEDJAN_REPORT_SLOTS": slots}) as url:
            results[label] = r = run(url, args.clients, args.seconds)
        print(
            f"{label}: GET / p50 {r['p50']:.2f} s, p95 {r['p95']:.2f} s, max {r['max']:.2f} s"
            f" ({r['samples']} mätningar); {r['pdf']} PDF, {r['busy']} 'försök igen', {r['error']} fel",
            flush=True,
        )
    base, limited = results.values()
    print(f"kvot p95 med gräns / utan gräns: {limited['p95'] / base['p95']:.2f} (mål p95 < {TARGET_P95_S:.0f} s)")
    return 0 if limited["p95"] < TARGET_P95_S else 1


if __name__ == "__main__":
    sys.exit(main())
