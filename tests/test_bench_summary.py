"""bench/summary.py and bench/run.py: a SUMMARY line survives the trip from a script's stdout into the table."""

import sys

from bench import run, summary


def test_a_line_parses_back_to_its_row():
    text = summary.line("publicering", "national", 0.6, "s", 0.4, "1 kommun", "≤ 0,5 s", False, load=1.234)
    assert text.startswith("SUMMARY {")
    assert summary.parse(text) == {
        "measure": "publicering",
        "scale": "national",
        "value": 0.6,
        "unit": "s",
        "baseline": 0.4,
        "baseline_name": "1 kommun",
        "goal": "≤ 0,5 s",
        "met": False,
        "load": 1.23,
    }


def test_other_lines_and_broken_summary_lines_are_not_rows():
    assert summary.parse("kall sida: 0.97 MB") is None
    assert summary.parse("SUMMARY {not json") is None
    assert summary.parse('SUMMARY {"measure": "x", "scale": "demo"}') is None
    assert summary.parse('  SUMMARY {"measure": "x"}') is None


def test_the_table_has_one_line_per_measure_and_scale_with_ratio_and_verdict():
    rows = [
        summary.parse(summary.line("serve", "demo", 225.0, "req/s", 240.0, "statisk fil", "≥ 10 %", True, load=1.5)),
        summary.parse(summary.line("serve", "national", 30.0, "req/s", 0.0, "statisk fil", "≥ 10 %", False, load=2)),
        summary.parse(summary.line("serve", "demo", 250.0, "req/s", 200.0, "statisk fil", "≥ 10 %", True, load=0.5)),
    ]
    lines = summary.table(rows).splitlines()
    assert len(lines) == 4
    assert lines[0].split(" | ")[0].strip() == "measure"
    assert [cell.strip() for cell in lines[2].split(" | ")] == [
        "serve",
        "demo",
        "250 req/s",
        "200 req/s (statisk fil)",
        "1.25x",
        "≥ 10 %",
        "yes",
        "0.5",
    ]
    assert [cell.strip() for cell in lines[3].split(" | ")][4:7] == ["-", "≥ 10 %", "NO"]


def test_run_collects_the_rows_a_child_prints_and_its_exit_code(capsys):
    row = summary.line("kall sida", "demo", 1.2, "MB", 0.01, "inloggning", "≤ 2,5 MB", True, load=0.25)
    code, rows = run.collect([sys.executable, "-c", f"print('före'); print({row!r}); raise SystemExit(3)"])
    assert code == 3
    assert [(r["measure"], r["value"], r["met"]) for r in rows] == [("kall sida", 1.2, True)]
    assert capsys.readouterr().out == f"före\n{row}\n"


def test_with_national_a_script_with_that_option_runs_twice(tmp_path):
    both = tmp_path / "both.py"
    both.write_text('parser.add_argument("--national", action="store_true")\n')
    one = tmp_path / "one.py"
    one.write_text("print('demo och nationell i samma körning')\n")
    assert [c[1:] for c in run.commands([both, one], national=True)] == [
        [str(both)],
        [str(both), "--national"],
        [str(one)],
    ]
    assert [c[1:] for c in run.commands([both, one], national=False)] == [[str(both)], [str(one)]]


def test_cold_page_reports_the_worst_pages_medians_as_two_rows(capsys):
    from bench import cold_page

    def loads(*pairs):
        return [{"bytes": b, "seconds": s, "errors": []} for b, s in pairs]

    cold_page.report(
        {
            "/login": loads((40_000, 0.2), (42_000, 0.3), (41_000, 0.1)),
            "/": loads((900_000, 1.4), (910_000, 0.9), (905_000, 1.0)),
            "/mal": loads((1_000_000, 0.5), (1_200_000, 0.6), (1_100_000, 0.7)),
        },
        national=True,
        runs=3,
    )
    rows = [summary.parse(text) for text in capsys.readouterr().out.splitlines() if text.startswith("SUMMARY")]
    assert [(r["measure"], r["scale"], r["value"], r["unit"], r["baseline"], r["goal"], r["met"]) for r in rows] == [
        ("cold page bytes", "national", 1.1, "MB", 0.041, "≤ 2,5 MB compressed (worst page: /mal)", True),
        ("cold page time to settled", "national", 1.0, "s", 0.2, "≤ 1,5 s (worst page: /)", True),
    ]
