"""The admin pages' pure builders: audit log rows, columns and paging text."""

from accounts.audit import Entry
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
