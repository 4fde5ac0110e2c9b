"""Data versions (contract point 3): every publish is a version with a short stable id; its cutoff pins a view.

`versions()` lists them newest first; `find(version_id)` gives one or None; `cutoff(version_id)` is what the read
side binds as `$cutoff` for the as-of view (`?version=<id>`). Pass `con` to read another warehouse than the
published one (the `python -m etl versions --db FILE` command does).
"""

from dataclasses import dataclass
from datetime import datetime

import duckdb

from data import db
from data.db import UnknownVersion  # raised by cutoff(); defined with the pin that needs it


@dataclass(frozen=True)
class Version:
    """One published data version."""

    version_id: str
    published_at: datetime
    cutoff: int  # the largest submission id loaded by then: in_force(cutoff) is the warehouse as it was
    note: str | None
    in_force: int  # submissions in force at that cutoff
    is_current: bool


def versions(con: duckdb.DuckDBPyConnection | None = None) -> list[Version]:
    """Every data version, newest first."""
    # Without a connection: once per published file and version (every page's stamp or version lock asks).
    rows = con.execute(db.sql("versions_list")).fetchall() if con is not None else db.cached_rows("versions_list")
    return [Version(*row) for row in rows]


def find(version_id: str, con: duckdb.DuckDBPyConnection | None = None) -> Version | None:
    """The version with this id, or None."""
    return next((v for v in versions(con) if v.version_id == version_id), None)


def cutoff(version_id: str, con: duckdb.DuckDBPyConnection | None = None) -> int:
    """The cutoff (max submission id) of a version id; raises UnknownVersion for an id never published."""
    params = {"version": version_id}
    rows = (
        con.execute(db.sql("version_cutoff"), params).fetchall()
        if con is not None
        else db.query_rows("version_cutoff", **params)
    )
    if not rows:
        raise UnknownVersion(version_id)
    return rows[0][0]


def current(con: duckdb.DuckDBPyConnection | None = None) -> Version | None:
    """The version published now (None for a warehouse from before data versions)."""
    return next((v for v in versions(con) if v.is_current), None)


def pinned_id() -> str | None:
    """The data version id the running request or block asked for (?version=), None for the latest."""
    pin = db.current_pin()
    return pin.version if pin is not None else None


def shown() -> Version | None:
    """The version this request or block shows: the pinned ?version=, else the one published now."""
    version_id = pinned_id()
    return find(version_id) if version_id else current()
