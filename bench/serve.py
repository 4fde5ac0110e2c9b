"""Serving benchmark: gunicorn -w 2 under wrk with 50 connections, each rate a ratio to a static file's.

    .venv/bin/python bench/serve.py [--national] [--seconds 5] [--connections 50] [--runs 1] [--dir DIR]

Builds the demo warehouse (or, with --national, the 290-municipality one) in a temporary folder (or reuses
DIR/demo.duckdb, DIR/national.duckdb), picks the three heaviest callbacks by playing every page's callbacks through
the Flask test client (bench/callbacks.py's Player), starts `gunicorn -w 2 app:server` on a free 127.0.0.1 port
and runs wrk against a static asset (the baseline) and each heavy callback (its real POST body, from a Lua
script), every request with a browser's Accept-Encoding; with --runs N the targets take turns N times and the
median counts. Then it reads each worker's memory (VmRSS) against its own right after start, orders one monthly
PDF report as the Ekonomi page's button does (its memory is printed, not counted) and looks for a Chromium
(kaleido) below the web server.
Prints req/s, p95 and errors, the rates as a ratio to the static file's measured in the same run, the bytes of a
cold page (index, JS, CSS, layout and dependencies as sent with `Accept-Encoding: gzip`), and three rows of issue
16's table (bench.summary). Every process it starts is stopped before it exits.
"""

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from bench import _app, summary  # noqa: E402
from bench.callbacks import Player, scenarios, short  # noqa: E402
from tests.served import browsers_below, callback_body, children, master_pid  # noqa: E402

STATIC_ASSET = "/assets/style.css"
HEAVIEST = 3
ACCEPT_ENCODING = "gzip, deflate, br, zstd"  # what Chromium sends
GOAL_SHARE, GOAL_P95_MS, GOAL_RSS_MB = 0.10, 250.0, 250.0
REPORT_OUTPUT = "..ekonomi-report-download.data...ekonomi-report-status.children.."
# wrk prints this one line from its done() hook; the benchmark reads it back as JSON.
LUA_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "p95_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


class Recorder:
    """Wraps the Flask test client: keeps each callback's last POST body and its slowest time."""

    def __init__(self, client):
        self.client = client
        self.bodies: dict[str, dict] = {}
        self.seconds: dict[str, float] = {}

    def get(self, *args, **kwargs):
        """Pass a GET through."""
        return self.client.get(*args, **kwargs)

    def post(self, url, json=None):
        """Time one callback POST and keep its body."""
        started = time.perf_counter()
        response = self.client.post(url, json=json)
        seconds = time.perf_counter() - started
        key = json["output"]
        if response.status_code == 200 and seconds >= self.seconds.get(key, 0.0):
            self.bodies[key], self.seconds[key] = json, seconds
        return response


def heaviest_callbacks(count: int) -> list[tuple[str, dict, float]]:
    """The count slowest callbacks of one scenario per page, played in-process: (name, body, seconds)."""
    import dash

    import app as shell

    player = Player(shell.app)
    recorder = Recorder(player.client)
    player.client = recorder
    from ui.components import query_string

    search = query_string(**scenarios(1)[0])
    for page in dash.page_registry.values():
        if page.get("path_template") and not page.get("example_path"):
            continue
        _, _, layout = player.render(page.get("example_path") or page["path"], search)
        player.play(layout, lambda *_: None)
    # Only callbacks a page fires on load: user actions (an export button) are held to other targets.
    on_load = {k for k in player.callbacks if not player.specs[k].get("prevent_initial_call")}
    candidates = [k for k in recorder.bodies if k in on_load]
    ranked = sorted(candidates, key=lambda k: -recorder.seconds[k])[:count]
    return [(short(k), recorder.bodies[k], recorder.seconds[k]) for k in ranked]


def drained(session, url: str) -> None:
    """Wait until one GET is answered: wrk leaves requests queued in gunicorn's backlog, served first."""
    session.get(url, timeout=300)


