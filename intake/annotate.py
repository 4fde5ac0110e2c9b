"""The copy of a handed-in workbook with each located problem highlighted (red error, yellow warning) and commented.

openpyxl reads the untrusted file in a child process with the parser's memory limit and timeout
(`python -m intake.annotate SRC DST` reading the problems as JSON on stdin), so a hostile file costs the copy,
never the web worker. Only files that passed the container checks get this far.
"""

import json
import resource
import subprocess
import sys
from pathlib import Path

from data import settings
from etl.reader import PROJECT, TIMEOUT_SECONDS

ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"
AUTHOR = "Styrkedjan"


def run(source: Path, target: Path, problems: list[dict]) -> bool:
    """Write the annotated copy in a sandboxed child; whether it was written."""
    memory = settings.parser_memory_bytes()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "intake.annotate", str(source), str(target)],
            input=json.dumps(problems).encode(),
            cwd=PROJECT,
            preexec_fn=limit,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        target.unlink(missing_ok=True)
        return False
    return done.returncode == 0 and target.exists()


def annotate(source: Path, target: Path, problems: list[dict]) -> None:
    """Fill and comment every cell a problem names (the header cell when it names no row, A1 for a sheet)."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = load_workbook(source)
    notes: dict[tuple[str, str], list[dict]] = {}
    for problem in problems:
        if problem.get("sheet") not in book.sheetnames:
            continue
        cell = f"{problem.get('column') or 'A'}{problem.get('row') or 1}"
        notes.setdefault((problem["sheet"], cell), []).append(problem)
    for (sheet, cell), found in notes.items():
        target_cell = book[sheet][cell]
        error = any(p["kind"] == "error" for p in found)
        colour = ERROR_FILL if error else WARNING_FILL
        target_cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        text = "\n".join(("Fel: " if p["kind"] == "error" else "Varning: ") + p["message"] for p in found)
        target_cell.comment = Comment(text, AUTHOR, width=320, height=160)
    book.save(target)


if __name__ == "__main__":
    annotate(Path(sys.argv[1]), Path(sys.argv[2]), json.load(sys.stdin))
