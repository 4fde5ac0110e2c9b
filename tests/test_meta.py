"""data.meta on the steering fixture warehouse: filter options, defaults and the facts of banner and footer."""

from datetime import datetime

import pytest

from data import meta
from data.db import NoWarehouse
from data.formatting import submissions_text


def test_municipalities_with_data_in_swedish_order(steering_db):
    assert meta.municipalities() == [("2581", "Piteå"), ("2463", "Åsele")]


def test_months_with_a_submission_newest_first(steering_db):
    assert meta.months("2581") == ["2025-04", "2025-03", "2024-12"]
    assert meta.months("2463") == ["2025-02"]


def test_committees_in_swedish_order(steering_db):
    assert meta.committees("2463") == [
        ("BUN", "Barn- och utbildningsnämnden"),
        ("KS", "Kommunstyrelsen"),
        ("MBN", "Miljö- och byggnämnden"),
        ("SN", "Socialnämnden"),
    ]


def test_resolve_defaults_to_first_municipality_and_its_latest_month(steering_db):
    assert meta.resolve(None, None) == meta.Filters("2581", "2025-04", None)


def test_resolve_keeps_valid_values(steering_db):
    assert meta.resolve("2581", "2025-03", "SN") == meta.Filters("2581", "2025-03", "SN")


def test_resolve_replaces_unknown_values(steering_db):
    assert meta.resolve("9999", "2031-01", "XYZ") == meta.Filters("2581", "2025-04", None)
    assert meta.resolve("2463", "2025-04", "SBN") == meta.Filters("2463", "2025-02", None)


def test_info_reports_demo_flag_and_submission_count(steering_db):
    info = meta.info()
    assert info.demo is True
    assert (info.submissions, info.submitted) == (6, 6)
    assert isinstance(info.loaded_at, datetime)


def test_missing_warehouse_raises_no_warehouse(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(tmp_path / "nothing.duckdb"))
    with pytest.raises(NoWarehouse):
        meta.info()


def test_footer_says_the_submission_count_in_the_one_wording(steering_db):
    import app

    assert (
        app.footer(meta.info())
        .children.children[0]
        .children.endswith(" från 6 gällande rapporter (6 inlämnade, 0 ersatta).")
    )
    assert submissions_text(2003, 2006) == "2\u00a0003 gällande rapporter (2\u00a0006 inlämnade, 3 ersatta)"
    assert submissions_text(1, 2) == "1 gällande rapport (2 inlämnade, 1 ersatt)"
    assert submissions_text(5, 8, 1) == "5 gällande rapporter (8 inlämnade, 2 ersatta, 1 återkallad)"