def run_wrk(url: str, script: Path, args: argparse.Namespace, cookie: str) -> dict:
    """One wrk run; its done() line as a dict, with req/s and p95 in ms added."""
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(args.connections),
        "-d",
        f"{args.seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    command += ["-H", f"Cookie: {cookie}", "-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    result["rate"] = result["requests"] / result["seconds"]
    result["p95_ms"] = result["p95_us"] / 1000
    return result


def lua_script(folder: Path, name: str, body: dict | None) -> Path:
    """A wrk script: a GET, or a JSON POST of body, plus the done() hook that prints the result."""
    path = folder / f"{name}.lua"
    request = ""
    if body is not None:
        body_file = folder / f"{name}.json"
        body_file.write_text(json.dumps(body))
        request = (
            f'local f = io.open("{body_file}", "rb")\nwrk.body = f:read("*a")\nf:close()\n'
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
        )
    path.write_text(request + LUA_DONE)
    return path


def sent_bytes(session, url: str) -> tuple[int, str]:
    """Bytes of one response as sent when gzip is accepted, and its decoded text."""
    response = session.get(url, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=60)
    raw = response.raw.read(decode_content=False)
    response.raise_for_status()
    text = ""
    if "text/html" in response.headers.get("Content-Type", ""):
        text = (gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw).decode()
    return len(raw), text


def cold_page_bytes(session, base: str) -> int:
    """Sum of the index page, every script and stylesheet it names, the layout and the dependencies."""
    total, index = sent_bytes(session, base + "/")
    urls = re.findall(r'<script src="([^"]+)"', index) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', index)
    for url in [*urls, "/_dash-layout", "/_dash-dependencies"]:
        total += sent_bytes(session, base + url.replace("&amp;", "&"))[0]
    return total


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS)."""
    for text in Path(f"/proc/{pid}/status").read_text().splitlines():
        if text.startswith("VmRSS:"):
            return int(text.split()[1]) / 1024
    return 0.0


def order_report(session, base: str, scenario: dict) -> str:
    """Order one monthly PDF as the Ekonomi page's button does; a short note of what happened."""
    specs = {spec["output"]: spec for spec in session.get(base + "/_dash-dependencies", timeout=60).json()}
    spec = specs.get(REPORT_OUTPUT)
    if spec is None:
        return "ingen rapportknapp på Ekonomi"
    values = {"ekonomi-report-pdf": 1, "ekonomi-kommun": scenario["kommun"], "ekonomi-period": scenario["period"]}
    body = callback_body(spec, values)
    body["changedPropIds"] = ["ekonomi-report-pdf.n_clicks"]
    started = time.perf_counter()
    response = session.post(base + "/_dash-update-component", json=body, timeout=300)
    seconds = time.perf_counter() - started
    return f"månadsrapport (PDF): HTTP {response.status_code}, {len(response.content) / 1e3:.0f} kB, {seconds:.1f} s"


