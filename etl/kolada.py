"""`python -m etl kolada FILE`: import national reference figures from a file a user downloaded from Kolada.

Formats accepted:
- the JSON that Kolada's open API returns for data, in version 2 or 3 (the same shape; v3 pages with
  next_url/previous_url and marks removed values with isdeleted, which are skipped; v2 pages with next_page):
  {"values": [{"kpi": "N15419", "municipality": "2581", "period": 2024,
               "values": [{"gender": "T", "count": 1, "status": "", "value": 76.5}, ...]}, ...]}
- the JSON of Kolada's municipality_groups (v2 /v2/municipality_groups, v3 /v3/municipality_groups):
  {"values": [{"id": "G124006", "title": "Liknande kommuner ..., Piteå, 2024",
               "members": [{"member_id": "0880", "member_title": "Kalmar"}, ...]}, ...]}
  (members written {"id": ..., "title": ...} are accepted too). Imported groups replace those with the same id.
- a plain CSV (comma or semicolon separated, UTF-8) with the columns kpi, municipality, period, gender, value.
The report says which of these it read, and for JSON which API version the file shows (v2, v3, or "v2/v3" when
nothing in the file tells them apart).

Every value is checked before anything is written; one error rejects the whole file and every error is listed
with its place in the file. A valid file replaces the stored values with the same kpi, municipality, period and
gender and is published through etl.store.Staging, like every other write. Nothing is downloaded.
The population KPI N01951 (Invånare totalt) also sets municipality.inhabitants to each municipality's latest year.
"""

import argparse
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from data import settings
from data.formatting import number
from etl.container import csv_rows, decode_text
from etl.failure import CouldNotPublish
from etl.failure import report as report_failure
from etl.load import add_wait_argument, publish_file
from etl.lock import DEFAULT_WAIT_SECONDS
from etl.model import Problem
from etl.store import official_municipalities
from etl.warehouse import sql

KPI_PATTERN = re.compile(r"^[A-Z]\d{5}$")
MUNICIPALITY_PATTERN = re.compile(r"^\d{4}$")
GENDERS = ("T", "K", "M")
NATIONAL = "0000"  # Kolada's code for the whole country (Riket)
POPULATION_KPI = "N01951"  # Invånare totalt, antal: sets municipality.inhabitants
CSV_COLUMNS = {
    "kpi": ("kpi", "kpi_id", "nyckeltal", "kolada-kpi"),
    "municipality": ("municipality", "municipality_id", "municipality_code", "kommun", "kommunkod"),
    "period": ("period", "year", "år"),
    "gender": ("gender", "kön", "kon"),
    "value": ("value", "värde", "varde"),
}


@dataclass(frozen=True)
class KoladaValue:
    """One figure: a KPI for a municipality, year and gender (T total, K women, M men)."""

    kpi: str
    municipality_code: str
    period: str
    gender: str
    value: float | None


