"""The load lock: one writer per warehouse folder, a bounded wait that says whom it waits for, dead files removed.

Every command that publishes a warehouse (load, withdraw, kolada, demo, rebuild) holds an exclusive `flock` on the
warehouse's folder while it stages and publishes. Locking the folder rather than a lock file leaves nothing behind
in data/; the holder's pid is read from /proc/locks. The lock is re-entrant within one thread (the demo imports
Kolada figures while it holds it); two threads of one process (a web worker publishing from /lamna-in) each open
their own handle, so they wait for each other like two processes. The kernel drops it when its holder dies, even
by kill -9.
"""

import fcntl
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from etl.failure import CouldNotPublish

DEFAULT_WAIT_SECONDS = 600.0
POLL_SECONDS = 0.1
_held: dict[tuple[str, int], int] = {}  # (folder, thread) -> depth, for re-entry within one thread


class LockTimeout(CouldNotPublish):
    """Another load held the lock for longer than we were willing to wait."""


def holder_pid(folder: Path) -> int | None:
    """The pid holding a flock on this folder, from /proc/locks (None when unknown or not held)."""
    st = os.stat(folder)
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) < 6 or parts[1] != "FLOCK" or parts[4] == "->":
            continue
        device, _, inode = parts[5].rpartition(":")
        major, _, minor = device.partition(":")
        if int(inode) == st.st_ino and os.makedev(int(major, 16), int(minor, 16)) == st.st_dev:
            return int(parts[4])
    return None


def _say_waiting(pid: int | None) -> None:
    who = f"pid {pid}" if pid else "pid okänd"
    print(f"Väntar på en annan inläsning ({who}) …", file=sys.stderr, flush=True)


@contextmanager
def load_lock(db: Path, wait: float = DEFAULT_WAIT_SECONDS, on_wait: Callable[[int | None], None] = _say_waiting):
    """Hold the exclusive lock on the warehouse's folder; wait at most `wait` seconds, else raise LockTimeout.

    While it waits it says once whom it waits for. Once held, staging files of dead loads are removed.
    """
    folder = Path(db).resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    key = (str(folder), threading.get_ident())  # another thread opens its own handle and waits
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        _acquire(handle, folder, wait, on_wait)
        _held[key] = 1
        try:
            remove_dead_files(folder)
            yield
        finally:
            del _held[key]
    finally:
        os.close(handle)  # closing releases the lock


def _acquire(handle: int, folder: Path, wait: float, on_wait: Callable[[int | None], None]) -> None:
    deadline, told = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pid = holder_pid(folder)
            if not told:
                on_wait(pid)
                told = True
            if time.monotonic() >= deadline:
                who = f" (pid {pid})" if pid else ""
                raise LockTimeout(
                    f"Gav upp efter {wait:g} s: en annan inläsning{who} håller fortfarande lagret. Inget publicerades. "
                    "Försök igen när den är klar, eller ge längre väntetid med --wait."
                ) from None
            time.sleep(POLL_SECONDS)


def staging_files(folder: Path) -> list[Path]:
    """Staging warehouses and their DuckDB side files in a folder: NAME.PID.tmp, .tmp.wal, .tmp.tmp (spill)."""
    return sorted(p for p in folder.glob("*.*.tmp*") if _staging_pid(p) is not None)


def _staging_pid(path: Path) -> int | None:
    stem = path.name.split(".tmp", 1)[0]
    pid = stem.rpartition(".")[2]
    return int(pid) if pid.isdigit() and stem.endswith(f".{pid}") else None


def remove_dead_files(folder: Path) -> list[Path]:
    """Remove staging files left by killed loads. Call only with the folder's lock held: then no live load owns one."""
    removed = []
    for path in staging_files(folder):
        if _staging_pid(path) == os.getpid():
            continue  # this process's own staging (re-entry)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (a reused pid reads as alive: the safe side)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_dead_parts(directory: Path) -> list[Path]:
    """Remove NAME.PID.part files whose writer is gone (the archive may be shared by warehouses in other folders)."""
    removed = []
    if not directory.exists():
        return removed
    for path in directory.glob("*/*.part"):
        pid = path.name.removesuffix(".part").rpartition(".")[2]
        if pid.isdigit() and not pid_alive(int(pid)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
