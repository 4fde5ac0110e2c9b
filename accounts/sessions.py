"""Server-side log-in sessions: the cookie holds only a random id, so log-out, idle timeout and disabling an
account end a session for good (a copied cookie is worthless afterwards)."""

import secrets
from contextlib import closing
from datetime import datetime, timedelta

from accounts.store import User, connect, get, now

TOUCH_EVERY = timedelta(seconds=30)  # write the last-seen time at most this often


def open_session(name: str, remote: str) -> str:
    """Start a session for a logged-in account; returns its id for the cookie."""
    sid = secrets.token_urlsafe(32)
    stamp = now().isoformat()
    with closing(connect()) as db:
        db.execute("insert into web_session values (?, ?, ?, ?, ?)", (sid, name, stamp, stamp, remote[:100]))
    return sid


def session_user(sid: str | None, idle_minutes: int) -> User | None:
    """The enabled account of a live session, refreshing its last-seen time; None when unknown or idle too long."""
    if not sid:
        return None
    with closing(connect()) as db:
        row = db.execute("select name, seen_at from web_session where sid = ?", (sid,)).fetchone()
        if row is None:
            return None
        seen = datetime.fromisoformat(row[1])
        if now() - seen > timedelta(minutes=idle_minutes):
            db.execute("delete from web_session where sid = ?", (sid,))
            return None
        if now() - seen > TOUCH_EVERY:
            db.execute("update web_session set seen_at = ? where sid = ?", (now().isoformat(), sid))
    user = get(row[0])
    if user is None or user.disabled:
        close_sessions(row[0])
        return None
    return user


def close_session(sid: str | None) -> None:
    """End one session (log-out)."""
    if sid:
        with closing(connect()) as db:
            db.execute("delete from web_session where sid = ?", (sid,))


def close_sessions(name: str) -> None:
    """End every session of an account (disabled, new password)."""
    with closing(connect()) as db:
        db.execute("delete from web_session where name = ?", (name,))
