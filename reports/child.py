"""A report rendered in a child process (`python -m reports monthly ... --json`), not in the web worker.

Rendering starts kaleido's headless Chromium (~200 MB) and keeps it for the life of the process that drew the
chart; in a child it ends with the child, so a web worker never carries a browser after a download. The child is
its own process group (session), so a timeout ends it together with the Chromium it started.
"""

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60.0
FAILED = "Rapporten kunde inte skapas just nu. Försök igen om en stund."
TOO_SLOW = "Rapporten tog för lång tid att skapa och avbröts. Försök igen om en stund."
REFUSED_PREFIX = "Ingen rapport skapades: "

log = logging.getLogger(__name__)


class ReportFailed(RuntimeError):
    """No report was made; the message is Swedish and fit to show the user."""


@dataclass(frozen=True)
class RenderedReport:
    """A report as the child wrote and archived it."""

    file_name: str
    content: bytes


def _end_group(process: subprocess.Popen) -> None:
    """End the child's process group (the child and any Chromium it started) and reap the child."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def render(municipality: str, month: str, fmt: str, timeout: float = TIMEOUT_S) -> RenderedReport:
    """The monthly report made, archived and read back from a child process; ReportFailed when none was made."""
    with tempfile.TemporaryDirectory(prefix="styrkedjan-report-") as folder:
        out = Path(folder) / f"report.{fmt}"
        command = [sys.executable, "-m", "reports", "monthly", "--kommun", municipality, "--month", month]
        command += ["--format", fmt, "--out", str(out), "--json"]
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(process)
            log.error("report %s %s %s: no answer in %.0f s", municipality, month, fmt, timeout)
            raise ReportFailed(TOO_SLOW) from None
        _end_group(process)  # a Chromium left behind by the child must not outlive it
        if process.returncode == 1 and stderr.startswith(REFUSED_PREFIX):
            raise ReportFailed(stderr.strip())  # the CLI's own Swedish reason (no data for that month, ...)
        if process.returncode != 0 or not out.is_file():
            log.error("report %s %s %s failed (exit %s): %s", municipality, month, fmt, process.returncode, stderr)
            raise ReportFailed(FAILED)
        return RenderedReport(json.loads(stdout.splitlines()[-1])["file_name"], out.read_bytes())
