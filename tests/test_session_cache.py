"""Session look-ups kept per worker: never past a change made through the accounts functions, in any process."""

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from accounts import sessions, store
from tests.served import ROOT

PASSWORD = "rätt-lösenord-1"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty accounts database and a session cache that outlives the test."""
    monkeypatch.setenv("STYRKEDJAN_ACCOUNTS", str(tmp_path / "accounts.sqlite"))
    monkeypatch.setenv("STYRKEDJAN_SESSION_CACHE_SECONDS", "600")
    return tmp_path / "accounts.sqlite"


def by_hand(path, statement: str, *params) -> None:
    """Change the accounts database past its functions, as someone with the sqlite3 shell would."""
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute(statement, params)


def test_a_kept_session_survives_a_change_by_hand_until_its_time_is_up(fresh, monkeypatch):
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    by_hand(fresh, "update account set role = 'reader' where name = ?", "anna")
    assert sessions.session_user(sid, 30).role == "admin"  # kept: STYRKEDJAN_SESSION_CACHE_SECONDS
    monkeypatch.setenv("STYRKEDJAN_SESSION_CACHE_SECONDS", "0")
    assert sessions.session_user(sid, 30).role == "reader"


def test_with_no_cache_every_look_up_is_fresh(fresh, monkeypatch):
    monkeypatch.setenv("STYRKEDJAN_SESSION_CACHE_SECONDS", "0")
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    by_hand(fresh, "update account set disabled_at = '2026-12-02T00:00:00+00:00' where name = ?", "anna")
    assert sessions.session_user(sid, 30) is None
    assert sessions.session_user(sid, 30) is None  # and the session is gone for good


def test_a_disabled_account_is_refused_at_once(fresh):
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    store.disable("anna")
    assert sessions.session_user(sid, 30) is None


def test_log_out_ends_the_session_at_once(fresh):
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    other = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == sessions.session_user(other, 30).name == "anna"
    sessions.close_session(sid)
    assert sessions.session_user(sid, 30) is None
    assert sessions.session_user(other, 30).name == "anna"


def test_a_new_password_ends_every_session_at_once(fresh):
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    store.reset_password("anna", "ett-annat-lösenord")
    assert sessions.session_user(sid, 30) is None


def test_a_new_single_sign_on_role_shows_at_once(fresh):
    store.update_sso("sara", "submitter", ["2581"], ["SN"])
    sid = sessions.open_session("sara", "127.0.0.1")
    assert sessions.session_user(sid, 30).role == "submitter"
    store.update_sso("sara", "reader", ["2581"], [])
    assert (sessions.session_user(sid, 30).role, sessions.session_user(sid, 30).committees) == ("reader", ())


def test_disabling_from_the_command_line_is_seen_by_a_running_worker_at_once(fresh):
    store.add("anna", "admin", PASSWORD)
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    subprocess.run([sys.executable, "-m", "accounts", "disable", "anna"], cwd=ROOT, check=True, capture_output=True)
    assert sessions.session_user(sid, 30) is None
