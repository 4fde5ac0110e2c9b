"""The app under gunicorn on a free port, for tests that talk real HTTP (log-in, access, headers, fuzzing), and the
processes below it (/proc), for tests and benchmarks that look for a browser left under the web server."""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, port: int | None = None):
    """Serve app:server with gunicorn (sync workers) until the block ends; yields the base URL."""
    port = port or free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120"]
    log = tempfile.TemporaryFile()  # noqa: SIM115  a pipe nobody reads would fill up and block the workers' logging
    process = subprocess.Popen(
        [*command, "app:server"], cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "/login", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError("gunicorn did not start: " + log.read().decode()[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def csrf(session: requests.Session, url: str) -> str:
    """The anti-forgery token of the log-in form (the session keeps the cookie it belongs to)."""
    page = session.get(url + "/login", timeout=10).text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def log_in(url: str, name: str, password: str) -> requests.Session:
    """A requests session logged in through the real form."""
    session = requests.Session()
    response = session.post(
        url + "/login",
        data={"username": name, "password": password, "csrf_token": csrf(session, url)},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303, response.text[:300]
    return session


def callback_body(spec: dict, values: dict[str, object]) -> dict:
    """A callback request as Dash's renderer sends it, for a spec of /_dash-dependencies; values by component id."""

    def item(dep: dict) -> dict:
        return {"id": dep["id"], "property": dep["property"], "value": values.get(dep["id"])}

    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in re.findall(r"[^.]+\.[^.]+", spec["output"].strip("."))
    ]
    return {
        "output": spec["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [item(d) for d in spec["inputs"]],
        "state": [item(d) for d in spec["state"]],
        "changedPropIds": [f"{d['id']}.{d['property']}" for d in spec["inputs"][:1]],
    }


BROWSER_NAMES = ("chrom", "kaleido")  # a process whose name or command line has one of these is a browser


def children(pid: int) -> list[int]:
    """The processes whose parent is pid (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """Every process below pid."""
    below = children(pid)
    return below + [p for child in below for p in descendants(child)]


def master_pid(port: int) -> int:
    """The gunicorn master this process started on port (its child whose command line names the port)."""
    for pid in children(os.getpid()):
        if f"127.0.0.1:{port}" in command_line(pid):
            return pid
    raise RuntimeError(f"no gunicorn master on port {port}")


def command_line(pid: int) -> str:
    """A process's command line as text ('' when it has ended)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def browsers_below(pid: int) -> list[str]:
    """Command lines of Chromium/kaleido processes below pid."""
    found = []
    for child in descendants(pid):
        try:
            name = Path(f"/proc/{child}/comm").read_text().strip()
        except OSError:
            continue
        text = command_line(child)
        if any(word in name.lower() or word in text.lower() for word in BROWSER_NAMES):
            found.append(f"{child} {text[:80]}")
    return found