class Checker:
    """Collects values and problems; `where` is the place of the current element in the file."""

    def __init__(self, file_name: str, known_codes: set[str]):
        self.file = file_name
        self.known = known_codes
        self.values: list[KoladaValue] = []
        self.problems: list[Problem] = []
        self.seen: dict[tuple, str] = {}

    def problem(self, message: str, where: str, field: str | None = None, value=None, row: int | None = None):
        """Record one error with its location."""
        shown = None if value is None else str(value)[:80]
        self.problems.append(Problem(self.file, message, sheet=where, row=row, header=field, value=shown))

    def check(self, where: str, row: int | None, kpi, municipality, period, gender, value) -> None:
        """Validate one figure and keep it when every field is right."""
        errors_before = len(self.problems)
        kpi_text = str(kpi).strip() if kpi is not None else ""
        if not KPI_PATTERN.match(kpi_text):
            self.problem("KPI-id ska vara en stor bokstav och fem siffror, t.ex. N15419.", where, "kpi", kpi, row)
        code = _municipality(municipality)
        if code is None:
            self.problem(
                'Kommunkoden ska vara fyra siffror skrivna som text, t.ex. "0884" (inledande nolla behålls).',
                where,
                "municipality",
                municipality,
                row,
            )
        elif code not in self.known:
            self.problem("Okänd kommunkod: finns inte bland Sveriges kommuner.", where, "municipality", code, row)
        year = _year(period)
        if year is None:
            self.problem("Perioden ska vara ett år med fyra siffror, t.ex. 2024.", where, "period", period, row)
        gender_text = str(gender).strip().upper() if gender is not None else ""
        if gender_text not in GENDERS:
            self.problem("Kön ska vara T (totalt), K (kvinnor) eller M (män).", where, "gender", gender, row)
        number_value, ok = _number(value)
        if not ok:
            self.problem("Värdet ska vara ett tal (eller tomt när värde saknas).", where, "value", value, row)
        if len(self.problems) > errors_before:
            return
        key = (kpi_text, code, year, gender_text)
        if key in self.seen:
            self.problem(f"Samma KPI, kommun, år och kön finns redan i {self.seen[key]}.", where, None, None, row)
            return
        self.seen[key] = where
        self.values.append(KoladaValue(kpi_text, code, year, gender_text, number_value))


def _municipality(value) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if MUNICIPALITY_PATTERN.match(text) else None


def _year(value) -> str | None:
    if isinstance(value, bool):
        return None
    text = str(value).strip() if isinstance(value, int | str) else ""
    if re.fullmatch(r"\d{4}", text) and 1990 <= int(text) <= 2100:
        return text
    return None


def _number(value) -> tuple[float | None, bool]:
    if value is None:
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return (float(value), True) if math.isfinite(value) else (None, False)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    if text == "":
        return None, True
    try:
        parsed = float(text)
    except ValueError:
        return None, False
    return (parsed, True) if math.isfinite(parsed) else (None, False)


def known_codes() -> set[str]:
    """Sweden's 290 municipality codes, Riket (0000) and the regions (00xx) that Kolada also reports."""
    return set(official_municipalities()) | {f"00{n:02d}" for n in range(100)}


@dataclass(frozen=True)
class GroupMember:
    """One municipality of one Kolada municipality group."""

    group_id: str
    title: str
    municipality_code: str


@dataclass
class Reading:
    """What a Kolada file held: data values or municipality groups, the API version, and every problem."""

    kind: str  # "data" or "groups"
    version: str  # "v2", "v3", "v2/v3" (JSON that does not tell) or "" (CSV)
    values: list[KoladaValue] = field(default_factory=list)
    groups: list[GroupMember] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def describe_format(self) -> str:
        """'Koladas API v3, kommungrupper' and the like, for the report."""
        what = "kommungrupper" if self.kind == "groups" else "nyckeltalsvärden"
        return f"CSV, {what}" if not self.version else f"Koladas API {self.version}, {what}"


V3_KEYS = ("next_url", "previous_url")
V2_KEYS = ("next_page", "previous_page")


def api_version(data: dict) -> str:
    """v3 when the file has v3's paging keys or isdeleted marks, v2 with v2's paging keys, else 'v2/v3'."""
    if any(key in data for key in V3_KEYS):
        return "v3"
    if any(key in data for key in V2_KEYS):
        return "v2"
    entries = data.get("values") if isinstance(data.get("values"), list) else []
    for entry in entries:
        items = entry.get("values") if isinstance(entry, dict) else None
        if isinstance(items, list) and any(isinstance(i, dict) and "isdeleted" in i for i in items):
            return "v3"
    return "v2/v3"


def _load_json(text: str, checker: Checker) -> dict | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        checker.problem(f"Filen är inte giltig JSON: felet sitter på rad {exc.lineno}, tecken {exc.colno}.", "filen")
        return None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        checker.problem('JSON-filen ska vara ett objekt med listan "values", som Koladas API svarar.', "filen")
        return None
    return data


