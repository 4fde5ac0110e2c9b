"""The accounts database (SQLite): accounts, roles, failed log-ins, the session secret and the audit log.

One file at `data.settings.accounts_path()`, in WAL mode so the web workers and the command line share it. Every
function opens its own short connection (0.1 ms). Web workers keep session look-ups for a few seconds
(accounts/sessions.py); every change that can end or narrow a session (log-out, disabling, a new password, a single
sign-on role) calls `changed()`, which those caches check through `changes()` on every request: in this process at
once, in every other process (the other workers, `python -m accounts`) at their next request through a one-byte
append to a file beside the database. A change made past these functions (SQL by hand) shows within the cache's
time to live.
"""

import os
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from data import settings

ROLES = ("reader", "submitter", "admin")
ROLE_LABELS = {"reader": "Läsare", "submitter": "Inlämnare", "admin": "Administratör"}
MIN_PASSWORD = 12
FAILURES_BEFORE_LOCK = 5
MAX_LOCK_MINUTES = 60

SCHEMA = """
create table if not exists account (
    name text primary key,
    role text not null check (role in ('reader', 'submitter', 'admin')),
    municipalities text not null default '',
    committees text not null default '',
    password_hash text,
    source text not null default 'local' check (source in ('local', 'sso', 'demo')),
    demo_password text,
    created_at text not null,
    disabled_at text
);
create table if not exists login_failure (
    name text primary key,
    failures integer not null,
    locked_until text
);
create table if not exists setting (key text primary key, value text not null);
create table if not exists audit (
    id integer primary key autoincrement,
    at text not null,
    who text not null,
    action text not null,
    target text not null default '',
    detail text not null default '',
    remote text not null default ''
);
create index if not exists audit_at on audit (at);
create table if not exists web_session (
    sid text primary key,
    name text not null,
    created_at text not null,
    seen_at text not null,
    remote text not null default ''
);
create index if not exists web_session_name on web_session (name);
"""

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("styrkedjan-timing-equaliser")


class AccountError(ValueError):
    """A Swedish message about a refused account change (unknown name, bad role, short password ...)."""


@dataclass(frozen=True)
class User:
    """A logged-in or stored account: role, the municipalities it sees and the committees it submits for."""

    name: str
    role: str
    municipalities: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    source: str = "local"
    disabled: bool = False


def now() -> datetime:
    """The current time in UTC, second precision (what the audit log stores)."""
    return datetime.now(UTC).replace(microsecond=0)


_ready: set[Path] = set()  # databases whose schema this process has created or checked


def connect() -> sqlite3.Connection:
    """A connection (autocommit) to the accounts database, created with its schema on first use."""
    path = settings.accounts_path()
    if path not in _ready:
        path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=15, isolation_level=None)
    connection.execute("pragma busy_timeout=15000")
    if path not in _ready:
        connection.execute("pragma journal_mode=wal")
        connection.executescript(SCHEMA)
        _ready.add(path)
    return connection


_changes = [0]  # this process's own count of changes, read with the shared file's size by changes()


def _changes_path() -> Path:
    path = settings.accounts_path()
    return path.with_name(path.name + "-changes")


def changed() -> None:
    """Say that accounts or sessions changed: cached session look-ups in every process are stale now."""
    _changes[0] += 1
    path = _changes_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as marks:  # appends are atomic; the growing size is the cross-process counter
        marks.write(b".")


def changes() -> tuple:
    """A value that differs after any changed() in this process or another (cheap: one stat)."""
    try:
        st = os.stat(_changes_path())
    except FileNotFoundError:
        return (_changes[0], None)
    return (_changes[0], st.st_ino, st.st_size)


def _codes(values) -> str:
    return ",".join(sorted({v.strip() for v in values or () if v and v.strip()}))


def user_from_row(row) -> User:
    """A User from (name, role, municipalities, committees, source, disabled_at) as stored."""
    name, role, municipalities, committees, source, disabled_at = row
    split = lambda text: tuple(c for c in text.split(",") if c)  # noqa: E731
    return User(name, role, split(municipalities), split(committees), source, disabled_at is not None)


_USER_COLUMNS = "name, role, municipalities, committees, source, disabled_at"


def get(name: str) -> User | None:
    """The account called name, or None."""
    with closing(connect()) as db:
        row = db.execute(f"select {_USER_COLUMNS} from account where name = ?", (name,)).fetchone()
    return user_from_row(row) if row else None


def accounts() -> list[User]:
    """Every account, by name."""
    with closing(connect()) as db:
        return [user_from_row(r) for r in db.execute(f"select {_USER_COLUMNS} from account order by name")]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Lösenordet måste ha minst {MIN_PASSWORD} tecken.")


def _check_role(role: str, municipalities, committees) -> None:
    if role not in ROLES:
        raise AccountError(f"Okänd roll {role!r}: välj reader, submitter eller admin.")
    if role != "admin" and not _codes(municipalities):
        raise AccountError("En läsare eller inlämnare behöver minst en --kommun.")
    bad = [c for c in municipalities or () if not (len(c) == 4 and c.isdigit())]
    if bad:
        raise AccountError(f"Kommunkoden {bad[0]!r} ska vara fyra siffror, t.ex. 2581.")
    if role == "submitter" and not _codes(committees):
        raise AccountError("En inlämnare behöver minst en --namnd.")


