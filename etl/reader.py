"""Reading untrusted workbooks in child processes: container checks, python-calamine, validation.

A parser crash (python-calamine aborts the process on an impossible allocation) or a memory blow-up must not take
the loader down. Each file is therefore read by a worker process with an address-space limit and a timeout; a
worker that dies or hangs is replaced and its file is rejected with a message. The workers are reused across
files, since starting a Python process costs more than reading a typical report.
"""

import contextlib
import os
import resource
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from etl.container import Container, Rejected, check_container, column_letter
from etl.model import Problem, Workbook
from etl.validate import Invalid, RawSheet, Reference, formula_error, validate

WORKERS = 2
QUEUE_DEPTH = 3  # tasks sent ahead to each worker
TIMEOUT_SECONDS = 60.0
UNREADABLE = "Filen kunde inte läsas"
PROJECT = Path(__file__).resolve().parent.parent
WORKER_MAIN = "import sys; from etl.reader import serve; serve(int(sys.argv[1]), int(sys.argv[2]))"


@dataclass(frozen=True)
class Task:
    """One file to read: where it is, the name to report and its content hash."""

    path: Path
    file_name: str
    sha256: str


@dataclass
class ReadResult:
    """The outcome of reading one file: a valid workbook, or the errors that reject it."""

    task: Task
    workbook: Workbook | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_sheets(path: Path, file_name: str) -> list[RawSheet]:
    """Check the container, then read every worksheet's cells with python-calamine."""
    from python_calamine import CalamineError

    container = check_container(path, file_name)
    try:
        return _calamine_sheets(path, container)
    except CalamineError:
        # python-calamine refuses some error values (a localised '#VÄRDEFEL!'); the container check found them.
        if not container.error_cells:
            raise
        raise Rejected(
            [
                Problem(file_name, formula_error(value), sheet, row, column_letter(column), value=value)
                for sheet, cells in container.error_cells.items()
                for (row, column), value in sorted(cells.items())
            ]
        ) from None


def _calamine_sheets(path: Path, container: Container) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    sheets = []
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            first_row, first_column = sheet.start if sheet.start else (0, 0)
            sheets.append(
                RawSheet(
                    meta.name,
                    sheet.to_python(),
                    first_row + 1,
                    first_column + 1,
                    container.error_cells.get(meta.name, {}),
                    meta.visible == SheetVisibleEnum.Visible,
                    container.percent_cells.get(meta.name, set()),
                )
            )
    finally:
        workbook.close()
    return sheets


def read_file(task: Task, reference: Reference) -> ReadResult:
    """Read and validate one file in this process (the worker calls this)."""
    try:
        sheets = read_sheets(task.path, task.file_name)
        return ReadResult(task, validate(sheets, task.file_name, task.sha256, reference))
    except Rejected as exc:
        return ReadResult(task, errors=exc.problems)
    except Invalid as exc:
        return ReadResult(task, errors=exc.errors, warnings=exc.warnings)
    except MemoryError:
        return ReadResult(task, errors=[_unreadable(task, "den kräver för mycket minne")])
    except Exception as exc:  # python-calamine raises its own types for damaged XML or zip contents
        return ReadResult(task, errors=[_unreadable(task, f"tekniskt fel: {type(exc).__name__}")])


def _unreadable(task: Task, why: str) -> Problem:
    return Problem(
        task.file_name,
        f"{UNREADABLE} ({why}). Öppna den i ditt kalkylprogram, spara som Excel-arbetsbok (.xlsx) och lämna in den "
        "igen.",
    )


def serve(task_fd: int, result_fd: int) -> None:
    """Worker process main loop: receive the reference data, then tasks, answer each with a ReadResult."""
    tasks, results = Connection(task_fd, writable=False), Connection(result_fd, readable=False)
    # A dying parser prints allocator backtraces; the rejection message already says what happened.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    reference, memory_bytes = tasks.recv()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    while (task := tasks.recv()) is not None:
        results.send(read_file(task, reference))


