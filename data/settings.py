"""Settings: a few environment variables with defaults, read in this one place."""

import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path) -> Path:
    return _resolved(os.environ.get(name, str(default)), os.getcwd())


@lru_cache(maxsize=64)
def _resolved(text: str, cwd: str) -> Path:
    # resolve() costs a syscall per path part; the session check reads accounts_path() on every request.
    return Path(cwd, text).resolve()


def db_path() -> Path:
    """The published warehouse file that the app reads."""
    return _path("STYRKEDJAN_DB", ROOT / "data" / "warehouse.duckdb")


def archive_dir() -> Path:
    """Where raw submitted workbooks are archived by content hash."""
    return _path("STYRKEDJAN_ARCHIVE", ROOT / "data" / "archive")


def upload_dir() -> Path:
    """Where files handed in on /lamna-in wait for their preview and publishing (STYRKEDJAN_UPLOADS)."""
    return _path("STYRKEDJAN_UPLOADS", ROOT / "data" / "uploads")


def report_archive_dir() -> Path:
    """Where generated reports are archived as handed out."""
    return _path("STYRKEDJAN_REPORTS", ROOT / "data" / "reports")


def public_url() -> str:
    """The dashboard's address as readers reach it, for links printed in reports (STYRKEDJAN_PUBLIC_URL)."""
    return os.environ.get("STYRKEDJAN_PUBLIC_URL", "http://127.0.0.1:8050").rstrip("/")


def max_upload_bytes() -> int:
    """Largest workbook the loader accepts (STYRKEDJAN_MAX_UPLOAD_MB, default 25)."""
    return int(float(os.environ.get("STYRKEDJAN_MAX_UPLOAD_MB", "25")) * 1024 * 1024)


def parser_memory_bytes() -> int:
    """Address-space limit of the child process that parses an untrusted workbook."""
    return int(float(os.environ.get("STYRKEDJAN_PARSER_MEMORY_MB", "2048")) * 1024 * 1024)


def duckdb_memory_mb() -> int:
    """Memory limit of each web worker's DuckDB (STYRKEDJAN_DUCKDB_MEMORY_MB, default 128)."""
    return int(os.environ.get("STYRKEDJAN_DUCKDB_MEMORY_MB", "128"))


def duckdb_threads() -> int:
    """Threads of each web worker's DuckDB (STYRKEDJAN_DUCKDB_THREADS, default 1: the workers are the parallelism)."""
    return int(os.environ.get("STYRKEDJAN_DUCKDB_THREADS", "1"))


def status_report_max_days() -> int:
    """Days without a project status report before the project is flagged (default 60)."""
    return int(os.environ.get("STYRKEDJAN_STATUS_REPORT_DAYS", "60"))


def contact() -> str:
    """Where users report accessibility and other problems (STYRKEDJAN_CONTACT), shown on /tillganglighet."""
    return os.environ.get("STYRKEDJAN_CONTACT", "kommunens kontaktcenter")


def accounts_path() -> Path:
    """The SQLite database of accounts, roles, the session secret and the audit log."""
    return _path("STYRKEDJAN_ACCOUNTS", ROOT / "data" / "accounts.sqlite")


def secret_key() -> str | None:
    """The session-signing secret (STYRKEDJAN_SECRET_KEY); None = generated once into the accounts database."""
    return os.environ.get("STYRKEDJAN_SECRET_KEY") or None


def session_idle_minutes() -> int:
    """Minutes without a request before a log-in expires (STYRKEDJAN_SESSION_IDLE_MINUTES, default 30)."""
    return int(os.environ.get("STYRKEDJAN_SESSION_IDLE_MINUTES", "30"))


def session_cache_seconds() -> float:
    """Seconds a web worker reuses a session look-up (STYRKEDJAN_SESSION_CACHE_SECONDS, default 5; 0 = never)."""
    return float(os.environ.get("STYRKEDJAN_SESSION_CACHE_SECONDS", "5"))


def proxy_hops() -> int:
    """Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted (default 0 = none)."""
    return int(os.environ.get("STYRKEDJAN_PROXY_HOPS", "0"))


def max_request_bytes() -> int:
    """Largest request body the web server accepts (STYRKEDJAN_MAX_REQUEST_MB, default 2; uploads excepted)."""
    return int(float(os.environ.get("STYRKEDJAN_MAX_REQUEST_MB", "2")) * 1024 * 1024)


def report_slots() -> int:
    """How many reports (PDF/Word) the whole server renders at once (STYRKEDJAN_REPORT_SLOTS, default 1)."""
    return max(1, int(os.environ.get("STYRKEDJAN_REPORT_SLOTS", "1")))


def oidc() -> dict[str, str] | None:
    """Single sign-on settings when STYRKEDJAN_OIDC_ISSUER is set, else None (log-in with local accounts only)."""
    issuer = os.environ.get("STYRKEDJAN_OIDC_ISSUER")
    if not issuer:
        return None
    return {
        "issuer": issuer.rstrip("/"),
        "client_id": os.environ.get("STYRKEDJAN_OIDC_CLIENT_ID", ""),
        "client_secret": os.environ.get("STYRKEDJAN_OIDC_CLIENT_SECRET", ""),
        "claim": os.environ.get("STYRKEDJAN_OIDC_ROLE_CLAIM", "roles"),
        "role_map": os.environ.get("STYRKEDJAN_OIDC_ROLE_MAP", ""),
        "scope": os.environ.get("STYRKEDJAN_OIDC_SCOPE", "openid profile email"),
        "name": os.environ.get("STYRKEDJAN_OIDC_NAME", "kommunens inloggning"),
    }
