"""Set-up shared by the benchmarks that talk to the app over HTTP: a warehouse, a temporary admin, gunicorn -w 2."""

import os
import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.served import gunicorn, log_in

PASSWORD = secrets.token_urlsafe(16)


def warehouse(folder: Path | None, national: bool, prefix: str) -> Path:
    """Build (or reuse) the demo or national warehouse in folder and point the app at it; the folder it is in.

    Without folder, a new temporary one. Every run gets a fresh account file, so the benchmark's admin exists only
    there; the app is imported only after this, since it reads the environment on import.
    """
    from etl import demo

    folder = folder or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ("national.duckdb" if national else "demo.duckdb")
    if not path.exists():
        demo.build(path, municipalities=290 if national else 10)
    os.environ["STYRKEDJAN_DB"] = str(path)
    os.environ["STYRKEDJAN_REPORTS"] = str(folder / "reports")
    os.environ["STYRKEDJAN_ACCOUNTS"] = str(folder / f"accounts-{secrets.token_hex(4)}.sqlite")
    return folder


@contextmanager
def served(account: str):
    """gunicorn -w 2 on the warehouse of warehouse(), with a temporary admin; yields (base URL, its session)."""
    from accounts import store

    store.add(account, "admin", PASSWORD)
    with gunicorn({}) as base:
        yield base, log_in(base, account, PASSWORD)


def scale_name(national: bool) -> str:
    """The scale of a table row."""
    return "national" if national else "demo"
