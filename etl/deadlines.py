"""`python -m etl calendar FILE`: load the reporting calendar (årshjul), the last day for each period's report.

The file is a small workbook with the sheet Rapportkalender (or a workbook with one sheet), or a CSV with the same
headers (comma or semicolon separated); the headers are those of etl/spec.py: CALENDAR. One row per municipality
and period (month 2026-03, tertial 2026-T1 or year 2026); a row without Nämnd is every committee's deadline, a row
with one overrides it for that committee. Every row is checked first and every error is listed with its place;
one error rejects the whole file and the warehouse is left exactly as it was. A valid file replaces the deadlines
of every municipality and year it names and is published like every other write (lock, staging copy, atomic
publish, journal, archive), so it gets a data version. `python -m etl calendar --mall FIL.xlsx` writes an empty
calendar workbook.
"""

import argparse
import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from data import settings
from data.formatting import number
from etl import spec
from etl.cells import normalise_header
from etl.container import Rejected, check_size, csv_rows, decode_text
from etl.failure import EXIT_REJECTED, EXIT_USAGE, CouldNotPublish
from etl.failure import report as report_failure
from etl.load import add_wait_argument, problem_line, publish_file
from etl.lock import DEFAULT_WAIT_SECONDS
from etl.model import Problem
from etl.reader import read_sheets
from etl.status import count
from etl.template import write_calendar_template
from etl.validate import Invalid, RawSheet, Reference, load_reference, read_sheet
from etl.warehouse import sql

SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class Deadline:
    """The last day a report for a period may be handed in; committee_code None: every committee."""

    municipality_code: str
    committee_code: str | None
    period: str
    period_end: date
    deadline: date


@dataclass
class Reading:
    """What a calendar file held: the deadlines (only when nothing is wrong), errors and warnings."""

    deadlines: list[Deadline] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _calendar_sheet(sheets: list[RawSheet], file_name: str) -> RawSheet:
    """The sheet named Rapportkalender (or an alias), else the workbook's only sheet."""
    names = {normalise_header(n) for n in (spec.CALENDAR.name, *spec.CALENDAR.aliases)}
    named = [s for s in sheets if normalise_header(s.name) in names]
    if named:
        return named[0]
    if len(sheets) == 1:
        return sheets[0]
    shown = ", ".join(s.name for s in sheets)
    raise Rejected(
        [
            Problem(
                file_name,
                f"Bladet {spec.CALENDAR.name} saknas (arbetsboken har bladen {shown}). Döp om bladet med "
                f"rapportkalendern till {spec.CALENDAR.name}, eller utgå från python -m etl calendar --mall.",
            )
        ]
    )


def _sheet(path: Path) -> RawSheet:
    """The calendar's cells: the sheet of a workbook (container checked first) or the rows of a CSV."""
    if path.suffix.casefold() == ".csv":
        return RawSheet("", csv_rows(decode_text(path.read_bytes())))
    return _calendar_sheet(read_sheets(path, path.name), path.name)


def read_file(path: Path, reference: Reference | None = None) -> Reading:
    """Read and check a calendar file (.xlsx or .csv); deadlines are returned only when there is no error."""
    path = Path(path)
    if path.suffix.casefold() not in SUFFIXES:
        problem = Problem(path.name, "Rapportkalendern ska vara en Excel-arbetsbok (.xlsx) eller en CSV-fil (.csv).")
        return Reading(errors=[problem])
    if not path.is_file():
        return Reading(errors=[Problem(path.name, "Filen finns inte.")])
    try:
        check_size(path, path.name, settings.max_upload_bytes())
        sheet = _sheet(path)
        rows, warnings = read_sheet(sheet, spec.CALENDAR, path.name, reference or load_reference())
    except Rejected as exc:
        return Reading(errors=exc.problems)
    except Invalid as exc:
        return Reading(errors=_located(exc.errors, sheet), warnings=_located(exc.warnings, sheet))
    deadlines = [
        Deadline(r["municipality_code"], r["committee"], r["period"], r["period_end"], r["deadline"]) for _, r in rows
    ]
    return Reading(deadlines, warnings=_located(warnings, sheet))


def _located(problems: list[Problem], sheet: RawSheet) -> list[Problem]:
    """A CSV has no sheets: its problems name the row and column only."""
    return [dataclasses.replace(p, sheet=None) for p in problems] if not sheet.name else problems


