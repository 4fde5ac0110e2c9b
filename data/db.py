"""Read-only access to the published warehouse: one connection per published file, one pinned cursor per request.

The ETL replaces the warehouse file atomically. Each published file is opened once per process as a *generation*:
an in-memory DuckDB with the file attached read-only, so an old and a new file can be open side by side (a plain
`duckdb.connect(path)` would hand back the cached instance of the old file). A request pins one generation at its
first query (`begin()` / `end()`, or `with pinned():`) and runs all its queries on that one cursor, so one response
never mixes two versions; the next request sees the newest file, without a restart. Outside a pin every query
takes the newest file.

A pin may ask for a data version (`?version=<id>`): its cutoff is then bound as `$cutoff` to every query that
mentions it (NULL = latest). A file that exists but cannot be read (corrupt, truncated, not a Styrkedjan
warehouse) raises WarehouseUnreadable, logged once per file; the next good file is picked up by the next request.
"""

import logging
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from data import settings

if TYPE_CHECKING:  # pandas (with pyarrow ~67 MB) is loaded by DuckDB's .df() when a caller wants a DataFrame
    import pandas as pd

SQL_DIR = Path(__file__).parent / "sql"
ALIAS = "warehouse"  # the attached file's catalog name inside each generation
REQUIRED_TABLES = ("meta", "submission")  # a file without them is not a Styrkedjan warehouse
REQUIRED_MACROS = ("in_force", "current_economy_at", "project_as_of", "goal_as_of")  # etl/sql/in_force, current, as_of*
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

log = logging.getLogger("styrkedjan.data")
_lock = threading.Lock()
_state: dict = {"generation": None, "failed": None}


class WarehouseError(RuntimeError):
    """The warehouse cannot be used: missing or unreadable."""


class NoWarehouse(WarehouseError):
    """No published warehouse exists yet."""


class WarehouseUnreadable(WarehouseError):
    """The published file exists but cannot be read: corrupt, truncated or not a Styrkedjan warehouse."""


class OutdatedWarehouse(WarehouseUnreadable):
    """The file was published by an etl older than the in_force macro (etl/sql/in_force.sql)."""


class UnknownVersion(KeyError):
    """A data version id that the warehouse does not know."""

    def __init__(self, version: str):
        super().__init__(version)
        self.version = version

    def __str__(self) -> str:
        return self.version


@dataclass(frozen=True)
class _Generation:
    ident: tuple
    con: duckdb.DuckDBPyConnection


@dataclass
class Pin:
    """What one request reads: one generation's cursor and, for an as-of view, the data version and its cutoff."""

    version: str | None = None
    cursor: duckdb.DuckDBPyConnection | None = None
    ident: tuple | None = None
    cutoff: int | None = None


_pin: ContextVar[Pin | None] = ContextVar("styrkedjan_pin", default=None)


@cache
def sql(name: str) -> str:
    """The text of data/sql/NAME.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _identity(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise NoWarehouse(str(path)) from exc
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


def connection_config() -> dict:
    """DuckDB settings of a read connection: offline, and bounded so a web worker's memory stays predictable."""
    return {**OFFLINE, "memory_limit": f"{settings.duckdb_memory_mb()}MB", "threads": settings.duckdb_threads()}


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:", config=connection_config())
    try:
        con.execute(f"attach '{str(path).replace(chr(39), chr(39) * 2)}' as {ALIAS} (type duckdb, read_only)")
        con.execute(f"use {ALIAS}")
        found = {row[0] for row in con.execute("select table_name from duckdb_tables() where database_name = ?",
                                                [ALIAS]).fetchall()}  # fmt: skip
        missing = [table for table in REQUIRED_TABLES if table not in found]
        if missing:
            raise WarehouseUnreadable(f"{path}: inte ett datalager från Styrkedjan (saknar {', '.join(missing)})")
        # "In force" (and the current rows at a cutoff) are the warehouse's own macros, never copies on the read side.
        macros = {
            row[0]
            for row in con.execute(
                "select function_name from duckdb_functions() where database_name = ? and function_name in ?",
                [ALIAS, list(REQUIRED_MACROS)],
            ).fetchall()
        }
        missing_macros = [name for name in REQUIRED_MACROS if name not in macros]
        if missing_macros:
            raise OutdatedWarehouse(
                f"{path}: publicerat av en äldre version av Styrkedjan (saknar makrot {', '.join(missing_macros)}). "
                "Publicera det igen: läs in en rapport med python -m etl load, "
                "eller bygg demolagret med python -m etl demo."
            )
        return con
    except WarehouseUnreadable:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise WarehouseUnreadable(f"{path}: {exc}") from exc


def _generation() -> _Generation:
    """The connection to the file published now, opened once per file; a bad file fails fast and is logged once."""
    path = settings.db_path()
    ident = _identity(path)
    with _lock:
        current = _state["generation"]
        if current is not None and current.ident == ident:
            return current
        failed = _state["failed"]
        if failed is not None and failed[0] == ident:
            raise failed[1]
        try:
            con = _open(path)
        except WarehouseUnreadable as exc:
            log.error("Datalagret kan inte läsas: %s", exc)
            _state["failed"] = (ident, exc)
            raise
        # The old generation is not closed here: requests pinned to it keep reading it; it closes when the last
        # of their cursors is released.
        _state["generation"], _state["failed"] = _Generation(ident, con), None
        return _state["generation"]