@dataclass
class _Slot:
    process: subprocess.Popen
    tasks: Connection
    results: Connection
    queued: deque = field(default_factory=deque)  # (index, task) sent and not yet answered, oldest first
    deadline: float = 0.0  # for the oldest queued task


class ParserPool:
    """A few worker processes that read files; a dead or hung worker is replaced and its file rejected.

    Workers are plain `python -c` processes rather than multiprocessing children, so they never re-import the
    caller's main module (pytest, gunicorn, a script) and inherit no DuckDB state or threads. Each worker gets a
    few tasks ahead so it never waits for the loader; it answers them in order, so when it dies, its oldest
    unanswered task is the file that killed it and the others are handed to a fresh worker.
    """

    def __init__(
        self, reference: Reference, memory_bytes: int, workers: int = WORKERS, timeout: float = TIMEOUT_SECONDS
    ):
        self.reference, self.memory_bytes, self.timeout = reference, memory_bytes, timeout
        self.slots = [self._start() for _ in range(workers)]

    def _start(self) -> _Slot:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER_MAIN, str(task_read), str(result_write)],
            pass_fds=(task_read, result_write),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(task_read)
        os.close(result_write)  # the worker holds the only write end: its death reads as end of file
        slot = _Slot(process, Connection(task_write, readable=False), Connection(result_read, writable=False))
        slot.tasks.send((self.reference, self.memory_bytes))
        return slot

    def _restart(self, n: int, pending: deque) -> None:
        """Replace worker n; tasks it had queued behind the failed one go back to the front of pending."""
        slot = self.slots[n]
        slot.process.kill()
        slot.process.wait()
        slot.tasks.close()
        slot.results.close()
        pending.extendleft(reversed(slot.queued))
        self.slots[n] = self._start()

    def read(self, tasks: list[Task]) -> list[ReadResult]:
        """Read every task; results in the order of tasks."""
        results: list[ReadResult | None] = [None] * len(tasks)
        pending = deque(enumerate(tasks))
        while pending or any(s.queued for s in self.slots):
            for n in range(len(self.slots)):
                self._fill(n, pending)
            busy = [s for s in self.slots if s.queued]
            wait([s.results for s in busy], max(0.0, min(s.deadline for s in busy) - time.monotonic()))
            for n, slot in enumerate(self.slots):
                if not slot.queued:
                    continue
                result, healthy = self._collect(slot)
                if result is None:
                    continue
                index, _ = slot.queued.popleft()
                results[index] = result
                slot.deadline = time.monotonic() + self.timeout
                if not healthy:
                    self._restart(n, pending)
        return results

    def _fill(self, n: int, pending: deque) -> None:
        slot = self.slots[n]
        while pending and len(slot.queued) < QUEUE_DEPTH:
            index, task = pending.popleft()
            try:
                slot.tasks.send(task)
            except OSError:
                if slot.queued:  # the worker died on an earlier task; _collect rejects that one and restarts
                    pending.appendleft((index, task))
                    return
                # It died while idle: queue the task anyway, so _collect sees the end of file and moves on
                # (rejecting this one file) instead of restarting workers in a loop.
            if not slot.queued:
                slot.deadline = time.monotonic() + self.timeout
            slot.queued.append((index, task))

    def _collect(self, slot: _Slot) -> tuple[ReadResult | None, bool]:
        """A result for the slot's oldest task if there is one, and whether its worker may be reused."""
        task = slot.queued[0][1]
        if slot.results.poll():
            try:
                return slot.results.recv(), True
            except (EOFError, OSError):
                return ReadResult(task, errors=[_unreadable(task, "läsaren avbröts")]), False
        if time.monotonic() >= slot.deadline:
            why = f"den tog mer än {self.timeout:g} s att läsa".replace(".", ",")
            return ReadResult(task, errors=[_unreadable(task, why)]), False
        return None, True

    def close(self) -> None:
        """Stop the workers."""
        for slot in self.slots:
            with contextlib.suppress(OSError):
                slot.tasks.send(None)
            try:
                slot.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                slot.process.kill()
                slot.process.wait()
            slot.tasks.close()
            slot.results.close()

    def __enter__(self) -> "ParserPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
