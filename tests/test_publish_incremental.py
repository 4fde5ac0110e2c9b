"""Publishing a few new files updates current_* key by key, and gives exactly what a full rebuild gives."""

import shutil

import duckdb
import openpyxl
import pytest

from etl import demo
from etl.load import load_paths
from etl.warehouse import CURRENT_KEYS, can_update_current, rebuild_current


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Piteå's demo workbooks for 2025-01..03: a folder of the first two months, and the March files."""
    root = tmp_path_factory.mktemp("reports")
    demo.build(root / "demo.duckdb", municipalities=1, first_month="2025-01", last_month="2025-03", xlsx_dir=root / "x")
    folder = root / "folder"
    folder.mkdir()
    for path in (root / "x").glob("*_2025-0[12].xlsx"):
        shutil.copy(path, folder / path.name)
    return root


def current_tables(db) -> dict[str, list[tuple]]:
    """Every current_* table's rows, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select * from current_{t} order by all").fetchall() for t in CURRENT_KEYS}


def rebuilt(db, tmp_path) -> dict[str, list[tuple]]:
    """The current_* tables a full rebuild gives for the same submissions (on a copy)."""
    copy = tmp_path / "rebuilt.duckdb"
    shutil.copy(db, copy)
    with duckdb.connect(str(copy)) as con:
        rebuild_current(con)
    return current_tables(copy)


def correction(source, target):
    """BUN's February report corrected: Grundskola's outcome changed and the last assignment row removed."""
    book = openpyxl.load_workbook(source)
    book["Ekonomi"]["E2"] = -34000
    assignments = book["Uppdrag"]
    assignments.delete_rows(assignments.max_row)
    book.save(target)


def test_new_files_and_a_correction_give_the_tables_of_a_full_rebuild(reports, tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "archive"))
    db = tmp_path / "w.duckdb"
    assert load_paths([reports / "folder"], db).count("loaded") == 12
    with duckdb.connect(str(db), read_only=True) as con:
        assert can_update_current(con)  # the next loads update key by key
    assert current_tables(db) == rebuilt(db, tmp_path)

    assert load_paths([reports / "x" / "2581_KS_2025-03.xlsx"], db).count("loaded") == 1
    assert current_tables(db) == rebuilt(db, tmp_path)

    correction(reports / "x" / "2581_BUN_2025-02.xlsx", tmp_path / "2581_BUN_2025-02_rättad.xlsx")
    report = load_paths([tmp_path / "2581_BUN_2025-02_rättad.xlsx"], db)
    assert report.files[0].supersedes["file_name"] == "2581_BUN_2025-02.xlsx"
    assert current_tables(db) == rebuilt(db, tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select outcome from current_economy where committee_code = 'BUN' and month = '2025-02' "
            "and activity = 'Grundskola'"
        ).fetchall() == [(-34000,)]

    assert load_paths([reports / "x" / "2581_BUN_2025-03.xlsx"], db).count("loaded") == 1
    assert current_tables(db) == rebuilt(db, tmp_path)