def _new_cursor(generation: _Generation) -> duckdb.DuckDBPyConnection:
    cur = generation.con.cursor()
    cur.execute(f"use {ALIAS}")
    return cur


def begin(version: str | None = None) -> Token:
    """Start a pin (one request): its first query fixes the warehouse file for all of its queries."""
    return _pin.set(Pin(version=version or None))


def end(token: Token) -> None:
    """End the pin started by begin(), releasing its cursor."""
    pin = _pin.get()
    if pin is not None and pin.cursor is not None:
        pin.cursor.close()
        pin.cursor = None
    _pin.reset(token)


@contextmanager
def pinned(version: str | None = None) -> Iterator[Pin]:
    """A block whose queries all read one warehouse file (and one data version, when given).

    Inside a running pin (a request) without a version of its own, the block joins that pin.
    """
    running = _pin.get()
    if running is not None and version in (None, running.version):
        yield running
        return
    token = begin(version)
    try:
        yield _pin.get()
    finally:
        end(token)


@contextmanager
def reading(con: duckdb.DuckDBPyConnection) -> Iterator[Pin]:
    """A block whose queries read this open connection (a staging copy the etl shows before publishing)."""
    cursor = con.cursor()
    token = _pin.set(Pin(cursor=cursor, ident=("reading", uuid.uuid4().hex)))  # never a cache hit elsewhere
    try:
        yield _pin.get()
    finally:
        end(token)


def current_pin() -> Pin | None:
    """The pin of the running request or block, if any."""
    return _pin.get()


def _resolve(pin: Pin) -> None:
    from data import versions  # versions reads through this module

    try:
        pin.cutoff = versions.cutoff(pin.version, pin.cursor)
    except duckdb.CatalogException as exc:  # a warehouse from before data versions knows no version ids
        raise UnknownVersion(pin.version) from exc


def _cursor() -> tuple[duckdb.DuckDBPyConnection, Pin | None]:
    pin = _pin.get()
    if pin is None:
        return _new_cursor(_generation()), None
    if pin.cursor is None:
        generation = _generation()
        pin.cursor, pin.ident = _new_cursor(generation), generation.ident
        if pin.version:
            try:
                _resolve(pin)
            except BaseException:
                pin.cursor.close()
                pin.cursor = None
                raise
    return pin.cursor, pin


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the warehouse: the pinned one inside a request or `pinned()` block, else on the newest file."""
    return _cursor()[0]


def _execute(name: str, params: dict):
    text = sql(name)
    cur, pin = _cursor()
    if "$cutoff" in text:
        params = {"cutoff": pin.cutoff if pin else None, **params}
    try:
        return cur.execute(text, params)
    except duckdb.Error as exc:
        if not _is_damage(exc):
            raise
        raise _give_up(pin.ident if pin else None, exc) from exc


def _is_damage(exc: duckdb.Error) -> bool:
    # A damaged block surfaces at query time as an I/O error or a plain duckdb.Error "Corrupt database file".
    return isinstance(exc, (duckdb.IOException, duckdb.SerializationException)) or "Corrupt database" in str(exc)


def _give_up(ident: tuple | None, exc: duckdb.Error) -> WarehouseUnreadable:
    """Mark the damaged file as unreadable for every request until a new file is published."""
    failure = WarehouseUnreadable(f"{settings.db_path()}: {exc}")
    log.error("Datalagret kan inte läsas: %s", failure)
    with _lock:
        current = _state["generation"]
        ident = ident or (current.ident if current else None)
        if current is not None and current.ident == ident:
            _state["generation"] = None
        if ident is not None:
            _state["failed"] = (ident, failure)
    return failure


def query(name: str, **params) -> "pd.DataFrame":
    """Run data/sql/NAME.sql with bound parameters and return a DataFrame."""
    return _execute(name, params).df()


def query_rows(name: str, **params) -> list[tuple]:
    """Run data/sql/NAME.sql with bound parameters and return plain tuples (cheaper than a DataFrame)."""
    return _execute(name, params).fetchall()


def version_key() -> tuple:
    """What the reads of this request see: the published file's identity and the data version's cutoff."""
    pin = _pin.get()
    if pin is None:
        return (_generation().ident, None)
    _cursor()  # pins the file and resolves the version
    return (pin.ident, pin.cutoff)


def cached_rows(name: str, **params) -> tuple[tuple, ...]:
    """Like query_rows, memoised per published warehouse file and data version: small lookups every layout repeats."""
    return _cached_rows(version_key(), name, tuple(sorted(params.items())))


@lru_cache(maxsize=1024)
def _cached_rows(key: tuple, name: str, params: tuple) -> tuple[tuple, ...]:
    # The file identity and cutoff are part of the key, so a newly published warehouse never serves stale rows.
    return tuple(query_rows(name, **dict(params)))
