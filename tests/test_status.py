"""`python -m etl status`: what is loaded per municipality, committee and period, the history, and what is missing."""

import json
import re

import pytest

from etl.__main__ import main
from etl.load import load_paths
from tests.report_files import GOALS, write_report


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """Piteå BUN and SN with a gap and a correction, and Åsele KS with a tertial report."""
    tmp_path = tmp_path_factory.mktemp("status")
    db, reports = tmp_path / "lager.duckdb", tmp_path / "in"
    reports.mkdir()
    for committee, period in (("BUN", "2025-01"), ("BUN", "2025-03"), ("SN", "2025-02"), ("SN", "2025-03")):
        write_report(reports / f"{committee}_{period}.xlsx", about={"Nämnd": committee, "Period": period},
                     sheets={"Mål": GOALS})  # fmt: skip
    write_report(tmp_path / "BUN_2025-01_rättad.xlsx", about={"Nämnd": "BUN", "Period": "2025-01"},
                 sheets={"Mål": [GOALS[0], [*GOALS[1][:5], "Uppfyllt", "Rättad"]]})  # fmt: skip
    write_report(tmp_path / "asele.xlsx", about={"Kommunkod": "2463", "Kommun": "Åsele", "Nämnd": "KS",
                                                 "Period": "2025-T1"}, sheets={"Mål": GOALS})  # fmt: skip
    archive = tmp_path / "arkiv"
    assert load_paths([reports], db, archive).count("loaded") == 4
    assert load_paths([tmp_path / "BUN_2025-01_rättad.xlsx", tmp_path / "asele.xlsx"], db, archive).count("loaded") == 2
    return db


def test_status_lists_submissions_history_and_missing_months(warehouse, capsys):
    assert main(["status", "--db", str(warehouse), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    pitea = out["municipalities"][0]
    assert [m["municipality"] for m in out["municipalities"]] == ["Piteå", "Åsele"]
    assert (pitea["first_month"], pitea["last_month"]) == ("2025-01", "2025-03")
    bun = pitea["committees"][0]
    assert (bun["committee_code"], [p["period"] for p in bun["periods"]]) == ("BUN", ["2025-01", "2025-03"])
    january = bun["periods"][0]
    assert (january["current"]["file_name"], january["current"]["rows"]) == ("BUN_2025-01_rättad.xlsx", 1)
    assert [(h["file_name"], h["superseded_by"]) for h in january["history"]] == [
        ("BUN_2025-01.xlsx", january["current"]["submission_id"])
    ]
    assert [(m["committee_code"], m["months"]) for m in pitea["missing"]] == [
        ("BUN", ["2025-02"]),
        ("KS", ["2025-01", "2025-02", "2025-03"]),
        ("KFN", ["2025-01", "2025-02", "2025-03"]),
        ("MBN", ["2025-01", "2025-02", "2025-03"]),
        ("SBN", ["2025-01", "2025-02", "2025-03"]),
        ("SN", ["2025-01"]),
    ]
    asele = out["municipalities"][1]
    assert [(m["committee_code"], m["months"]) for m in asele["missing"]] == [
        ("BUN", ["2025-04"]),
        ("MBN", ["2025-04"]),
        ("SN", ["2025-04"]),
    ]


def test_status_text_is_swedish_and_readable(warehouse, capsys):
    assert main(["status", "--db", str(warehouse)]) == 0
    lines = capsys.readouterr().out.splitlines()
    masked = [re.sub(r"inläst \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "inläst TID", line) for line in lines]
    assert masked == [
        "Piteå (2581): rapporter 2025-01–2025-03",
        "  Barn- och utbildningsnämnden (BUN)",
        "    2025-01  BUN_2025-01_rättad.xlsx, inläst TID, 1 rad",
        "             ersatt: BUN_2025-01.xlsx, inläst TID, 1 rad",
        "    2025-03  BUN_2025-03.xlsx, inläst TID, 1 rad",
        "  Socialnämnden (SN)",
        "    2025-02  SN_2025-02.xlsx, inläst TID, 1 rad",
        "    2025-03  SN_2025-03.xlsx, inläst TID, 1 rad",
        "  Saknas (ingen rapport med period som slutar i månaden):",
        "    Barn- och utbildningsnämnden (BUN): 2025-02",
        "    Kommunstyrelsen (KS): 2025-01–2025-03",
        "    Kultur- och fritidsnämnden (KFN): 2025-01–2025-03",
        "    Miljö- och byggnämnden (MBN): 2025-01–2025-03",
        "    Samhällsbyggnadsnämnden (SBN): 2025-01–2025-03",
        "    Socialnämnden (SN): 2025-01",
        "Åsele (2463): rapporter 2025-04",
        "  Kommunstyrelsen (KS)",
        "    2025-T1  asele.xlsx, inläst TID, 1 rad",
        "  Saknas (ingen rapport med period som slutar i månaden):",
        "    Barn- och utbildningsnämnden (BUN): 2025-04",
        "    Miljö- och byggnämnden (MBN): 2025-04",
        "    Socialnämnden (SN): 2025-04",
    ]


def test_status_without_a_warehouse(tmp_path, capsys):
    assert main(["status", "--db", str(tmp_path / "saknas.duckdb")]) == 1
    assert capsys.readouterr().err == (
        f"Det finns inget lager i {tmp_path / 'saknas.duckdb'} ännu. Läs in rapporter med python -m etl load MAPP.\n"
    )


def test_status_for_one_municipality(warehouse, capsys):
    assert main(["status", "--db", str(warehouse), "--kommun", "2463"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Åsele (2463): rapporter 2025-04"
    assert not any(line.startswith("Piteå") for line in lines)
