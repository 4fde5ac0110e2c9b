"""The report archive loses nothing: six simultaneous reports (real processes) give six archived files, and every
index entry matches its file and sidecar."""

import hashlib
import json
import os
import subprocess
import sys
import time
from datetime import datetime

from data.settings import ROOT
from reports import monthly
from tests.monthly_fixture import report_warehouse

SIMULTANEOUS = 6

# Waits for the start file, so all processes make their report at the same moment, then archives one report.
MAKER = """
import os, sys, time
from reports.monthly import generate
while not os.path.exists(sys.argv[1]):
    time.sleep(0.005)
report = generate("2581", "2025-09", sys.argv[2])
print(report.archived)
"""


def test_simultaneous_reports_are_all_archived_and_match_the_index(tmp_path):
    db, root = report_warehouse(tmp_path / "w.duckdb"), tmp_path / "rapporter"
    env = {**os.environ, "STYRKEDJAN_DB": str(db), "STYRKEDJAN_REPORTS": str(root), "PYTHONPATH": str(ROOT)}
    start = tmp_path / "start"
    makers = [
        subprocess.Popen([sys.executable, "-c", MAKER, str(start), ("pdf", "docx")[i % 2]], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(SIMULTANEOUS)
    ]  # fmt: skip
    time.sleep(3)  # every process has imported its modules and is waiting
    start.touch()
    outputs = [maker.communicate(timeout=300) for maker in makers]
    assert [maker.returncode for maker in makers] == [0] * SIMULTANEOUS, [err[-500:] for _, err in outputs]

    reports = sorted(p for p in (root / "2581" / "2025-09").iterdir() if p.suffix in (".pdf", ".docx"))
    index = [json.loads(line) for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    print(f"{len(reports)} archived files and {len(index)} index entries from {SIMULTANEOUS} simultaneous reports")
    assert (len(reports), len(index)) == (SIMULTANEOUS, SIMULTANEOUS)
    assert sorted(str(root / entry["file"]) for entry in index) == [str(p) for p in reports]
    assert sorted(out.strip() for out, _ in outputs) == [str(p) for p in reports]
    for entry in index:
        path = root / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        assert json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8")) == entry
    assert sorted(entry["format"] for entry in index) == ["docx", "docx", "docx", "pdf", "pdf", "pdf"]
    assert not [p for p in (root / "2581" / "2025-09").iterdir() if p.name.endswith(".tmp")]


def test_archived_name_carries_time_and_content_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_DB", str(report_warehouse(tmp_path / "w.duckdb")))
    monkeypatch.setenv("STYRKEDJAN_REPORTS", str(tmp_path / "rapporter"))
    created = datetime(2025, 10, 15, 9, 30, 0, 123456)
    report = monthly.generate("2581", "2025-09", "docx", created_at=created)
    digest = hashlib.sha256(report.content).hexdigest()
    assert report.file_name == f"manadsrapport_2581_2025-09_20251015T093000.123456_{digest[:12]}.docx"
    assert report.archived == tmp_path / "rapporter" / "2581" / "2025-09" / report.file_name
    assert monthly.file_name("2581", "2025-09", datetime(2025, 10, 15, 9, 30), "pdf", b"x") == (
        "manadsrapport_2581_2025-09_20251015T093000.000000_2d711642b726.pdf"
    )
