"""One response, one version: while a publisher process swaps warehouse versions, a client process hammers the
Ekonomi callback (several queries: table, forecast history, budget curve) under gunicorn (two
worker processes, as in production), and no response mixes
the table of one version with the charts of another."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date

from data.settings import ROOT
from tests.callback_http import callback_body
from tests.conftest import TEST_ADMIN
from tests.fixtures import build_warehouse
from tests.monthly_fixture import bun_september_correction, economy_workbooks
from tests.served import log_in

PUBLISHES = 150
CLIENTS = 2

# Publishes version A and B alternately with an atomic rename, as the loader does, then writes the stop file.
PUBLISHER = """
import os, shutil, sys, time
live, a, b, count, stop = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
for i in range(count):
    shutil.copyfile(b if i % 2 == 0 else a, live + ".part")
    os.replace(live + ".part", live)
    time.sleep(0.05)
open(stop, "w").close()
print(count)
"""

# Posts the callback until the stop file exists (at most 120 s) and prints each response's fingerprint:
# (total outcome in the table, last point of the outcome curve, forecast deviations in the committee chart).
CLIENT = """
import json, os, sys, time, urllib.request
url, body, stop, cookie = sys.argv[1], sys.argv[2].encode(), sys.argv[3], sys.argv[4]
seen, errors, deadline = {}, [], time.monotonic() + 120
while not os.path.exists(stop) and time.monotonic() < deadline:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json", "Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)["response"]
        total = answer["ekonomi-table"]["dashGridOptions"]["pinnedBottomRowData"][0]["outcome_ytd"]
        curve = answer["ekonomi-curve"]["figure"]["data"][1]["y"][-1]
        bars = answer["ekonomi-committees"]["figure"]["data"][0]["x"]
        key = json.dumps([total, curve, bars])
        seen[key] = seen.get(key, 0) + 1
    except Exception as exc:
        errors.append(repr(exc)[:200])
print(json.dumps({"seen": seen, "errors": errors[:5], "error_count": len(errors)}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url: str, server: subprocess.Popen) -> tuple[list[dict], str]:
    """The callback list and a logged-in session's Cookie header, once gunicorn answers."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            # No short timeout: a worker's first request imports the pages, and a retry meanwhile would see a
            # half-registered callback list.
            with urllib.request.urlopen(f"{url}/login", timeout=120):
                session = log_in(url, *TEST_ADMIN)
                cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
                return session.get(f"{url}/_dash-dependencies", timeout=120).json(), cookie
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def _post(url: str, body: dict, cookie: str) -> list:
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)["response"]
    return [
        answer["ekonomi-table"]["dashGridOptions"]["pinnedBottomRowData"][0]["outcome_ytd"],
        answer["ekonomi-curve"]["figure"]["data"][1]["y"][-1],
        answer["ekonomi-committees"]["figure"]["data"][0]["x"],
    ]


def test_no_response_mixes_two_versions_during_publishes(tmp_path):
    a, b, live = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "lager.duckdb"
    build_warehouse(a, economy_workbooks())
    correction = bun_september_correction(date(2025, 10, 13))
    build_warehouse(b, [*economy_workbooks(), correction])
    shutil.copyfile(a, live)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "STYRKEDJAN_DB": str(live), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        dependencies, cookie = _wait_until_serving(url, server)
        body = callback_body(dependencies, "ekonomi-kpis.children", ["2581", "2025-09", None, {}])
        endpoint = f"{url}/_dash-update-component"
        version_a = _post(endpoint, body, cookie)
        shutil.copyfile(b, live.with_suffix(".part"))
        live.with_suffix(".part").replace(live)
        version_b = _post(endpoint, body, cookie)
        assert version_a == [-1020.0, -1020.0, [-50.0, 10.0]]
        assert version_b == [-1120.0, -1120.0, [-200.0, 10.0]]

        stop = tmp_path / "stop"
        clients = [
            subprocess.Popen([sys.executable, "-c", CLIENT, endpoint, json.dumps(body), str(stop), cookie],
                             env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(CLIENTS)
        ]  # fmt: skip
        time.sleep(0.5)  # the clients are hammering before the first publish
        publisher = subprocess.run(
            [sys.executable, "-c", PUBLISHER, str(live), str(a), str(b), str(PUBLISHES), str(stop)],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        results = [json.loads(client.communicate(timeout=180)[0]) for client in clients]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert publisher.stdout.strip() == str(PUBLISHES)
    seen: dict[str, int] = {}
    for result in results:
        assert (result["error_count"], result["errors"]) == (0, [])
        for key, count in result["seen"].items():
            seen[key] = seen.get(key, 0) + count
    consistent = {json.dumps(version_a), json.dumps(version_b)}
    mixed = sum(count for key, count in seen.items() if key not in consistent)
    total = sum(seen.values())
    print(f"{total} responses during {PUBLISHES} publishes, {mixed} mixed versions")
    assert mixed == 0
    assert seen.get(json.dumps(version_a), 0) > 5 and seen.get(json.dumps(version_b), 0) > 5
