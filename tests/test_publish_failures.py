"""Failures while publishing, with real processes: full disk, killed loader, held lock, demo over real data."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from data.settings import ROOT
from etl import journal
from etl.load import load_paths
from etl.lock import remove_dead_parts
from tests.report_files import GOALS, write_report

HOLD_LOCK = """
import sys, time
from pathlib import Path
from etl.lock import load_lock
with load_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def _etl(*args, env=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def _env(archive: Path) -> dict:
    return {**os.environ, "STYRKEDJAN_ARCHIVE": str(archive), "PYTHONPATH": str(ROOT)}


def _leftovers(*folders: Path) -> list[str]:
    return sorted(p.name for f in folders if f.exists() for p in f.rglob("*") if ".tmp" in p.name or ".part" in p.name)


@pytest.fixture
def small_disk(tmp_path):
    """A real 12 MB filesystem (tmpfs), mounted for the test and unmounted after it (CI runs as root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the filesystem so that only `leave` bytes stay free."""
    filler = disk / "fyllnad"
    filler.unlink(missing_ok=True)
    st = os.statvfs(disk)
    size = max(0, st.f_bavail * st.f_frsize - leave)
    with filler.open("wb") as f:
        os.posix_fallocate(f.fileno(), 0, size) if size else None
    return filler


def test_a_full_disk_gives_exit_3_a_swedish_json_error_and_leaves_nothing_behind(tmp_path, small_disk):
    db, archive = small_disk / "lager.duckdb", small_disk / "arkiv"
    write_report(tmp_path / "forsta.xlsx", sheets={"Mål": GOALS})
    assert _etl("load", tmp_path / "forsta.xlsx", "--db", db, env=_env(archive)).returncode == 0
    live = db.read_bytes()
    outcomes = []
    for n, leave in enumerate((0, 64 * 1024, len(live) // 2, len(live) + 256 * 1024)):
        report = write_report(tmp_path / f"rattelse_{n}.xlsx", sheets={"Mål": [GOALS[0], [*GOALS[1][:6], f"R{n}"]]})
        filler = _fill(small_disk, leave)
        result = _etl("load", report, "--db", db, "--json", env=_env(archive))
        filler.unlink()
        outcomes.append(result.returncode)
        assert _leftovers(small_disk) == []  # no staging copy, WAL or .part file keeps the disk full
        if result.returncode == 3:
            assert json.loads(result.stdout) == {
                "status": "error",
                "message": "Disken är full: lagret kunde inte skrivas. Inget publicerades; lagret är oförändrat. "
                "Frigör utrymme och försök igen.",
                "db": str(db),
            }
            assert "Traceback" not in result.stderr
            assert db.read_bytes() == live
            assert sorted(p.name for p in archive.glob("*/*.xlsx")) == [
                f"{journal.read(archive)[0]['sha256']}.xlsx"
            ]  # the raw file of the submission that was never published is gone
        else:
            live = db.read_bytes()
    assert outcomes[:3] == [3, 3, 3]
    # with room again the next load publishes, and the journal says what happened
    result = _etl("load", tmp_path / "rattelse_0.xlsx", "--db", db, "--json", env=_env(archive))
    assert (result.returncode, json.loads(result.stdout)["summary"]["loaded"]) == (0, 1)
    actions = [e["action"] for e in journal.read(archive)]
    assert actions.count("abort") >= 3 and actions[-1] == "publish"


def test_the_next_load_removes_staging_files_of_a_loader_killed_mid_way(tmp_path):
    db, archive, folder = tmp_path / "lager.duckdb", tmp_path / "arkiv", tmp_path / "in"
    folder.mkdir()
    write_report(tmp_path / "forsta.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "forsta.xlsx"], db, archive)
    for committee in ("KS", "BUN", "SN", "SBN", "KFN", "MBN"):
        for period in ("2025-T1", "2025"):
            write_report(folder / f"{committee}_{period}.xlsx", about={"Nämnd": committee, "Period": period})
    before = db.read_bytes()
    for _ in range(3):
        loader = subprocess.Popen(
            [sys.executable, "-m", "etl", "load", str(folder), "--db", str(db)], cwd=ROOT, env=_env(archive),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        staging = tmp_path / f"lager.duckdb.{loader.pid}.tmp"
        deadline = time.monotonic() + 60
        while not staging.exists() and loader.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(loader.pid, signal.SIGKILL)
        loader.wait()
        # the killed load's staging copy is left; the one killed before it was removed by this load
        assert [p.name for p in tmp_path.glob("lager.duckdb.*.tmp")] == [staging.name]
    assert db.read_bytes() == before  # a killed load never tears the live warehouse
    assert load_paths([folder], db, archive).count("loaded") == 12
    assert _leftovers(tmp_path) == []


def test_part_files_are_removed_only_when_their_writer_is_dead(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / f"ab12.xlsx.{dead.pid}.part").write_bytes(b"half")
    (tmp_path / "ab" / f"ab34.xlsx.{os.getpid()}.part").write_bytes(b"being written")
    assert [p.name for p in remove_dead_parts(tmp_path)] == [f"ab12.xlsx.{dead.pid}.part"]
    assert [p.name for p in (tmp_path / "ab").iterdir()] == [f"ab34.xlsx.{os.getpid()}.part"]


def test_a_second_load_says_whom_it_waits_for_and_gives_up_after_wait_seconds(tmp_path):
    db, archive = tmp_path / "lager.duckdb", tmp_path / "arkiv"
    report = write_report(tmp_path / "a.xlsx", sheets={"Mål": GOALS})
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], cwd=ROOT, env=_env(archive),
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        result = _etl("load", report, "--db", db, "--wait", "1.5", "--json", env=_env(archive))
        waited = time.monotonic() - started
        assert result.returncode == 3
        assert result.stderr == f"Väntar på en annan inläsning (pid {holder.pid}) …\n"
        assert json.loads(result.stdout)["message"] == (
            f"Gav upp efter 1.5 s: en annan inläsning (pid {holder.pid}) håller fortfarande lagret. Inget "
            "publicerades. Försök igen när den är klar, eller ge längre väntetid med --wait."
        )
        assert 1.5 <= waited < 30
        assert not db.exists()
        # a load that may wait long enough goes ahead as soon as the holder is gone
        waiting = subprocess.Popen(
            [sys.executable, "-m", "etl", "load", str(report), "--db", str(db)], cwd=ROOT, env=_env(archive),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert waiting.stderr.readline() == f"Väntar på en annan inläsning (pid {holder.pid}) …\n"
        assert waiting.poll() is None
    finally:
        holder.kill()
        holder.wait()
    out, err = waiting.communicate(timeout=120)
    assert (waiting.returncode, err) == (0, "")
    assert "Inläst: " in out


def test_demo_takes_the_lock_and_refuses_a_warehouse_with_loaded_reports_unless_replace(tmp_path):
    db, archive = tmp_path / "lager.duckdb", tmp_path / "arkiv"
    demo = ("demo", "--db", db, "--scale", "1", "--first-month", "2026-09", "--last-month", "2026-10")
    assert _etl(*demo, env=_env(archive)).returncode == 0
    assert _etl(*demo, env=_env(archive)).returncode == 0  # a demo warehouse may be rebuilt freely
    write_report(tmp_path / "riktig.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "riktig.xlsx"], db, archive)
    before = db.read_bytes()
    refused = _etl(*demo, env=_env(archive))
    assert (refused.returncode, refused.stderr) == (
        1,
        f"Lagret {db} innehåller 1 inlästa rapporter som inte är demodata. Demolagret skrevs inte. Ange --replace "
        "för att ändå ersätta lagret, eller --db för en annan fil.\n",
    )
    assert db.read_bytes() == before
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], cwd=ROOT, env=_env(archive),
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        blocked = _etl(*demo, "--replace", "--wait", "0.5", env=_env(archive))
    finally:
        holder.kill()
        holder.wait()
    assert (blocked.returncode, blocked.stderr.splitlines()[0]) == (
        3, f"Väntar på en annan inläsning (pid {holder.pid}) …"
    )  # fmt: skip
    assert db.read_bytes() == before
    assert _etl(*demo, "--replace", env=_env(archive)).returncode == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select value from meta where key = 'demo'").fetchone() == ("true",)
        assert con.execute("select count(*) from submission where file_name = 'riktig.xlsx'").fetchone() == (0,)


def test_a_withdrawal_and_loads_started_at_once_are_serialised_and_none_is_lost(tmp_path):
    db, archive = tmp_path / "lager.duckdb", tmp_path / "arkiv"
    write_report(tmp_path / "v1.xlsx", sheets={"Mål": GOALS})
    load_paths([tmp_path / "v1.xlsx"], db, archive)
    for committee in ("SN", "KS"):
        write_report(tmp_path / f"{committee}.xlsx", about={"Nämnd": committee}, sheets={"Mål": GOALS})
    commands = [
        ["withdraw", "1", "--reason", "Fel nämnd", "--by", "registrator", "--db", str(db)],
        ["load", str(tmp_path / "SN.xlsx"), "--db", str(db)],
        ["load", str(tmp_path / "KS.xlsx"), "--db", str(db)],
    ]
    started = [
        subprocess.Popen([sys.executable, "-m", "etl", *c], cwd=ROOT, env=_env(archive), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        for c in commands
    ]  # fmt: skip
    assert [p.wait(timeout=180) for p in started] == [0, 0, 0]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select committee_code, withdrawn_by is not null from submission order by committee_code"
        ).fetchall() == [("BUN", True), ("KS", False), ("SN", False)]
        assert con.execute("select count(*) from data_version").fetchone() == (4,)
    assert sorted(e["action"] for e in journal.read(archive) if e["action"] != "load") == ["publish"] * 4 + ["withdraw"]
