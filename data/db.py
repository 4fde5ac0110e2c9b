"""Read-only access to the published warehouse: one connection per process, a cursor per query.

The ETL replaces the warehouse file atomically. A connection keeps reading the file it opened, so each query
checks whether the file on disk is a new one (inode or mtime changed) and reconnects; the app never needs a
restart and never takes a write lock.
"""

import os
import threading
from functools import cache, lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from data import settings

SQL_DIR = Path(__file__).parent / "sql"
_lock = threading.Lock()
_state: dict = {"con": None, "ident": None}


class NoWarehouse(RuntimeError):
    """No published warehouse exists yet."""


@cache
def sql(name: str) -> str:
    """The text of data/sql/NAME.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _identity(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise NoWarehouse(str(path)) from exc
    return (str(path), st.st_ino, st.st_mtime_ns)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the current warehouse, reconnecting when a new file has been published."""
    path = settings.db_path()
    ident = _identity(path)
    with _lock:
        if _state["ident"] != ident:
            if _state["con"] is not None:
                _state["con"].close()  # connect() would otherwise hand back the cached old instance
            _state["con"] = duckdb.connect(str(path), read_only=True, config={"autoinstall_known_extensions": False})
            _state["ident"] = ident
        return _state["con"].cursor()


def query(name: str, **params) -> pd.DataFrame:
    """Run data/sql/NAME.sql with bound parameters and return a DataFrame."""
    text = sql(name)
    try:
        return cursor().execute(text, params).df()
    except duckdb.ConnectionException:
        # A concurrent request reconnected under us: retry once on the fresh connection.
        return cursor().execute(text, params).df()


def query_rows(name: str, **params) -> list[tuple]:
    """Run data/sql/NAME.sql with bound parameters and return plain tuples (cheaper than a DataFrame)."""
    text = sql(name)
    try:
        return cursor().execute(text, params).fetchall()
    except duckdb.ConnectionException:
        return cursor().execute(text, params).fetchall()


def cached_rows(name: str, **params) -> tuple[tuple, ...]:
    """Like query_rows, memoised per published warehouse file: for small lookups every layout repeats."""
    return _cached_rows(_identity(settings.db_path()), name, tuple(sorted(params.items())))


@lru_cache(maxsize=1024)
def _cached_rows(ident: tuple, name: str, params: tuple) -> tuple[tuple, ...]:
    # The file identity is part of the key, so a newly published warehouse never serves stale rows.
    return tuple(query_rows(name, **dict(params)))
