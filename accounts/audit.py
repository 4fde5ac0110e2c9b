"""The audit log: who did what, when and from where (log-ins, exports, report downloads, uploads, account changes).

`record(action, target, detail)` is the one way to write a line. In a request it takes the logged-in user and the
client address from Flask; on the command line the operating-system user and "lokal".
"""

import getpass
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from accounts.store import connect, now

ACTIONS = {
    "login_ok": "Inloggning",
    "login_failed": "Misslyckad inloggning",
    "logout": "Utloggning",
    "forbidden": "Nekad åtkomst",
    "export": "Export",
    "report": "Rapport hämtad",
    "upload": "Uppladdning",
    "publish": "Publicerad rapport",
    "withdraw": "Tillbakadragen rapport",
    "account_add": "Konto skapat",
    "account_disable": "Konto avstängt",
    "account_password": "Lösenord bytt",
}
PAGE_SIZE = 50


@dataclass(frozen=True)
class Entry:
    """One line of the audit log."""

    id: int
    at: datetime
    who: str
    action: str
    target: str
    detail: str
    remote: str

    @property
    def label(self) -> str:
        """The action in Swedish."""
        return ACTIONS.get(self.action, self.action)


def _origin() -> tuple[str, str]:
    """(who, from where) for the current request, or the command line's user."""
    try:
        from flask import g, has_request_context, request
    except ImportError:  # pragma: no cover - flask is a dependency of dash
        has_request_context = lambda: False  # noqa: E731
    if has_request_context():
        user = getattr(g, "user", None)
        return (user.name if user else "(ej inloggad)", request.remote_addr or "")
    return (f"cli:{getpass.getuser()}", "lokal")


def record(action: str, target: str = "", detail: str = "", who: str | None = None, remote: str | None = None) -> None:
    """Append one line to the audit log; action is a key of ACTIONS (who and remote for work done off a request)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    origin_who, origin_remote = _origin()
    remote = origin_remote if remote is None else remote
    with closing(connect()) as db:
        db.execute(
            "insert into audit (at, who, action, target, detail, remote) values (?, ?, ?, ?, ?, ?)",
            (now().isoformat(), (who or origin_who)[:200], action, target[:500], detail[:2000], remote[:100]),
        )


def entries(
    who: str | None = None, action: str | None = None, text: str | None = None, page: int = 0, size: int = PAGE_SIZE
) -> tuple[list[Entry], int]:
    """One page of log lines, newest first, filtered by account, action and free text; and the total count."""
    where, params = [], []
    if who:
        where.append("who = ?")
        params.append(who)
    if action:
        where.append("action = ?")
        params.append(action)
    if text:
        where.append("(target like ? or detail like ? or remote like ?)")
        params += [f"%{text}%"] * 3
    clause = " where " + " and ".join(where) if where else ""
    with closing(connect()) as db:
        total = db.execute(f"select count(*) from audit{clause}", params).fetchone()[0]
        rows = db.execute(
            f"select id, at, who, action, target, detail, remote from audit{clause} order by id desc limit ? offset ?",
            [*params, size, max(0, page) * size],
        ).fetchall()
    return [Entry(r[0], datetime.fromisoformat(r[1]), *r[2:]) for r in rows], total


def accounts_in_log() -> list[str]:
    """Every name that appears in the log, for the admin page's filter."""
    with closing(connect()) as db:
        return [r[0] for r in db.execute("select distinct who from audit order by who")]
