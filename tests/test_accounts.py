"""Accounts: the command line, passwords, lock-out, sessions, roles and the log-in page's demo list."""

import getpass
import io
import time

import pytest

from accounts import __main__ as cli
from accounts import access, audit, sessions, store
from accounts.store import User
from accounts.testing import log_in
from tests.monthly_fixture import deviation_warehouse


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty accounts database for this test."""
    monkeypatch.setenv("STYRKEDJAN_ACCOUNTS", str(tmp_path / "accounts.sqlite"))
    return tmp_path / "accounts.sqlite"


def run(monkeypatch, capsys, *argv, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_adds_lists_disables_and_resets(fresh, monkeypatch, capsys):
    pw = "ett-långt-lösenord\n"
    assert run(monkeypatch, capsys, "add", "anna", "--role", "admin", "--password-stdin", stdin=pw)[0] == 0
    code, out, _ = run(
        monkeypatch, capsys, "add", "per", "--role", "reader", "--kommun", "2581", "0884", "--password-stdin", stdin=pw
    )
    assert (code, out) == (0, "Skapade per\tLäsare\t0884,2581\tlocal\n")
    submitter = ("add", "sara", "--role", "submitter", "--kommun", "2581", "--namnd", "SN", "--password-stdin")
    code, out, _ = run(monkeypatch, capsys, *submitter, stdin=pw)
    assert code == 0
    assert run(monkeypatch, capsys, "disable", "per")[:2] == (0, "Stängde av per.\n")
    assert run(monkeypatch, capsys, "list")[1] == (
        "anna\tAdministratör\talla kommuner\tlocal\n"
        "per\tLäsare\t0884,2581\tlocal (avstängt)\n"
        "sara\tInlämnare\t2581 nämnder SN\tlocal\n"
    )
    assert store.authenticate("per", "ett-långt-lösenord") is None
    assert run(monkeypatch, capsys, "reset-password", "per", "--password-stdin", stdin="ett-nytt-lösenord\n")[0] == 0
    assert store.authenticate("per", "ett-nytt-lösenord").name == "per"
    code, out, err = run(monkeypatch, capsys, "log", "--handling", "account_add")
    assert [line.split("\t")[1:4] for line in out.splitlines()] == [
        [f"cli:{getpass.getuser()}", "Konto skapat", "sara"],
        [f"cli:{getpass.getuser()}", "Konto skapat", "per"],
        [f"cli:{getpass.getuser()}", "Konto skapat", "anna"],
    ]
    assert err == "3 av 3 rader.\n"


def test_cli_refuses_without_a_password_on_stdin_or_a_short_one_or_missing_codes(fresh, monkeypatch, capsys):
    assert run(monkeypatch, capsys, "add", "anna", "--role", "admin")[::2] == (
        1,
        "Fel: Ange lösenordet på standard in med --password-stdin (det finns inget standardlösenord).\n",
    )
    assert run(monkeypatch, capsys, "add", "anna", "--role", "admin", "--password-stdin", stdin="kort\n")[::2] == (
        1,
        "Fel: Lösenordet måste ha minst 12 tecken.\n",
    )
    assert run(monkeypatch, capsys, "add", "per", "--role", "reader", "--password-stdin", stdin="x" * 12)[::2] == (
        1,
        "Fel: En läsare eller inlämnare behöver minst en --kommun.\n",
    )
    no_committee = ("add", "sara", "--role", "submitter", "--kommun", "2581", "--password-stdin")
    refused = run(monkeypatch, capsys, *no_committee, stdin="x" * 12)[::2]
    assert refused == (1, "Fel: En inlämnare behöver minst en --namnd.\n")
    assert run(monkeypatch, capsys, "disable", "ingen")[::2] == (1, "Fel: Kontot ingen finns inte.\n")
    assert store.accounts() == []


def test_back_off_doubles_after_five_failures(fresh):
    store.add("anna", "admin", "rätt-lösenord-1")
    for _ in range(4):
        assert store.authenticate("anna", "fel") is None
    assert store.locked_until("anna") is None
    assert store.authenticate("anna", "fel") is None
    first = store.locked_until("anna")
    assert 55 <= (first - store.now()).total_seconds() <= 60
    assert store.authenticate("anna", "fel") is None
    assert 115 <= (store.locked_until("anna") - store.now()).total_seconds() <= 120
    assert store.authenticate("nobody", "fel") is None  # unknown names are counted the same way


def test_sessions_end_on_idle_log_out_and_disable(fresh):
    store.add("anna", "admin", "rätt-lösenord-1")
    sid = sessions.open_session("anna", "127.0.0.1")
    assert sessions.session_user(sid, 30).name == "anna"
    time.sleep(1.1)
    assert sessions.session_user(sid, 0) is None  # idle longer than allowed: gone for good
    assert sessions.session_user(sid, 30) is None
    other = sessions.open_session("anna", "127.0.0.1")
    store.disable("anna")
    assert sessions.session_user(other, 30) is None
    assert sessions.session_user("made-up", 30) is None


def test_roles_what_each_sees_and_submits():
    reader = User("per", "reader", ("2581",))
    submitter = User("sara", "submitter", ("2581",), ("SN",))
    admin = User("anna", "admin")
    assert [access.may_see(reader, c) for c in ("2581", "2463", None)] == [True, False, True]
    assert access.may_see(admin, "2463") and not access.may_see(None, "2581")
    assert access.default_municipality(reader) == "2581" and access.default_municipality(admin) is None
    assert [access.may_submit(u, "2581", "SN") for u in (reader, submitter, admin)] == [False, True, True]
    assert access.may_submit(submitter, "2581", "KS") is False
    assert access.may_submit(submitter, "2463", "SN") is False
    assert access.may_submit(User("x", "submitter", ("2581",), ("SN",), disabled=True), "2581", "SN") is False


def test_demo_accounts_only_for_demo_data_and_listed_only_then(fresh, demo_db, tmp_path, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "demo")
    assert code == 0
    names = [line.split(" ")[1] for line in out.splitlines()]
    assert names == ["demo-admin", "demo-inlamnare", "demo-lasare"]
    assert run(monkeypatch, capsys, "demo")[1].splitlines() == out.splitlines()  # second run: same accounts

    import app as shell

    client = shell.server.test_client()
    assert "demo-lasare" in client.get("/login").get_data(as_text=True)
    password = dict((u.name, p) for u, p in store.demo_accounts())["demo-lasare"]
    assert log_in(client, "demo-lasare", password).status_code == 303
    monkeypatch.setenv("STYRKEDJAN_DB", str(deviation_warehouse(tmp_path / "real.duckdb")))
    assert "demo-lasare" not in client.get("/login").get_data(as_text=True)
    assert client.get("/_dash-layout").status_code == 401  # the demo session ended with the demo data
    assert log_in(client, "demo-lasare", password).status_code == 401
    assert run(monkeypatch, capsys, "demo")[::2] == (
        1,
        "Fel: Demokonton skapas bara när lagret innehåller demodata (python -m etl demo).\n",
    )


def test_audit_entries_are_paged_and_filtered(fresh):
    for i in range(120):
        audit.record("export", target=f"mal-export-download {i}", who="per" if i % 2 else "sara")
    rows, total = audit.entries(who="per", page=1)
    assert total == 60
    assert [r.target for r in rows[:2]] == ["mal-export-download 19", "mal-export-download 17"]
    assert len(rows) == 10
    assert audit.entries(text="download 11")[1] == 11  # 11, 110 ... 119
    assert audit.accounts_in_log() == ["per", "sara"]


def test_session_secret_is_configured_or_generated_once_and_kept(fresh, monkeypatch):
    monkeypatch.delenv("STYRKEDJAN_SECRET_KEY", raising=False)
    first = store.secret_key()
    assert len(first) == 64 and int(first, 16) >= 0  # 32 random bytes as hex
    assert store.secret_key() == first  # the same for every later process: kept in the accounts database
    monkeypatch.setenv("STYRKEDJAN_ACCOUNTS", str(fresh.with_name("other.sqlite")))
    assert store.secret_key() != first  # another installation gets its own
    monkeypatch.setenv("STYRKEDJAN_SECRET_KEY", "från-miljön")
    assert store.secret_key() == "från-miljön"