def store_into(con: duckdb.DuckDBPyConnection, deadlines: list[Deadline], source_file: str, at: datetime) -> None:
    """Replace the deadlines of the municipalities and years in the file, in an open staging warehouse."""
    incoming = pa.table(  # noqa: F841 (read by the SQL below)
        {
            "municipality_code": [d.municipality_code for d in deadlines],
            "committee_code": pa.array([d.committee_code for d in deadlines], pa.string()),
            "period": [d.period for d in deadlines],
            "period_end": pa.array([d.period_end for d in deadlines], pa.date32()),
            "deadline": pa.array([d.deadline for d in deadlines], pa.date32()),
        }
    )
    con.execute("begin transaction")
    con.execute(sql("deadline_delete"))
    con.execute(sql("deadline_insert"), [source_file, at])
    con.execute("commit")


def store(deadlines: list[Deadline], db: Path, raw: Path, wait: float = DEFAULT_WAIT_SECONDS) -> str:
    """Publish the deadlines of the calendar file raw (archived and journaled); returns the data version."""
    at = datetime.now()

    def write(con: duckdb.DuckDBPyConnection) -> None:
        store_into(con, deadlines, raw.name, at)

    return publish_file(db, write, f"Rapportkalender: {raw.name}", "calendar", raw, raw.name, at, wait=wait)


def summary(deadlines: list[Deadline]) -> dict:
    """What a file holds, for the report."""
    periods = sorted({(d.period_end, d.period) for d in deadlines})
    return {
        "deadlines": len(deadlines),
        "municipalities": sorted({d.municipality_code for d in deadlines}),
        "committee_rows": sum(d.committee_code is not None for d in deadlines),
        "periods": [periods[0][1], periods[-1][1]] if periods else [],
    }


def as_text(path: Path, reading: Reading, db: Path, version: str | None) -> str:
    """The outcome in Swedish for a terminal."""
    if reading.errors:
        lines = [
            f"Rapportkalendern {path.name} lästes inte in ({count(len(reading.errors), 'fel', 'fel')}). "
            "Inget i lagret har ändrats."
        ]
    else:
        info = summary(reading.deadlines)
        lines = [
            f"Rapportkalendern {path.name} är inläst: {count(info['deadlines'], 'sista dag', 'sista dagar')} för "
            f"{count(len(info['municipalities']), 'kommun', 'kommuner')} ({', '.join(info['municipalities'])}), "
            f"perioder {'–'.join(dict.fromkeys(info['periods']))}"
            + (f", varav {number(info['committee_rows'])} för en enskild nämnd" if info["committee_rows"] else "")
            + f". Lager: {db}. Publicerat som dataversion {version}."
        ]
    lines.extend(problem_line("Fel", p) for p in reading.errors)
    lines.extend(problem_line("Varning", p) for p in reading.warnings)
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl calendar`."""
    parser.add_argument(
        "file", type=Path, nargs="?", metavar="FIL", help="rapportkalendern: .xlsx (bladet Rapportkalender) eller .csv"
    )
    parser.add_argument("--mall", type=Path, metavar="FIL.xlsx", help="skriv en tom rapportkalender i stället")
    parser.add_argument(
        "--db", type=Path, metavar="FIL", help="lagrets fil (standard: STYRKEDJAN_DB eller data/warehouse.duckdb)"
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Load the calendar; exit 0 when loaded, 1 when rejected, 2 for usage errors, 3 when it could not publish."""
    if args.mall is not None:
        if args.mall.suffix.casefold() != ".xlsx":
            print("Rapportkalendern måste sparas som .xlsx, t.ex. rapportkalender.xlsx.")
            return EXIT_USAGE
        write_calendar_template(args.mall)
        print(f"En tom rapportkalender är sparad i {args.mall}.")
        return 0
    if args.file is None:
        print("python -m etl calendar: ange kalenderfilen (FIL) eller --mall FIL.xlsx.")
        return EXIT_USAGE
    db = args.db or settings.db_path()
    reading = read_file(args.file)
    version = None
    if not reading.errors:
        try:
            version = store(reading.deadlines, db, args.file, args.wait)
        except CouldNotPublish as exc:
            return report_failure(exc.message, args.json, db=str(db))
    if args.json:
        result = {
            "file": str(args.file),
            "status": "rejected" if reading.errors else "imported",
            "db": str(db),
            "data_version": version,
            **summary(reading.deadlines),
            "errors": [p.as_dict() for p in reading.errors],
            "warnings": [p.as_dict() for p in reading.warnings],
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(as_text(args.file, reading, db, version))
    return EXIT_REJECTED if reading.errors else 0
