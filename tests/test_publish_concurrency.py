"""Publishing never blocks readers: another process keeps querying while several loads publish."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb

from data.settings import ROOT
from etl.load import load_paths
from tests.report_files import GOALS, write_report

# The reader: loops over data.db's cursor (which reconnects when a new file is published) and checks each answer
# for a consistent version: the submissions' row counts add up to the fact rows stored. It stops once the stop file
# exists and it has seen the submission count written there (or after 30 s more).
READER = """
import json, os, sys, time
from data.db import cursor
stop, seen, errors, inconsistent, reads, deadline = sys.argv[1], set(), [], 0, 0, None
while True:
    if os.path.exists(stop):
        deadline = deadline or time.monotonic() + 30
        if int(open(stop).read()) in seen or time.monotonic() > deadline:
            break
    try:
        submissions, declared, facts, goal_submissions = cursor().execute(
            "select (select count(*) from submission), (select sum(row_count) from submission),"
            " (select count(*) from goal) + (select count(*) from economy) + (select count(*) from suggestion)"
            "  + (select count(*) from employee) + (select count(*) from indicator),"
            " (select count(distinct submission_id) from goal)"
        ).fetchone()
        reads += 1
        seen.add(submissions)
        if reads == 1:
            open(stop + ".ready", "w").close()
        if declared != facts or goal_submissions != submissions:
            inconsistent += 1
    except Exception as exc:
        errors.append(repr(exc))
    time.sleep(0.002)  # leave the CPU to the loads on a small machine
print(json.dumps({"reads": reads, "seen": sorted(seen), "errors": errors[:5], "error_count": len(errors),
                  "inconsistent": inconsistent}))
"""


def test_readers_see_every_publish_without_errors_or_restart(tmp_path):
    db, archive = tmp_path / "lager.duckdb", tmp_path / "arkiv"
    months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    for month in months:
        write_report(tmp_path / f"{month}.xlsx", about={"Period": month}, sheets={"Mål": GOALS})
    load_paths([tmp_path / "2025-01.xlsx"], db, archive)
    stop = tmp_path / "stop"
    env = {**os.environ, "STYRKEDJAN_DB": str(db), "PYTHONPATH": str(ROOT)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop)], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not Path(f"{stop}.ready").exists() and reader.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # start publishing once the reader runs, so it sees every version
        for month in months[1:]:
            report = load_paths([tmp_path / f"{month}.xlsx"], db, archive, workers=1)
            assert report.count("loaded") == 1
    finally:
        stop.with_suffix(".part").write_text(str(len(months)))
        stop.with_suffix(".part").replace(stop)  # whole, so the reader never reads it half-written
        out, _ = reader.communicate(timeout=60)
    result = json.loads(out)
    assert (result["error_count"], result["errors"], result["inconsistent"]) == (0, [], 0)
    assert result["reads"] > 20
    assert (result["seen"][0], result["seen"][-1]) == (1, 6)  # the last publish, seen without a restart
    assert len(result["seen"]) >= 4  # versions in between were seen as they were published
    assert not list(tmp_path.glob("lager.duckdb.*.tmp")) and not (tmp_path / "lager.duckdb.wal").exists()


def test_loads_started_at_once_are_serialised_and_none_is_lost(tmp_path):
    db = tmp_path / "lager.duckdb"
    for committee in ("BUN", "SN"):
        write_report(tmp_path / f"{committee}.xlsx", about={"Nämnd": committee}, sheets={"Mål": GOALS})
    env = {**os.environ, "STYRKEDJAN_ARCHIVE": str(tmp_path / "arkiv")}
    loads = [
        subprocess.Popen([sys.executable, "-m", "etl", "load", str(tmp_path / f"{c}.xlsx"), "--db", str(db)],
                         cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        for c in ("BUN", "SN")
    ]  # fmt: skip
    assert [p.wait(timeout=120) for p in loads] == [0, 0]
    with duckdb.connect(str(db), read_only=True) as con:
        committees = con.execute("select committee_code from submission order by 1").fetchall()
    assert committees == [("BUN",), ("SN",)]


def test_loads_started_at_once_from_two_threads_of_one_process_are_serialised(tmp_path, monkeypatch):
    """A web worker publishes /lamna-in files from background threads: the lock is per thread, not per process."""
    monkeypatch.setenv("STYRKEDJAN_ARCHIVE", str(tmp_path / "arkiv"))
    db = tmp_path / "lager.duckdb"
    paths = [write_report(tmp_path / f"{c}.xlsx", about={"Nämnd": c}, sheets={"Mål": GOALS}) for c in ("BUN", "SN")]
    outcomes = {}
    threads = [threading.Thread(target=lambda p=p: outcomes.update({p.stem: load_paths([p], db)})) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted((name, r.files[0].status) for name, r in outcomes.items()) == [("BUN", "loaded"), ("SN", "loaded")]
    with duckdb.connect(str(db), read_only=True) as con:
        committees = con.execute("select submission_id, committee_code from submission order by 2").fetchall()
    assert sorted(sid for sid, _ in committees) == [1, 2]
    assert [c for _, c in committees] == ["BUN", "SN"]
