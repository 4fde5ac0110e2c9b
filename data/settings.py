"""Settings: a few environment variables with defaults, read in this one place."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, str(default))).resolve()


def db_path() -> Path:
    """The published warehouse file that the app reads."""
    return _path("STYRKEDJAN_DB", ROOT / "data" / "warehouse.duckdb")


def archive_dir() -> Path:
    """Where raw submitted workbooks are archived by content hash."""
    return _path("STYRKEDJAN_ARCHIVE", ROOT / "data" / "archive")


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


def status_report_max_days() -> int:
    """Days without a project status report before the project is flagged (default 60)."""
    return int(os.environ.get("STYRKEDJAN_STATUS_REPORT_DAYS", "60"))


def contact() -> str:
    """Where users report accessibility and other problems (STYRKEDJAN_CONTACT), shown on /tillganglighet."""
    return os.environ.get("STYRKEDJAN_CONTACT", "kommunens kontaktcenter")
