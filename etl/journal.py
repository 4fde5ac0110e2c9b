"""The load journal: an append-only record, beside the raw archive, of every file and withdrawal in load order.

One JSON object per line in STYRKEDJAN_ARCHIVE/journal.jsonl. Entries of one command share a `run` id and are
written before it publishes (write-ahead); a `publish` entry after the publishing rename commits the run. A run
without one was never published and is not replayed by `python -m etl rebuild`. Appends take an exclusive lock on
the journal file and are fsynced, so concurrent writers never interleave and a written line survives a power cut.

Actions: `load` (outcome loaded, skipped or rejected), `withdraw` (outcome withdrawn), `kolada`, `calendar`,
`publish`, `abort`.
Every entry names its warehouse (meta `warehouse_id`), so several warehouses can share one archive.
"""

import ctypes
import fcntl
import getpass
import json
import os
import uuid
from datetime import datetime
from functools import cache
from pathlib import Path

from data.durable import fsync_path

NAME = "journal.jsonl"


def path(archive_dir: Path) -> Path:
    """The journal file of an archive folder."""
    return Path(archive_dir) / NAME


def new_run() -> str:
    """A fresh run id."""
    return uuid.uuid4().hex[:12]


def who(by: str | None = None) -> str:
    """Who does it: the name given, else the operating-system user (or 'okänd' where none can be found)."""
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def stamp(moment: datetime) -> str:
    """A timestamp as the journal writes it (microseconds kept, so a rebuild reproduces it exactly)."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def parse_stamp(text: str) -> datetime:
    """The datetime of a journal timestamp."""
    return datetime.fromisoformat(text)


def sync_filesystem(path: Path) -> None:
    """Flush every written file and folder entry of the filesystem holding path (syncfs(2), else sync(2)).

    One call after archiving a run's raw files costs ~0.7 s for 2 000 files where an fsync per file and folder
    cost 18 s on this machine's ext4.
    """
    handle = os.open(path, os.O_RDONLY)
    try:
        if _libc().syncfs(handle) != 0:
            os.sync()
    finally:
        os.close(handle)


@cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def append(archive_dir: Path, entries: list[dict]) -> None:
    """Append entries under an exclusive lock and fsync; each gets the next `seq` number."""
    if not entries:
        return
    archive_dir = Path(archive_dir)
    archive_dir.mkdir(parents=True, exist_ok=True)
    target = path(archive_dir)
    created = not target.exists()
    handle = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        seq = _last_seq(handle)
        lines = []
        for entry in entries:
            seq += 1
            lines.append(json.dumps({"seq": seq, **entry}, ensure_ascii=False, sort_keys=True))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        size = os.fstat(handle).st_size
        if size and os.pread(handle, 1, size - 1) != b"\n":
            data = b"\n" + data  # end a line torn by a crash, so it cannot swallow this entry
        written = os.write(handle, data)
        if written != len(data):
            raise OSError(f"journal: short write ({written} of {len(data)} bytes)")
        os.fsync(handle)
    finally:
        os.close(handle)
    if created:
        fsync_path(archive_dir)


def _last_seq(handle: int) -> int:
    """The seq of the last complete line (0 for an empty journal); a torn last line is ignored."""
    size = os.fstat(handle).st_size
    if size == 0:
        return 0
    chunk = 4096
    while True:
        start = max(0, size - chunk)
        tail = os.pread(handle, size - start, start)
        lines = tail.split(b"\n")
        complete = [line for line in (lines[:-1] if not tail.endswith(b"\n") else lines) if line.strip()]
        for line in reversed(complete if start == 0 else complete[1:]):
            try:
                return int(json.loads(line)["seq"])
            except (ValueError, KeyError):
                continue
        if start == 0:
            return 0
        chunk *= 4


def read(archive_dir: Path) -> list[dict]:
    """Every complete entry in order; a torn last line (power cut mid-write) is left out."""
    target = path(archive_dir)
    if not target.exists():
        return []
    entries = []
    for line in target.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    return entries


def committed_runs(entries: list[dict], warehouse: str) -> list[tuple[str, list[dict], dict]]:
    """(run id, its entries, its publish entry) for each published run of one warehouse, in load order."""
    runs: dict[str, list[dict]] = {}  # in order of each run's first entry
    published: dict[str, dict] = {}
    for entry in entries:
        if entry.get("warehouse") != warehouse:
            continue
        runs.setdefault(entry["run"], [])
        if entry["action"] == "publish":
            published[entry["run"]] = entry
        else:
            runs[entry["run"]].append(entry)
    return [(run, items, published[run]) for run, items in runs.items() if run in published]


def warehouses(entries: list[dict]) -> dict[str, str]:
    """warehouse id -> time of its last entry, for the warehouses a journal knows."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.get("warehouse"):
            seen[entry["warehouse"]] = entry["time"]
    return seen
