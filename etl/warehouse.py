"""Warehouse structure: create the schema and rebuild the current_* tables that the read side queries."""

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


def rebuild_current(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute current_* tables, sorted by their usual filter columns so zone maps prune well."""
    create_macros(con)
    template = sql("current")
    for table, key in CURRENT_KEYS.items():
        columns = ", ".join(key)
        con.execute(template.format(table=table, key=columns, order=columns))
    as_of = sql("as_of_period")
    for table in PERIOD_TABLES:  # after current_<table>_at, which the macro reads
        key = ", ".join(column for column in CURRENT_KEYS[table] if column != "period")
        con.execute(as_of.format(table=table, key=key))
