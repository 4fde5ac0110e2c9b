"""The read side bounds DuckDB per web worker: memory limit and threads from the settings."""

import duckdb

from data import db


def test_read_connections_are_bounded_by_the_settings(monkeypatch, demo_db):
    monkeypatch.setenv("STYRKEDJAN_DUCKDB_MEMORY_MB", "300")
    monkeypatch.setenv("STYRKEDJAN_DUCKDB_THREADS", "2")
    con = db._open(demo_db)
    try:
        settings = dict(
            con.execute(
                "select name, value from duckdb_settings() where name in ('memory_limit', 'threads', "
                "'autoinstall_known_extensions')"
            ).fetchall()
        )
    finally:
        con.close()
    assert settings == {"memory_limit": "286.1 MiB", "threads": "2", "autoinstall_known_extensions": "false"}


def test_defaults_are_128_mb_and_one_thread(monkeypatch):
    monkeypatch.delenv("STYRKEDJAN_DUCKDB_MEMORY_MB", raising=False)
    monkeypatch.delenv("STYRKEDJAN_DUCKDB_THREADS", raising=False)
    con = duckdb.connect(":memory:", config=db.connection_config())
    try:
        assert con.execute("select current_setting('memory_limit'), current_setting('threads')").fetchone() == (
            "122.0 MiB",
            1,
        )
    finally:
        con.close()
