"""Cold page: bytes a new browser fetches and its time to settled, per page, against the /login page's.

    .venv/bin/python bench/cold_page.py [--national] [--runs 3] [--pages /,/mal,...] [--dir DIR]

Builds (or reuses DIR/demo.duckdb, DIR/national.duckdb) the warehouse, starts `gunicorn -w 2 app:server` with a
temporary admin (bench/_app.py, as bench/serve.py) and opens every page in a new headless Chromium each time: a
fresh profile, so an empty cache. The session cookie of a log-in through the real form is set before the first
request, so the log-in page is not in the cache either. The /login page, opened the same way without the cookie,
is the baseline.

Bytes: the sum of `transferSize` (compressed body plus headers, as sent) over the navigation and every resource
timing entry (scripts, stylesheets, fonts, the layout, every callback) until settled.
Settled: the document has loaded, no callback request is in flight (tests/browser's fetch recorder), no element
is marked `data-dash-is-loading`, every graph has drawn its SVG and every grid its rows (harness.SETTLED_JS), and
no new resource has started, at 3 polls in a row 50 ms apart. Time to settled: `performance.now()` (ms since the
navigation began) at the first of those polls. Prints each page's min/median over the runs and reports the worst
page's medians as the issue 16 rows "cold page bytes" (≤ 2.5 MB) and "cold page time to settled" (≤ 1.0 s, national
≤ 1.5 s).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path[0] = str(ROOT)  # not bench/, whose etl.py would hide the etl package

from bench import _app, summary  # noqa: E402
from tests.browser.harness import RECORDER_JS, SETTLED_JS, chromium, console_errors  # noqa: E402

PAGES = ["/", "/mal", "/ekonomi", "/avvikelser", "/projekt", "/uppdrag", "/forbattringsforslag", "/jamforelse"]
BASELINE = "/login"
GOAL_MB, GOAL_S, GOAL_NATIONAL_S = 2.5, 1.0, 1.5
POLL_S, STABLE_POLLS, TIMEOUT_S = 0.05, 3, 60.0
# Before the app's scripts: room for every resource timing entry (the default buffer keeps 250).
BUFFER_JS = "performance.setResourceTimingBufferSize(100000);"
# One poll: [settled by the page's own signs, resources started so far, ms since navigation, bytes so far].
POLL_JS = (
    "const settled = document.getElementById('react-entry-point') ? (() => {" + SETTLED_JS + "})()"
    " : document.readyState === 'complete';"
    "const entries = performance.getEntriesByType('resource');"
    "const navigation = performance.getEntriesByType('navigation')[0];"
    "const bytes = entries.reduce((sum, e) => sum + e.transferSize, navigation ? navigation.transferSize : 0);"
    "return [settled, entries.length, performance.now(), bytes];"
)

LARGEST = 6
# The largest resources of a load, by bytes sent: [path without its query, bytes].
LARGEST_JS = (
    "return performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.transferSize])"
    ".sort((a, b) => b[1] - a[1]).slice(0, arguments[0]);"
)


def settle(driver) -> tuple[float, int]:
    """Poll the open page until settled; (ms from navigation to settled, bytes transferred by then)."""
    deadline = time.monotonic() + TIMEOUT_S
    streak, started, seen = 0, None, -1
    while time.monotonic() < deadline:
        settled, count, now, bytes_ = driver.execute_script(POLL_JS)
        streak = streak + 1 if settled and count == seen else 0
        seen = count
        if streak == 1:
            started = now
        if streak >= STABLE_POLLS:
            return started, bytes_
        time.sleep(POLL_S)
    raise RuntimeError(f"{driver.current_url} did not settle within {TIMEOUT_S:.0f} s")


def cold_load(base: str, path: str, cookies: dict[str, str]) -> dict:
    """Open path in a new Chromium with an empty cache; its bytes, time to settled and console errors."""
    driver = chromium()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": BUFFER_JS + RECORDER_JS})
        for name, value in cookies.items():
            driver.execute_cdp_cmd("Network.setCookie", {"name": name, "value": value, "url": base})
        driver.get(base + path)
        if path != BASELINE and "/login" in driver.current_url:
            raise RuntimeError(f"{path}: the session cookie did not log the browser in")
        ms, bytes_ = settle(driver)
        largest = driver.execute_script(LARGEST_JS, LARGEST)
        return {"bytes": bytes_, "seconds": ms / 1000, "errors": console_errors(driver), "largest": largest}
    finally:
        driver.quit()


def measure(base: str, pages: list[str], cookies: dict[str, str], runs: int) -> dict[str, list[dict]]:
    """Every page (and the baseline) cold, runs times each, taking turns: path -> its loads."""
    loads: dict[str, list[dict]] = {path: [] for path in [BASELINE, *pages]}
    for _ in range(runs):
        for path in loads:
            loads[path].append(cold_load(base, path, {} if path == BASELINE else cookies))
    return loads


def report(loads: dict[str, list[dict]], national: bool, runs: int) -> None:
    """Print each page's min/median and the two table rows of the worst page."""
    scale = "national (290 kommuner)" if national else "demo (10 kommuner)"
    print(f"{scale}; gunicorn -w 2, ny Chromium per sidladdning, {runs} körningar; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
    header = f"{'sida':<22} {'kB min':>8} {'kB median':>10} {'s min':>7} {'s median':>9}  konsolfel"
    print(header)
    print("-" * len(header))
    medians = {}
    for path, found in loads.items():
        kb = [load["bytes"] / 1e3 for load in found]
        seconds = [load["seconds"] for load in found]
        errors = sorted({e for load in found for e in load["errors"]})
        medians[path] = (statistics.median(kb) / 1e3, statistics.median(seconds))
        print(f"{path:<22} {min(kb):>8.0f} {statistics.median(kb):>10.0f} {min(seconds):>7.2f} "
              f"{statistics.median(seconds):>9.2f}  {len(errors)}")  # fmt: skip
        for error in errors:
            print(f"    {error[:200]}")
    base_mb, base_s = medians.pop(BASELINE)
    heaviest = max(medians, key=lambda p: medians[p][0])
    slowest = max(medians, key=lambda p: medians[p][1])
    goal_s = GOAL_NATIONAL_S if national else GOAL_S
    print(f"tyngst: {heaviest} ({medians[heaviest][0]:.2f} MB), långsammast: {slowest} ({medians[slowest][1]:.2f} s)")
    for name, size in loads[heaviest][-1].get("largest", []):
        print(f"    {size / 1e3:>7.0f} kB  {name}")
    summary.emit(
        "cold page bytes",
        _app.scale_name(national),
        round(medians[heaviest][0], 3),
        "MB",
        round(base_mb, 3),
        BASELINE,
        f"≤ {GOAL_MB} MB compressed (worst page: {heaviest})".replace(".", ","),
        medians[heaviest][0] <= GOAL_MB,
    )
    summary.emit(
        "cold page time to settled",
        _app.scale_name(national),
        round(medians[slowest][1], 3),
        "s",
        round(base_s, 3),
        BASELINE,
        f"≤ {goal_s} s (worst page: {slowest})".replace(".", ","),
        medians[slowest][1] <= goal_s,
    )


def main(argv: list[str] | None = None) -> int:
    """Serve the warehouse, open each page cold in Chromium and print bytes and time to settled."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="290 municipalities instead of the demo's 10")
    parser.add_argument("--runs", type=int, default=3, help="cold loads of each page, taking turns; medians count")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated paths (default: %(default)s)")
    parser.add_argument("--dir", type=Path, default=None, help="keep (or reuse) the warehouse in this folder")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    _app.warehouse(args.dir, args.national, "styrkedjan-cold-page-")
    with _app.served("bench-cold-page") as (base, session):
        loads = measure(base, pages, dict(session.cookies.items()), args.runs)
    report(loads, args.national, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
