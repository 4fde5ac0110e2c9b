"""Durable file writes shared by the loader's journal and the report archive: a crash never leaves half a file."""

import fcntl
import os
import secrets
from pathlib import Path


def fsync_path(path: Path) -> None:
    """fsync a file (its content) or a folder (its entries: a new or renamed file)."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomic(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, fsync, rename, fsync the folder."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    fsync_path(path.parent)


def append_line(path: Path, line: str) -> None:
    """Append one line under an exclusive lock and fsync, so simultaneous writers never interleave or lose a line."""
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