def add(
    name: str,
    role: str,
    password: str | None,
    municipalities=(),
    committees=(),
    source: str = "local",
    demo_password: str | None = None,
) -> User:
    """Create an account; a local account needs a password of at least MIN_PASSWORD characters."""
    name = name.strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise AccountError("Kontonamnet får inte vara tomt, längre än 100 tecken eller innehålla mellanslag.")
    _check_role(role, municipalities, committees)
    if source == "local":
        _check_password(password or "")
    hashed = _hasher.hash(password) if password else None
    row = (name, role, _codes(municipalities), _codes(committees), hashed, source, demo_password, now().isoformat())
    with closing(connect()) as db:
        try:
            db.execute(
                "insert into account (name, role, municipalities, committees, password_hash, source, demo_password,"
                " created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        except sqlite3.IntegrityError:
            raise AccountError(f"Kontot {name} finns redan.") from None
    return get(name)


def update_sso(name: str, role: str, municipalities, committees) -> User:
    """Create or refresh a single sign-on account from the provider's claims (role and codes follow the claims)."""
    with closing(connect()) as db:
        db.execute(
            "insert into account (name, role, municipalities, committees, source, created_at)"
            " values (?, ?, ?, ?, 'sso', ?) on conflict (name) do update set role = excluded.role,"
            " municipalities = excluded.municipalities, committees = excluded.committees"
            " where account.source = 'sso'",
            (name, role, _codes(municipalities), _codes(committees), now().isoformat()),
        )
    changed()
    return get(name)


def disable(name: str) -> None:
    """Disable an account; its open sessions end on their next request."""
    with closing(connect()) as db:
        updated = db.execute(
            "update account set disabled_at = ? where name = ? and disabled_at is null", (now().isoformat(), name)
        ).rowcount
        db.execute("delete from web_session where name = ?", (name,))
    changed()
    if not updated and get(name) is None:
        raise AccountError(f"Kontot {name} finns inte.")


def reset_password(name: str, password: str) -> None:
    """Set a new password, enable the account again, lift a lock-out and end its open sessions."""
    _check_password(password)
    with closing(connect()) as db:
        updated = db.execute(
            "update account set password_hash = ?, disabled_at = null, demo_password = null"
            " where name = ? and source != 'sso'",
            (_hasher.hash(password), name),
        ).rowcount
        db.execute("delete from login_failure where name = ?", (name,))
        db.execute("delete from web_session where name = ?", (name,))
    changed()
    if not updated:
        raise AccountError(f"Kontot {name} finns inte eller loggar in via kommunens inloggning.")


def locked_until(name: str) -> datetime | None:
    """When a name locked out after repeated failed log-ins may try again (None = not locked)."""
    with closing(connect()) as db:
        row = db.execute("select locked_until from login_failure where name = ?", (name,)).fetchone()
    if not row or not row[0]:
        return None
    until = datetime.fromisoformat(row[0])
    return until if until > now() else None


def _failed(db, name: str) -> None:
    row = db.execute("select failures from login_failure where name = ?", (name,)).fetchone()
    failures = (row[0] if row else 0) + 1
    lock = None
    if failures >= FAILURES_BEFORE_LOCK:  # back-off doubles: 1, 2, 4 ... minutes, at most an hour
        minutes = min(MAX_LOCK_MINUTES, 2 ** (failures - FAILURES_BEFORE_LOCK))
        lock = (now() + timedelta(minutes=minutes)).isoformat()
    db.execute(
        "insert into login_failure (name, failures, locked_until) values (?, ?, ?) on conflict (name) do update"
        " set failures = excluded.failures, locked_until = excluded.locked_until",
        (name, failures, lock),
    )


def authenticate(name: str, password: str) -> User | None:
    """The account if name and password match a usable local account; counts failures for the back-off.

    Unknown names cost the same hashing time and are counted the same way, so neither timing nor lock-out tells
    which names exist. The caller checks locked_until() first.
    """
    name = name.strip()[:100]
    with closing(connect()) as db:
        row = db.execute(f"select {_USER_COLUMNS}, password_hash from account where name = ?", (name,)).fetchone()
        stored = row[-1] if row else None
        try:
            ok = _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
        except (VerificationError, InvalidHashError):
            ok = False
        user = user_from_row(row[:-1]) if row else None
        if not ok or user is None or user.disabled or user.source == "sso":
            _failed(db, name)
            return None
        db.execute("delete from login_failure where name = ?", (name,))
        if _hasher.check_needs_rehash(stored):
            db.execute("update account set password_hash = ? where name = ?", (_hasher.hash(password), name))
    return user


def demo_accounts() -> list[tuple[User, str]]:
    """The demo accounts and their passwords (made by `python -m accounts demo`; usable only on demo data)."""
    with closing(connect()) as db:
        rows = db.execute(
            f"select {_USER_COLUMNS}, demo_password from account where source = 'demo' and disabled_at is null"
            " and demo_password is not null order by name"
        ).fetchall()
    return [(user_from_row(r[:-1]), r[-1]) for r in rows]


def secret_key() -> str:
    """The session secret: STYRKEDJAN_SECRET_KEY, else one generated on first use and kept in the database."""
    configured = settings.secret_key()
    if configured:
        return configured
    with closing(connect()) as db:
        db.execute("insert or ignore into setting (key, value) values ('secret_key', ?)", (secrets.token_hex(32),))
        return db.execute("select value from setting where key = 'secret_key'").fetchone()[0]