def is_groups(data: dict) -> bool:
    """True for a municipality_groups answer: its entries have members instead of a kpi."""
    return any(isinstance(e, dict) and "members" in e for e in data["values"])


def parse_groups(data: dict, checker: Checker) -> list[GroupMember]:
    """Check the municipality_groups JSON: each group an id, a title and members with municipality codes."""
    out, seen = [], set()
    for index, entry in enumerate(data["values"]):
        where = f"grupp {index + 1} i values"
        if not isinstance(entry, dict):
            checker.problem("Gruppen ska vara ett objekt med id, title och members.", where)
            continue
        group_id, title, members = entry.get("id"), entry.get("title"), entry.get("members")
        if not isinstance(group_id, str) or not group_id.strip():
            checker.problem("Gruppen saknar id.", where, "id", group_id)
            continue
        if not isinstance(title, str) or not title.strip():
            checker.problem("Gruppen saknar title.", where, "title", title)
            continue
        if not isinstance(members, list):
            checker.problem('Gruppen saknar listan "members".', where, "members")
            continue
        for sub_index, member in enumerate(members):
            sub_where = f"{where}, medlem {sub_index + 1}"
            raw = member.get("member_id", member.get("id")) if isinstance(member, dict) else None
            code = _municipality(raw)
            if code is None:
                checker.problem(
                    'Medlemmen ska ha member_id med fyra siffror som text, t.ex. "0884".', sub_where, "member_id", raw
                )
            elif code not in checker.known:
                checker.problem("Okänd kommunkod: finns inte bland Sveriges kommuner.", sub_where, "member_id", code)
            elif (group_id, code) not in seen:
                seen.add((group_id, code))
                out.append(GroupMember(group_id.strip(), title.strip(), code))
    return out


def parse_json(text: str, checker: Checker) -> None:
    """Check the JSON of Kolada's data API: an object with a list 'values' of KPI/municipality/period entries."""
    data = _load_json(text, checker)
    if data is not None:
        parse_data(data, checker)


def parse_data(data: dict, checker: Checker) -> None:
    """Check the entries of a data answer; values marked isdeleted (v3) are removed values and skipped."""
    entries = data["values"]
    for index, entry in enumerate(entries):
        where = f"element {index + 1} i values"
        if not isinstance(entry, dict):
            checker.problem("Elementet ska vara ett objekt med kpi, municipality, period och values.", where)
            continue
        genders = entry.get("values")
        if not isinstance(genders, list) or not genders:
            checker.problem('Elementet saknar listan "values" med värden per kön.', where, "values")
            continue
        for sub_index, item in enumerate(genders):
            sub_where = f"{where}, värde {sub_index + 1}"
            if not isinstance(item, dict):
                checker.problem("Värdet ska vara ett objekt med gender och value.", sub_where)
                continue
            if item.get("isdeleted") is True:
                continue
            checker.check(
                sub_where,
                index + 1,
                entry.get("kpi"),
                entry.get("municipality"),
                entry.get("period"),
                item.get("gender"),
                item.get("value"),
            )


def parse_csv(text: str, checker: Checker) -> None:
    """Check a CSV with the columns kpi, municipality, period, gender, value (comma or semicolon)."""
    reader = iter(csv_rows(text))
    header = next(reader, None)
    if not header:
        checker.problem("Filen är tom.", "rad 1", row=1)
        return
    names = [h.strip().casefold() for h in header]
    positions = {}
    for key, aliases in CSV_COLUMNS.items():
        found = next((i for i, name in enumerate(names) if name in aliases), None)
        if found is None:
            checker.problem(f"Kolumnen {key} saknas i rubrikraden.", "rad 1", key, ";".join(header), 1)
        positions[key] = found
    if checker.problems:
        return
    for line_number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            cells = cells + [""] * (len(header) - len(cells))
        value = {key: cells[pos] for key, pos in positions.items()}
        checker.check(
            f"rad {line_number}",
            line_number,
            value["kpi"],
            value["municipality"],
            value["period"],
            value["gender"],
            value["value"],
        )


