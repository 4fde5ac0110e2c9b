"""Charts as PNG through kaleido, with one headless Chromium kept per process (recipes.md).

Starting Chromium costs about 2.5 s; later images cost about 0.2 s. The server is started on the first chart a
process makes and stopped when the process exits.
"""

import atexit
import contextlib
import os
import signal
import threading
import warnings
from functools import cache
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import plotly.io as pio

_lock = threading.Lock()  # the sync server handles one figure at a time


@cache
def _server() -> bool:
    kaleido.start_sync_server(silence_warnings=True)
    atexit.register(_stop_server)  # runs before kaleido's own exit handler (last registered, first run)
    return True


def _stop_server(timeout: float = 10.0) -> None:
    """Stop kaleido's server at exit without ever waiting for ever.

    Stopping waits for kaleido's Chromium to close; in a long-lived process (seen in the full test suite) that
    Chromium sometimes never answers, and the process would hang after its work is done. After the timeout the
    Chromium processes this process started are ended and kaleido's server is left to die with the process.
    """
    stopper = threading.Thread(target=kaleido.stop_sync_server, kwargs={"silence_warnings": True}, daemon=True)
    stopper.start()
    stopper.join(timeout)
    if stopper.is_alive():
        for pid in _child_chromium_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        abandon_kaleido_server()


def abandon_kaleido_server() -> None:
    """Mark kaleido's sync server stopped without joining its thread: the one use of kaleido's private state.

    kaleido's own exit handler would join a hung server thread and never return; the thread is a daemon, so
    marking the singleton stopped lets the interpreter exit. kaleido has no public way: this relies on kaleido 1.x's
    `_global_server` whose `is_running()` reads `_initialized` (tests/test_kaleido_private.py fails if that changes).
    """
    kaleido._global_server._initialized = False


def _child_chromium_pids() -> list[int]:
    """Process ids of the Chromium processes (and their wrapper) descended from this process (Linux /proc)."""
    parents, commands = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int(stat.parent.name)
            parents[pid] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            commands[pid] = (stat.parent / "cmdline").read_bytes()
    descendants, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - descendants
        descendants |= frontier
    return sorted(pid for pid in descendants if b"chromium" in commands.get(pid, b""))


def png(figure: go.Figure | dict, width: int, height: int, scale: float = 2) -> bytes:
    """The figure as PNG bytes at width × height CSS pixels (scale 2 for print)."""
    with _lock:
        _server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # plotly notes that kaleido options are server-wide
            return pio.to_image(figure, format="png", width=width, height=height, scale=scale)
