"""One row of issue 16's table, as a benchmark script reports it: a `SUMMARY {json}` line on stdout.

A script calls `emit(...)` once per (measure, scale) it measured; bench/run.py reads those lines back from every
script it runs and prints them together as one table (`bench/run.py --table`). The ratio is value / baseline,
both measured in the same run; `goal` says in words what must hold and `met` whether it did.
"""

import json
import os

PREFIX = "SUMMARY "
FIELDS = ("measure", "scale", "value", "unit", "baseline", "baseline_name", "goal", "met")


def line(
    measure: str,
    scale: str,
    value: float,
    unit: str,
    baseline: float,
    baseline_name: str,
    goal: str,
    met: bool,
    load: float | None = None,
) -> str:
    """The SUMMARY line for one row; load is the 1-minute load average (now, if not given)."""
    row = dict(zip(FIELDS, (measure, scale, value, unit, baseline, baseline_name, goal, bool(met)), strict=True))
    row["load"] = round(os.getloadavg()[0] if load is None else load, 2)
    return PREFIX + json.dumps(row, ensure_ascii=False)


def emit(
    measure: str,
    scale: str,
    value: float,
    unit: str,
    baseline: float,
    baseline_name: str,
    goal: str,
    met: bool,
) -> None:
    """Print one row of the table for bench/run.py to collect (scale: "demo" or "national")."""
    print(line(measure, scale, value, unit, baseline, baseline_name, goal, met), flush=True)


def parse(text: str) -> dict | None:
    """The row of a SUMMARY line, or None for any other line (including a SUMMARY line that lacks a field)."""
    if not text.startswith(PREFIX):
        return None
    try:
        row = json.loads(text[len(PREFIX) :])
    except json.JSONDecodeError:
        return None
    if not isinstance(row, dict) or any(field not in row for field in FIELDS):
        return None
    return row


def ratio(row: dict) -> float | None:
    """value / baseline, or None when the baseline is zero."""
    return row["value"] / row["baseline"] if row["baseline"] else None


def number(value: float) -> str:
    """A figure with three significant digits, as the table shows it."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def table(rows: list[dict]) -> str:
    """The rows as a text table, one line per (measure, scale) in first-seen order; the last row of a key wins."""
    latest: dict[tuple[str, str], dict] = {}
    for row in rows:
        latest[(row["measure"], row["scale"])] = row
    header = ("measure", "scale", "value", "baseline", "ratio", "goal", "met", "load")
    lines = []
    for row in latest.values():
        share = ratio(row)
        lines.append(
            (
                row["measure"],
                row["scale"],
                f"{number(row['value'])} {row['unit']}",
                f"{number(row['baseline'])} {row['unit']} ({row['baseline_name']})",
                "-" if share is None else f"{share:.2f}x",
                row["goal"],
                "yes" if row["met"] else "NO",
                f"{row.get('load', 0):.1f}",
            )
        )
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    rule = "-+-".join("-" * width for width in widths)
    render = [" | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) for cells in lines]
    return "\n".join([" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), rule, *render])
