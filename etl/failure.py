""" "Could not publish": one exception, one Swedish explanation, one exit code for every writing command.

Exit codes of `python -m etl`: 0 done, 1 something was rejected or refused (nothing of it stored), 2 wrong usage,
3 could not publish (disk full, lock not had in time, the warehouse could not be written). On exit 3 the live
warehouse is the one from before the command, and no staging or partial file is left behind.
"""

import errno
import json
import sys

import duckdb

EXIT_REJECTED, EXIT_USAGE, EXIT_NOT_PUBLISHED = 1, 2, 3
NOTHING_PUBLISHED = "Inget publicerades; lagret är oförändrat."


class CouldNotPublish(RuntimeError):
    """A command stopped before publishing; `message` says why in Swedish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def explain(exc: BaseException) -> str:
    """A Swedish sentence for a failure while staging or publishing."""
    if isinstance(exc, CouldNotPublish):
        return exc.message
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or "No space left" in text:
        return f"Disken är full: lagret kunde inte skrivas. {NOTHING_PUBLISHED} Frigör utrymme och försök igen."
    if (isinstance(exc, OSError) and exc.errno == errno.EFBIG) or "File too large" in text:
        return f"Filen blev för stor för filsystemet: lagret kunde inte skrivas. {NOTHING_PUBLISHED}"
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"Lagret kunde inte skrivas: {exc.strerror or text}{where}. {NOTHING_PUBLISHED}"
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return f"Lagret kunde inte skrivas (DuckDB: {first}). {NOTHING_PUBLISHED}"


PUBLISH_ERRORS = (OSError, duckdb.Error, CouldNotPublish)  # CouldNotPublish includes etl.lock.LockTimeout


class Refused(ValueError):
    """A command declined to do what was asked (exit 1); `message` says why in Swedish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refused(message: str, as_json: bool) -> int:
    """Print why a command declined (JSON on stdout with --json, else on stderr) and return exit code 1."""
    if as_json:
        print(json.dumps({"status": "refused", "message": message}, ensure_ascii=False, indent=2))
    else:
        print(f"Fel: {message}", file=sys.stderr)
    return EXIT_REJECTED


def report(message: str, as_json: bool, **extra) -> int:
    """Print a could-not-publish message (JSON on stdout with --json, else on stderr) and return exit code 3."""
    if as_json:
        print(json.dumps({"status": "error", "message": message, **extra}, ensure_ascii=False, indent=2))
    else:
        print(f"Fel: {message}", file=sys.stderr)
    return EXIT_NOT_PUBLISHED
