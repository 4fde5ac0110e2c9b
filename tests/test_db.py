"""The read side picks up a newly published warehouse without restart, also through its memoised lookups."""

import pytest

from data import meta
from data.db import NoWarehouse, UnknownVersion, pinned, query
from tests.fixtures import build_warehouse, workbook

ECONOMY = [{"month": "2025-03", "activity": None, "annual_budget": -1200.0, "budget": -100.0, "outcome": -110.0,
            "forecast": -1210.0}]  # fmt: skip


def test_new_publish_is_seen_by_plain_and_memoised_queries(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    build_warehouse(db, [workbook("2581", "BUN", "2025-03", economy=ECONOMY)])
    assert meta.municipalities() == [("2581", "Piteå")]
    assert meta.months("2581") == ["2025-03"]

    build_warehouse(
        db,
        [
            workbook("2581", "BUN", "2025-03", economy=ECONOMY),
            workbook("2581", "BUN", "2025-04", economy=[{**ECONOMY[0], "month": "2025-04"}]),
            workbook("2463", "SN", "2025-04", economy=[{**ECONOMY[0], "month": "2025-04"}]),
        ],
    )
    assert [name for _, name in meta.municipalities()] == ["Piteå", "Åsele"]
    assert meta.months("2581") == ["2025-04", "2025-03"]


def test_missing_warehouse_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(NoWarehouse, match=r"none\.duckdb"):
        query("meta_info")


def test_one_pin_reads_one_file_while_a_new_one_is_published(tmp_path, monkeypatch):
    db_path = tmp_path / "w.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(db_path))
    build_warehouse(db_path, [workbook("2581", "BUN", "2025-03", economy=ECONOMY)])
    with pinned():
        assert meta.months("2581") == ["2025-03"]
        build_warehouse(db_path, [workbook("2581", "BUN", "2025-04", economy=[{**ECONOMY[0], "month": "2025-04"}])])
        assert meta.months("2581") == ["2025-03"]  # still the file this block started with
        assert query("meta_info")["submissions"].tolist() == [1]
    with pinned():
        assert meta.months("2581") == ["2025-04"]


def test_unknown_data_version_is_refused(tmp_path, monkeypatch):
    db_path = tmp_path / "w.duckdb"
    monkeypatch.setenv("STYRKEDJAN_DB", str(db_path))
    build_warehouse(db_path, [workbook("2581", "BUN", "2025-03", economy=ECONOMY)])
    with pytest.raises(UnknownVersion) as caught, pinned("0123456789"):
        meta.info()
    assert caught.value.version == "0123456789"
