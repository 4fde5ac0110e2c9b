"""The admin pages' pure builders: audit log rows, columns and paging text; the account list."""

from accounts.audit import Entry
from accounts.store import ROLE_LABELS, User
from data.formatting import number
from ui.components import text_column


def audit_columns() -> list[dict]:
    """Columns of the audit log table."""
    return [
        text_column("at", "Tid (UTC)", 190),
        text_column("who", "Vem", 170),
        text_column("label", "Handling", 190),
        text_column("target", "Vad", wrap=True),
        text_column("detail", "Detaljer", wrap=True),
        text_column("remote", "Varifrån", 140),
    ]


def audit_rows(entries: list[Entry]) -> list[dict]:
    """One table row per log line; the time as 2025-03-31 14:05:09."""
    return [
        {
            "at": e.at.strftime("%Y-%m-%d %H:%M:%S"),
            "who": e.who,
            "label": e.label,
            "target": e.target,
            "detail": e.detail,
            "remote": e.remote,
        }
        for e in entries
    ]


def paging_text(page: int, size: int, shown: int, total: int) -> str:
    """'Rad 51–100 av 1 234' (or that nothing matched)."""
    if not total:
        return "Inga rader matchar urvalet."
    first = page * size + 1
    return f"Rad {number(first)}–{number(first + shown - 1)} av {number(total)}"


SOURCE_LABELS = {"local": "Lösenord", "sso": "Kommunens inloggning", "demo": "Demokonto"}


def account_columns() -> list[dict]:
    """Columns of the account list."""
    return [
        text_column("name", "Användarnamn", 190),
        text_column("role", "Roll", 140),
        text_column("municipalities", "Kommuner", 170, wrap=True),
        text_column("committees", "Nämnder", 170, wrap=True),
        text_column("source", "Inloggning", 190),
        text_column("state", "Läge", 120),
    ]


def account_rows(users: list[User]) -> list[dict]:
    """One row per account: role and sign-in in Swedish, 'alla' for an account that sees every municipality."""
    return [
        {
            "name": u.name,
            "role": ROLE_LABELS[u.role],
            "municipalities": ", ".join(u.municipalities) or "alla",
            "committees": ", ".join(u.committees) or "–",
            "source": SOURCE_LABELS.get(u.source, u.source),
            "state": "Avstängt" if u.disabled else "Aktivt",
        }
        for u in users
    ]