def read(path: Path, codes: set[str] | None = None) -> tuple[list[KoladaValue], list[Problem]]:
    """Read and check a Kolada data file; values are returned only when there is no problem at all."""
    reading = read_file(path, codes)
    if reading.kind == "groups" and not reading.problems:
        reading.problems.append(Problem(path.name, "Filen innehåller kommungrupper, inte nyckeltalsvärden."))
    return ([] if reading.problems else reading.values), reading.problems


def read_file(path: Path, codes: set[str] | None = None) -> Reading:
    """Read and check a Kolada file of data values or municipality groups; nothing is kept when anything is wrong."""
    checker = Checker(path.name, codes if codes is not None else known_codes())
    reading = Reading("data", "", problems=checker.problems)
    if not path.is_file():
        checker.problem("Filen finns inte.", "filen")
        return reading
    size = path.stat().st_size
    if size > settings.max_upload_bytes():
        checker.problem(f"Filen är för stor ({number(size / 1024 / 1024, 1)} MB).", "filen")
        return reading
    text = decode_text(path.read_bytes())
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith(("{", "[")):
        data = _load_json(text, checker)
        if data is not None:
            reading.version = api_version(data)
            if is_groups(data):
                reading.kind = "groups"
                reading.groups = parse_groups(data, checker)
            else:
                parse_data(data, checker)
    else:
        parse_csv(text, checker)
    if not checker.problems and not checker.values and not reading.groups:
        checker.problem("Filen innehåller inga värden.", "filen")
    if not checker.problems:
        reading.values = checker.values
    else:
        reading.groups = []
    return reading


def store(
    values: list[KoladaValue],
    db: Path,
    source_file: str,
    imported_at: datetime | None = None,
    raw: Path | None = None,
    archive_dir: Path | None = None,
    wait: float = DEFAULT_WAIT_SECONDS,
    groups: list["GroupMember"] = (),
) -> str:
    """Replace the stored figures (or municipality groups) with the same key and publish atomically.

    Returns the data version.
    With `raw` (the imported file) the file is archived and the import journaled, so `etl rebuild` replays it.
    Raises CouldNotPublish when publishing failed.
    """
    imported_at = imported_at or datetime.now()
    return publish_file(
        db,
        lambda con: store_into(con, values, source_file, imported_at, groups),
        f"Kolada-import: {source_file}",
        "kolada",
        raw,
        source_file,
        imported_at,
        archive_dir,
        wait,
    )


def store_into(
    con: duckdb.DuckDBPyConnection,
    values: list[KoladaValue],
    source_file: str,
    imported_at: datetime,
    groups: list["GroupMember"] = (),
) -> None:
    """Replace the figures with the same key (or the groups with the same id) in an open staging warehouse."""
    if groups:
        _store_groups(con, groups, source_file, imported_at)
        return
    incoming = pa.table(  # noqa: F841 (read by the SQL below)
        {
            "kpi": [v.kpi for v in values],
            "municipality_code": [v.municipality_code for v in values],
            "period": [v.period for v in values],
            "gender": [v.gender for v in values],
            "value": pa.array([v.value for v in values], pa.float64()),
        }
    )
    con.execute("begin transaction")
    con.execute(sql("kolada_delete"))
    con.execute(sql("kolada_insert"), [source_file, imported_at])
    con.execute(sql("inhabitants"), {"kpi": POPULATION_KPI})
    con.execute("commit")


def _store_groups(con: duckdb.DuckDBPyConnection, members: list["GroupMember"], source_file: str, imported_at):
    con.execute(sql("kolada_group"))  # a warehouse built before the table existed gets it here
    incoming = pa.table(  # noqa: F841 (read by the SQL below)
        {
            "group_id": [m.group_id for m in members],
            "title": [m.title for m in members],
            "municipality_code": [m.municipality_code for m in members],
        }
    )
    con.execute("begin transaction")
    con.execute("delete from kolada_group where group_id in (select distinct group_id from incoming)")
    con.execute(
        "insert into kolada_group select group_id, title, municipality_code, ?, ? from incoming "
        "order by group_id, municipality_code",
        [source_file, imported_at],
    )
    con.execute("commit")


