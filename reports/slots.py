"""At most STYRKEDJAN_REPORT_SLOTS reports are rendered at once on the whole server (all worker processes).

Rendering a report takes seconds of CPU. A request that finds every slot taken is refused at once (ReportBusy)
instead of waiting, so report requests can never tie up every web worker and starve the other pages.
"""

import fcntl
import os
from contextlib import contextmanager

from data import settings


class ReportBusy(RuntimeError):
    """Every report slot is in use right now."""

    message = "Servern skapar redan andra rapporter just nu. Försök igen om en stund."


@contextmanager
def report_slot():
    """Hold one of the server-wide report slots (a non-blocking lock file each) for the duration of the block."""
    folder = settings.report_archive_dir() / ".slots"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(settings.report_slots()):
        fd = os.open(folder / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    raise ReportBusy(ReportBusy.message)
