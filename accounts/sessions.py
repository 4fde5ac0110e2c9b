"""Server-side log-in sessions: the cookie holds only a random id, so log-out, idle timeout and disabling an
account end a session for good (a copied cookie is worthless afterwards).

Each web worker keeps what it looked up for a session (the account and the last-seen time) for
STYRKEDJAN_SESSION_CACHE_SECONDS (default 5; 0 = look up every request), so a burst of requests costs one SQLite
query instead of one each. A kept look-up is used only while nothing changed (`store.changes()`: log-out,
disabling, a new password or a single sign-on role in any process ends it at once) and only within TOUCH_EVERY of
the last-seen time, so the idle timeout is decided by the database exactly as without the cache.
"""

import secrets
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from accounts import store
from accounts.store import User, connect, now
from data import settings

TOUCH_EVERY = timedelta(seconds=30)  # write the last-seen time at most this often
MAX_KEPT = 4096  # look-ups kept per worker; the oldest goes first

# One query for the session and its account (None columns when the account is gone).
LOOKUP = (
    "select s.name, s.seen_at, a.role, a.municipalities, a.committees, a.source, a.disabled_at"
    " from web_session s left join account a on a.name = s.name where s.sid = ?"
)


@dataclass(frozen=True)
class _Kept:
    """One session's look-up as this worker last made it."""

    database: Path
    user: User
    seen: datetime  # the last-seen time stored in the database
    fetched: float  # time.monotonic() of the look-up
    changes: tuple  # store.changes() before the look-up


_kept: dict[str, _Kept] = {}
_lock = threading.Lock()


def open_session(name: str, remote: str) -> str:
    """Start a session for a logged-in account; returns its id for the cookie."""
    sid = secrets.token_urlsafe(32)
    stamp = now().isoformat()
    with closing(connect()) as db:
        db.execute("insert into web_session values (?, ?, ?, ?, ?)", (sid, name, stamp, stamp, remote[:100]))
    return sid


def _from_cache(sid: str, idle: timedelta) -> User | None:
    """The kept user of a session when the look-up is fresh, nothing changed and no touch or timeout is due."""
    kept = _kept.get(sid)
    if kept is None or kept.database != settings.accounts_path():
        return None
    if time.monotonic() - kept.fetched > settings.session_cache_seconds() or kept.changes != store.changes():
        return None
    if now() - kept.seen > min(TOUCH_EVERY, idle):
        return None
    return kept.user


def _keep(sid: str, kept: _Kept) -> None:
    with _lock:
        _kept.pop(sid, None)
        _kept[sid] = kept
        while len(_kept) > MAX_KEPT:
            del _kept[next(iter(_kept))]


def _forget(sid: str) -> None:
    with _lock:
        _kept.pop(sid, None)


def session_user(sid: str | None, idle_minutes: int) -> User | None:
    """The enabled account of a live session, refreshing its last-seen time; None when unknown or idle too long."""
    if not sid:
        return None
    idle = timedelta(minutes=idle_minutes)
    if settings.session_cache_seconds() > 0:
        user = _from_cache(sid, idle)
        if user is not None:
            return user
    changes = store.changes()
    with closing(connect()) as db:
        row = db.execute(LOOKUP, (sid,)).fetchone()
        if row is None:
            _forget(sid)
            return None
        seen = datetime.fromisoformat(row[1])
        if now() - seen > idle:
            db.execute("delete from web_session where sid = ?", (sid,))
            _forget(sid)
            return None
        if now() - seen > TOUCH_EVERY:
            seen = now()
            db.execute("update web_session set seen_at = ? where sid = ?", (seen.isoformat(), sid))
    if row[2] is None or row[6] is not None:  # the account is gone or disabled
        _forget(sid)
        close_sessions(row[0])
        return None
    user = store.user_from_row((row[0], *row[2:]))
    if settings.session_cache_seconds() > 0:
        _keep(sid, _Kept(settings.accounts_path(), user, seen, time.monotonic(), changes))
    return user


def close_session(sid: str | None) -> None:
    """End one session (log-out)."""
    if sid:
        with closing(connect()) as db:
            db.execute("delete from web_session where sid = ?", (sid,))
        _forget(sid)
        store.changed()


def close_sessions(name: str) -> None:
    """End every session of an account (disabled, new password)."""
    with closing(connect()) as db:
        db.execute("delete from web_session where name = ?", (name,))
    store.changed()