def summary(values: list[KoladaValue]) -> dict:
    """What a file holds, for the report."""
    kpis = sorted({v.kpi for v in values})
    years = sorted({v.period for v in values})
    return {
        "values": len(values),
        "kpis": kpis,
        "municipalities": len({v.municipality_code for v in values if not v.municipality_code.startswith("00")}),
        "national": any(v.municipality_code == NATIONAL for v in values),
        "inhabitants": len(
            {v.municipality_code for v in values if v.kpi == POPULATION_KPI and v.gender == "T" and v.value is not None}
            - {NATIONAL}
        ),
        "years": [years[0], years[-1]] if years else [],
    }


def group_summary(members: list[GroupMember]) -> dict:
    """What a groups file holds, for the report."""
    return {"groups": len({m.group_id for m in members}), "memberships": len(members)}


def describe(problem: Problem) -> str:
    """One Swedish line: place, field, value and what is wrong."""
    place = problem.sheet or "filen"
    if problem.header:
        place += f", fält {problem.header}"
    value = f" (värde: {problem.value!r})" if problem.value is not None else ""
    return f"{problem.file}: {place}: {problem.message}{value}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `python -m etl kolada`."""
    parser.add_argument(
        "file",
        type=Path,
        metavar="FIL",
        help="Kolada-fil: JSON från Koladas API (v2 eller v3: värden eller kommungrupper) eller CSV.",
    )
    parser.add_argument("--db", type=Path, default=None, help="Lagret att uppdatera (standard: STYRKEDJAN_DB).")
    parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
    add_wait_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Check the file, import it when it is valid; exit code 1 when it was rejected, 3 when it could not publish."""
    db = args.db or settings.db_path()
    reading = read_file(args.file)
    values, problems = reading.values, reading.problems
    if not problems:
        try:
            store(values, db, args.file.name, raw=args.file, wait=args.wait, groups=reading.groups)
        except CouldNotPublish as exc:
            return report_failure(exc.message, args.json, db=str(db))
    result = {
        "file": str(args.file),
        "status": "rejected" if problems else "imported",
        "format": reading.describe_format(),
        "api_version": reading.version or None,
        "kind": reading.kind,
        **(group_summary(reading.groups) if reading.kind == "groups" else summary(values)),
        "problems": [p.as_dict() for p in problems],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif problems:
        count = "1 fel" if len(problems) == 1 else f"{number(len(problems))} fel"
        print(f"Kolada-filen {args.file.name} lästes inte in ({count}). Inget har importerats.")
        for problem in problems:
            print("  " + describe(problem))
    elif reading.kind == "groups":
        info = group_summary(reading.groups)
        print(
            f"Importerade {number(info['groups'])} kommungrupper med {number(info['memberships'])} medlemskap "
            f"från {args.file.name} ({reading.describe_format()}). Lagret {db} är uppdaterat."
        )
    else:
        info = summary(values)
        years = "–".join(dict.fromkeys(info["years"]))
        print(
            f"Importerade {number(info['values'])} värden från {args.file.name}: "
            f"{len(info['kpis'])} nyckeltal ({', '.join(info['kpis'])}), "
            f"{number(info['municipalities'])} kommuner{' och riket' if info['national'] else ''}, år {years} "
            f"({reading.describe_format()}). "
            + (f"Invånarantalet ({POPULATION_KPI}) är satt för {number(info['inhabitants'])} kommuner. "
               if info["inhabitants"] else "")
            + f"Lagret {db} är uppdaterat."
        )  # fmt: skip
    return 1 if problems else 0