def median_result(results: list[dict]) -> dict:
    """One target's runs as one: median rate and p95, all errors."""
    return {
        "rate": statistics.median(r["rate"] for r in results),
        "p95_ms": statistics.median(r["p95_ms"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def report_rows(scale: str, static: dict, callbacks: list[dict], memory: tuple[float, float], browsers: list) -> None:
    """Issue 16's serving and memory rows, via bench.summary."""
    slowest = min(r["rate"] for r in callbacks)
    worst_p95 = max(r["p95_ms"] for r in callbacks)
    met = all(
        r["rate"] >= GOAL_SHARE * static["rate"] and r["p95_ms"] <= GOAL_P95_MS and r["errors"] == 0 and r["rate"] > 0
        for r in callbacks
    )
    goal = f"≥ {GOAL_SHARE:.0%} of static, p95 ≤ {GOAL_P95_MS:.0f} ms, 0 errors".replace("%", " %")
    summary.emit(
        "serving: heavy callbacks, 50 connections", scale, slowest, "req/s", static["rate"], "static file", goal, met
    )
    summary.emit(
        "serving: p95 of heavy callbacks",
        scale,
        worst_p95,
        "ms",
        static["p95_ms"],
        "static file",
        f"≤ {GOAL_P95_MS:.0f} ms",
        worst_p95 <= GOAL_P95_MS,
    )
    after, before = memory
    summary.emit(
        "memory per worker after load",
        scale,
        after,
        "MB",
        before,
        "same worker at start",
        f"< {GOAL_RSS_MB:.0f} MB, no Chromium under the web server",
        after < GOAL_RSS_MB and not browsers,
    )


def main(argv: list[str] | None = None) -> int:
    """Build the warehouse, serve it with gunicorn, load it with wrk and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true", help="290 municipalities instead of the demo's 10")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1, help="the targets take turns this often; medians count")
    parser.add_argument("--dir", type=Path, default=None, help="keep (or reuse) the warehouse in this folder")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk saknas: apt-get install -y wrk")
        return 1

    folder = _app.warehouse(args.dir, args.national, "styrkedjan-serve-")
    heavy = heaviest_callbacks(HEAVIEST)

    with _app.served("bench-serve") as (base, session):
        workers = children(master_pid(int(base.rsplit(":", 1)[1])))
        at_start = {pid: rss_mb(pid) for pid in workers}
        cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
        cold = cold_page_bytes(session, base)
        targets = [("statisk fil " + STATIC_ASSET, None, base + STATIC_ASSET, lua_script(folder, "static", None))]
        for index, (name, body, seconds) in enumerate(heavy):
            script = lua_script(folder, f"callback{index}", body)
            targets.append((name, seconds, base + "/_dash-update-component", script))
        results: list[list[dict]] = [[] for _ in targets]
        for _ in range(args.runs):
            for index, (_, _, url, script) in enumerate(targets):
                results[index].append(run_wrk(url, script, args, cookie))
                drained(session, base + STATIC_ASSET)
        after = {pid: rss_mb(pid) for pid in workers if Path(f"/proc/{pid}").exists()}
        report = order_report(session, base, scenarios(1)[0])
        after_report = {pid: rss_mb(pid) for pid in workers if Path(f"/proc/{pid}").exists()}
        browsers = browsers_below(master_pid(int(base.rsplit(":", 1)[1])))
    rows = [(name, alone, median_result(found)) for (name, alone, _, _), found in zip(targets, results, strict=True)]
    static = rows[0][2]

    scale = "national (290 kommuner)" if args.national else "demo (10 kommuner)"
    print(f"{scale}; gunicorn -w 2, wrk -c {args.connections} -d {args.seconds}s x {args.runs}; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    header = f"{'mål':<48} {'ensam ms':>9} {'req/s':>8} {'andel':>7} {'p95 ms':>8} {'fel':>5}"
    print(header)
    print("-" * len(header))
    for name, alone, result in rows:
        share = result["rate"] / static["rate"]
        alone_text = f"{alone * 1000:.1f}" if alone is not None else "-"
        print(f"{name[:48]:<48} {alone_text:>9} {result['rate']:>8.1f} {share:>6.1%} "
              f"{result['p95_ms']:>8.1f} {result['errors']:>5}")  # fmt: skip
    print(
        f"kall sida (gzip accepterad): {cold / 1e6:.2f} MB; mål: ≥ 10 % av den statiska filens takt, "
        "p95 ≤ 250 ms, 0 fel, kall sida ≤ 2,5 MB"
    )
    print(report)
    for pid in workers:
        print(f"arbetsprocess {pid}: {at_start[pid]:.0f} MB vid start, {after.get(pid, 0):.0f} MB efter lasten, "
              f"{after_report.get(pid, 0):.0f} MB efter rapporten")  # fmt: skip
    print("Chromium under webbservern: " + ("; ".join(browsers) if browsers else "ingen"))
    largest = max(after, key=after.get) if after else workers[0]
    memory = (after.get(largest, 0.0), at_start[largest])
    report_rows(_app.scale_name(args.national), static, [r for _, _, r in rows[1:]], memory, browsers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
