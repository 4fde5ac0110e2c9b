"""The demo warehouse: deterministic content that tells the intended stories, and xlsx files that load back."""

from datetime import date

import duckdb
from openpyxl import load_workbook

from etl.__main__ import main
from etl.demo import build
from etl.load import load_paths
from etl.warehouse import CURRENT_KEYS
from tests.fixtures import REPORT_SHEETS

FACT_TABLES = list(CURRENT_KEYS) + [f"current_{table}" for table in CURRENT_KEYS]


def rows(path, sql, params=None):
    """Plain tuples from a finished warehouse file."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def differences(left, right) -> dict[str, tuple[int, int]]:
    """Per fact table: rows only in left and rows only in right, ignoring which submission holds them."""
    out = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as a (read_only)")
        con.execute(f"attach '{right}' as b (read_only)")
        for table in FACT_TABLES:
            a = f"select * exclude (submission_id) from a.{table}"
            b = f"select * exclude (submission_id) from b.{table}"
            only_a = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
            only_b = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
            if only_a or only_b:
                out[table] = (only_a, only_b)
    return out


SUBMISSIONS = (
    "select municipality_code, committee_code, period, period_start, period_end, report_date, contact_role, "
    "row_count, superseded_by is not null from submission order by all"
)


def test_demo_command_builds_the_network_warehouse(tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    assert main(["demo", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert (
        "10 kommuner, 59 nämnder, 2\u00a0003 gällande rapporter (2\u00a0006 inlämnade, 3 ersatta), "
        "36\u00a0927 rader på " in out
    )
    assert rows(db, "select value from meta where key = 'demo'") == [("true",)]
    assert rows(db, "select inhabitants from municipality where municipality_code in ('2581', '2463') order by 1") == [
        (2_750,),
        (42_600,),
    ]
    assert rows(db, "select count(*) from submission where superseded_by is null") == [(2_003,)]
    # National comparison figures for the indicators' Kolada KPIs come with the demo, and the population KPI
    # N01951, which sets the inhabitants above (the same figures as the demo builder's).
    assert rows(db, "select list(distinct kpi order by kpi), count(*) from kolada") == [
        (["N00941", "N01951", "N15419", "N15505", "U21468"], 8_829)
    ]


def test_demo_tells_its_stories(tmp_path):
    db = tmp_path / "demo.duckdb"
    build(db)
    # Piteå's social committee overspends more every month in the autumn of 2025.
    assert rows(
        db,
        "select month, sum(forecast)::bigint, sum(annual_budget)::bigint from current_economy "
        "where municipality_code = '2581' and committee_code = 'SN' and month between '2025-08' and '2025-11' "
        "group by month order by month",
    ) == [
        ("2025-08", -884_110, -870_406),
        ("2025-09", -888_024, -870_406),
        ("2025-10", -891_005, -870_406),
        ("2025-11", -893_032, -870_406),
    ]
    # Sized to the municipality: Västerås' BUN about 3.3 billion kr a year, Åsele's about 90 million.
    assert rows(
        db,
        "select municipality_code, sum(annual_budget)::bigint from current_economy "
        "where committee_code = 'BUN' and month = '2025-01' and municipality_code in ('1980', '2463') "
        "group by 1 order by 1",
    ) == [("1980", -3_341_005), ("2463", -88_139)]
    assert rows(
        db,
        "select municipality_code, committee_code from committee c where not exists (select 1 from submission s "
        "where s.municipality_code = c.municipality_code and s.committee_code = c.committee_code "
        "and s.period = '2026-10') order by all",
    ) == [("0680", "SBN"), ("1980", "BN"), ("2463", "MBN")]
    assert rows(
        db,
        "select municipality_code, committee_code, period, file_name from submission "
        "where superseded_by is not null order by all",
    ) == [
        ("0182", "UTN", "2026-03", "0182_UTN_2026-03.xlsx"),
        ("1441", "KS", "2026-08", "1441_KS_2026-08.xlsx"),
        ("2581", "SN", "2025-09", "2581_SN_2025-09.xlsx"),
    ]
    assert rows(
        db,
        "select distinct s.period from submission s where s.municipality_code = '0884' and s.period like '2025-%' "
        "and not exists (select 1 from suggestion g where g.submission_id = s.submission_id) order by 1",
    ) == [("2025-06",), ("2025-07",), ("2025-09",)]
    assert (
        rows(
            db,
            "select count(distinct p.municipality_code) from project p join submission s using (submission_id) "
            "where s.period = '2026-10' group by p.municipality_code having count(distinct phase) = 4",
        )
        == [(1,)] * 10
    )
    # Project bank in the last month: a closed project without final report and one in execution without BP2 in
    # every municipality; some over budget, some with stale status reports, some slipping, some EU funded.
    assert rows(
        db,
        "select count(distinct p.municipality_code) filter (final_report = 'no' and decision_point = 'BP4'), "
        "count(distinct p.municipality_code) filter (phase = 'execution' and decision_point = 'BP1'), "
        "count(*) filter (cost_to_date > budget), count(*) filter (last_status_report < date '2026-09-01'), "
        "count(*) filter (forecast_end > planned_end), count(*) filter (funder in ('EU Regionalfonden', 'ESF+')) "
        "from project p join submission s using (submission_id) where s.period = '2026-10'",
    ) == [(10, 10, 15, 15, 28, 34)]
    assert rows(
        db,
        "select body, count(*) from meeting where municipality_code = '2581' and year(meeting_date) = 2025 "
        "group by body order by body",
    ) == [("KF", 9), ("KS", 11)]
    assert rows(
        db,
        "select municipality_code, sum(employees)::int from current_employee where month = '2025-10' "
        "group by 1 order by 1",
    ) == [
        ("0163", 3_571),
        ("0182", 5_085),
        ("0583", 3_474),
        ("0680", 11_179),
        ("0884", 1_424),
        ("1441", 3_056),
        ("1980", 11_197),
        ("2280", 2_037),
        ("2463", 357),
        ("2581", 3_661),
    ]
    assert rows(db, "select distinct definition from employee") == [("Månadsavlönade den 1:a i månaden",)]
    assert rows(db, "select distinct right(period, 2) from goal order by 1") == [("04",), ("08",), ("12",)]


def test_demo_is_deterministic(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build(first, first_month="2025-11", last_month="2026-01")
    build(second, first_month="2025-11", last_month="2026-01")
    assert differences(first, second) == {}
    assert rows(first, "select sha256 from submission order by 1") == rows(
        second, "select sha256 from submission order by 1"
    )


def test_demo_xlsx_loads_back_to_the_same_facts(tmp_path):
    direct, loaded, folder = tmp_path / "direct.duckdb", tmp_path / "loaded.duckdb", tmp_path / "xlsx"
    counts = build(direct, first_month="2026-01", last_month="2026-04", xlsx_dir=folder)
    assert counts["files"] == 234
    assert len(list(folder.glob("*.xlsx"))) == 234
    report = load_paths([folder], loaded, archive_dir=tmp_path / "archive")
    assert {f.status for f in report.files} == {"loaded"}
    assert differences(direct, loaded) == {}
    assert rows(direct, SUBMISSIONS) == rows(loaded, SUBMISSIONS)
    # The tertial month carries goals and indicators, January the meeting plan: every sheet kind was compared.
    assert rows(loaded, "select count(*) from goal") == [(167,)]
    assert rows(loaded, "select count(*) from meeting") == [(205,)]


def test_demo_files_load_without_plausibility_warnings(tmp_path):
    # April 2024 is a tertial month early in the demo: the budget deviation indicator is negative for 11 committees,
    # which the 0–100 rule for the unit % used to warn about in 52 demo files. Its unit is "% av budget" now.
    folder = tmp_path / "xlsx"
    build(tmp_path / "direct.duckdb", first_month="2024-04", last_month="2024-04", xlsx_dir=folder)
    loaded = tmp_path / "loaded.duckdb"
    report = load_paths([folder], loaded, archive_dir=tmp_path / "archive")
    assert (len(report.files), [p.message for f in report.files for p in f.warnings]) == (56, [])
    negative = "select unit, count(*) from indicator where outcome < 0 group by unit"
    assert rows(loaded, negative) == [("% av budget", 11)]
    share = "select min(outcome), max(outcome), count(*) from indicator where unit = '%'"
    assert rows(loaded, share) == [(6.8, 95.1, 130)]


def test_demo_workbook_reads_like_a_filled_in_template(tmp_path):
    folder = tmp_path / "xlsx"
    build(tmp_path / "demo.duckdb", first_month="2025-04", last_month="2025-04", xlsx_dir=folder)
    book = load_workbook(folder / "2581_SN_2025-04.xlsx")
    assert book.sheetnames == REPORT_SHEETS
    about = book["Om rapporten"]
    assert [[c.value for c in row] for row in about.iter_rows()] == [
        ["Kommunkod", "2581"],
        ["Kommun", "Piteå"],
        ["Nämnd", "Socialnämnden"],
        ["Period", "2025-04"],
        ["Kontaktroll", about["B5"].value],
        ["Rapportdatum", about["B6"].value],
    ]
    assert about["B5"].value in ("Controller", "Ekonom", "Nämndsekreterare")
    assert date(2025, 5, 5) <= about["B6"].value.date() <= date(2025, 5, 12)
    economy = book["Ekonomi"]
    assert [c.value for c in economy[1]] == ["Månad", "Verksamhet", "Årsbudget", "Budget", "Utfall", "Helårsprognos"]
    assert economy.freeze_panes == "A2"
    assert economy["C2"].number_format == "#,##0"
    assert economy["C2"].value < 0
    indicators = book["Indikatorer"]
    assert indicators["E2"].value == "Lägre är bättre"
    assert indicators["H2"].value == "2025-T1"
    assignments = book["Uppdrag"]
    assert {row[5] for row in assignments.iter_rows(min_row=2, values_only=True)} == {"Socialnämnden"}
    assert assignments["D2"].number_format == "yyyy-mm-dd"


def test_demo_scales_to_more_municipalities(tmp_path):
    db = tmp_path / "scaled.duckdb"
    counts = build(db, municipalities=12, first_month="2026-09", last_month="2026-10")
    assert (counts["municipalities"], counts["committees"], counts["workbooks"]) == (12, 71, 139)
    assert rows(
        db,
        "select c.municipality_code, m.name, list(c.committee_code order by c.committee_code) from committee c "
        "join municipality m using (municipality_code) where c.municipality_code in ('0114', '0115') group by all "
        "order by 1",
    ) == [
        ("0114", "Upplands Väsby", ["BUN", "KFN", "KS", "MBN", "SN", "TN"]),
        ("0115", "Vallentuna", ["BUN", "KFN", "KS", "MBN", "SN", "TN"]),
    ]
    assert rows(db, "select count(*) from municipality where inhabitants is not null") == [(12,)]
    assert rows(db, "select count(distinct municipality_code) from current_economy") == [(12,)]


def test_demo_command_refuses_bad_arguments(tmp_path, capsys):
    db = tmp_path / "demo.duckdb"
    assert main(["demo", "--db", str(db), "--scale", "291"]) == 2
    assert main(["demo", "--db", str(db), "--scale", "12", "--xlsx", str(tmp_path / "x")]) == 2
    assert main(["demo", "--db", str(db), "--first-month", "2025"]) == 2
    assert main(["demo", "--db", str(db), "--first-month", "2026-11"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--kommuner måste vara mellan 1 och 290.",
        "--xlsx går bara med nätverkets tio kommuner: de andra nämnderna finns inte i nämndlistan.",
        "Månader skrivs ÅÅÅÅ-MM, till exempel 2024-01, och första månaden kommer före den sista.",
        "Månader skrivs ÅÅÅÅ-MM, till exempel 2024-01, och första månaden kommer före den sista.",
    ]
    assert list(tmp_path.iterdir()) == []
