"""Warehouse structure: create the schema and rebuild the current_* tables that the read side queries."""

import hashlib
import uuid
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"

# Natural key of each fact table: the latest submission's row per key is the current one.
CURRENT_KEYS: dict[str, tuple[str, ...]] = {
    "goal": ("municipality_code", "committee_code", "goal_id", "period"),
    "indicator": ("municipality_code", "committee_code", "indicator_id", "period"),
    "economy": ("municipality_code", "committee_code", "month", "activity"),
    "deviation": ("municipality_code", "committee_code", "deviation_id"),
    "assignment": ("municipality_code", "case_number"),
    "project": ("municipality_code", "project_id"),
    "suggestion": ("municipality_code", "committee_code", "department", "month"),
    "employee": ("municipality_code", "committee_code", "department", "month"),
    "network_target": ("municipality_code", "year"),
    "meeting": ("municipality_code", "body", "meeting_date"),
}

SNAPSHOT_TABLES = ("deviation", "assignment", "project")  # facts shown "as of a month" (etl/sql/as_of.sql)
PERIOD_TABLES = ("goal", "indicator")  # facts shown "as of a month" by period (etl/sql/as_of_period.sql)


def sql(name: str) -> str:
    """The text of etl/sql/NAME.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and macro of an empty warehouse."""
    con.execute(sql("schema"))
    con.execute(sql("kolada_group"))
    con.execute(sql("report_deadline"))
    create_macros(con)


def create_macros(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the warehouse's macros; on every publish, so a file from an older etl gains them too."""
    con.execute(sql("in_force"))
    template = sql("as_of")
    for table in SNAPSHOT_TABLES:
        con.execute(template.format(table=table, key=", ".join(CURRENT_KEYS[table])))


def upgrade_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Add what later loaders need to a warehouse published by an earlier one (idempotent)."""
    con.execute(sql("upgrade"))
    con.execute(sql("report_deadline"))
    create_macros(con)
    if not con.execute("select count(*) from meta where key = 'warehouse_id'").fetchone()[0]:
        con.execute("insert into meta values ('warehouse_id', ?)", [uuid.uuid4().hex[:12]])


def current_rule() -> str:
    """Digest of the code that shapes current_* tables: a warehouse built under another one is rebuilt in full."""
    names = ("schema", "upgrade", "in_force", "current", "current_rows", "current_changed", "current_update")
    text = "\n".join([repr(CURRENT_KEYS), *(sql(name) for name in names)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _rows(table: str, facts: str, in_force: str) -> str:
    """The current-row rule (etl/sql/current_rows.sql) over facts, table or a table of some of its rows."""
    return sql("current_rows").format(facts=facts, key=", ".join(CURRENT_KEYS[table]), in_force=in_force)


def _match(table: str, left: str) -> str:
    """left's natural key equals changed_key k's, NULL matching NULL (as partition by groups them)."""
    return " and ".join(f"{left}.{column} is not distinct from k.{column}" for column in CURRENT_KEYS[table])


def rebuild_current(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute current_* tables, sorted by their usual filter columns so zone maps prune well."""
    create_macros(con)
    template = sql("current")
    for table, key in CURRENT_KEYS.items():
        rows = _rows(table, table, "in_force(cutoff)")
        con.execute(template.format(table=table, rows=rows, order=", ".join(key)))
    create_period_macros(con)
    con.execute("insert or replace into meta values ('current_rule', ?)", [current_rule()])


def create_period_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The as-of macros of period facts (etl/sql/as_of_period.sql), which read current_<table>_at."""
    as_of = sql("as_of_period")
    for table in PERIOD_TABLES:
        key = ", ".join(column for column in CURRENT_KEYS[table] if column != "period")
        con.execute(as_of.format(table=table, key=key))


def can_update_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether current_* tables were built by this code's rule, so update_current may adjust them."""
    found = con.execute("select max(value) from meta where key = 'current_rule'").fetchone()[0]
    return found == current_rule()


def update_current(con: duckdb.DuckDBPyConnection, changed: list[int]) -> None:
    """Recompute the current rows of only the natural keys with a row in the changed submissions.

    changed: the submissions added since the last publish and those they superseded. Gives the same tables as
    rebuild_current (row order aside) when can_update_current(con) holds.
    """
    import pyarrow as pa  # only when publishing (see etl/store.py)

    ids = pa.table({"submission_id": pa.array(changed, pa.int64())})  # noqa: F841 (used by SQL)
    con.execute(sql("current_changed"))
    template = sql("current_update")
    for table, key in CURRENT_KEYS.items():
        con.execute(
            template.format(
                table=table,
                key=", ".join(key),
                fact_match=_match(table, "f"),
                match=_match(table, f"current_{table}"),
                rows=_rows(table, "changed_fact", "changed_in_force"),
            )
        )
    con.execute("drop table changed_submission; drop table changed_in_force")
    con.execute("drop table changed_key; drop table changed_fact")
