"""`python -m etl kolada FILE`: Kolada's API JSON and plain CSV in, clear Swedish reports for bad files."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.__main__ import main
from tests.network_fixture import build_network

FILES = Path(__file__).parent / "files"


@pytest.fixture
def db(tmp_path):
    return build_network(tmp_path / "lager.duckdb")


def kolada_rows(db: Path, where: str = "true") -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            f"select kpi, municipality_code, period, gender, value, source_file from kolada where {where} "
            "order by kpi, municipality_code, period, gender"
        ).fetchall()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_from_the_api_is_imported(db, capsys):
    assert main(["kolada", str(FILES / "kolada_sample.json"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "Importerade 930 värden från kolada_sample.json: 4 nyckeltal (N00941, N15419, N15505, U21468), "
        f"30 kommuner och riket, år 2023–2025 (Koladas API v2, nyckeltalsvärden). Lagret {db} är uppdaterat.\n"
    )
    assert len(kolada_rows(db)) == 930
    assert kolada_rows(db, "municipality_code = '2581' and period = '2024' and kpi = 'N15419'") == [
        ("N15419", "2581", "2024", "K", 76.8, "kolada_sample.json"),
        ("N15419", "2581", "2024", "M", 70.8, "kolada_sample.json"),
        ("N15419", "2581", "2024", "T", 73.7, "kolada_sample.json"),
    ]
    missing = kolada_rows(db, "municipality_code = '2463' and period = '2023' and kpi = 'N15419' and gender = 'K'")
    assert missing == [("N15419", "2463", "2023", "K", None, "kolada_sample.json")]


def test_population_kpi_sets_inhabitants_from_the_latest_year(db, capsys):
    demo = Path(__file__).parent.parent / "etl" / "reference" / "kolada_demo.json"
    with duckdb.connect(str(db)) as con:
        con.execute("update municipality set inhabitants = 1 where municipality_code in ('2581', '0114')")
    assert main(["kolada", str(demo), "--db", str(db)]) == 0
    assert "Invånarantalet (N01951) är satt för 10 kommuner. " in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        inhabitants = con.execute(
            "select municipality_code, inhabitants from municipality "
            "where municipality_code in ('0000', '0114', '0884', '2463', '2581') order by 1"
        ).fetchall()
    # 0114 has no N01951 value and keeps its own; 0000 (riket) is no municipality.
    assert inhabitants == [("0114", 1), ("0884", 15_700), ("2463", 2_750), ("2581", 42_600)]


def test_reimport_replaces_instead_of_duplicating(db, tmp_path):
    assert main(["kolada", str(FILES / "kolada_sample.json"), "--db", str(db)]) == 0
    newer = write(
        tmp_path,
        "ny.json",
        json.dumps(
            {
                "values": [
                    {"kpi": "N15419", "municipality": "2581", "period": 2024, "values": [{"gender": "T", "value": 90}]}
                ]
            }
        ),
    )
    assert main(["kolada", str(newer), "--db", str(db)]) == 0
    assert len(kolada_rows(db)) == 930
    assert kolada_rows(db, "municipality_code = '2581' and period = '2024' and kpi = 'N15419' and gender = 'T'") == [
        ("N15419", "2581", "2024", "T", 90.0, "ny.json")
    ]


def test_csv_with_semicolons_and_decimal_comma(db, capsys):
    assert main(["kolada", str(FILES / "kolada_sample.csv"), "--db", str(db)]) == 0
    assert kolada_rows(db) == [
        ("N15419", "0000", "2024", "T", 73.4, "kolada_sample.csv"),
        ("N15419", "0583", "2024", "T", 70.1, "kolada_sample.csv"),
        ("N15419", "0884", "2024", "T", 76.5, "kolada_sample.csv"),
        ("N15419", "1980", "2024", "T", None, "kolada_sample.csv"),
        ("N15419", "2581", "2024", "K", 84.0, "kolada_sample.csv"),
        ("N15419", "2581", "2024", "M", 78.5, "kolada_sample.csv"),
        ("N15419", "2581", "2024", "T", 81.2, "kolada_sample.csv"),
    ]


def test_bad_json_lists_every_error_and_imports_nothing(db, tmp_path, capsys):
    before = db.read_bytes()
    bad = {
        "values": [
            {"kpi": "N15419", "municipality": "2581", "period": 2024, "values": [{"gender": "T", "value": 81.2}]},
            {"kpi": "n154", "municipality": 884, "period": "2024", "values": [{"gender": "X", "value": "hög"}]},
            {"kpi": "N15419", "municipality": "9999", "period": 24, "values": []},
            {"kpi": "N15419", "municipality": "2581", "period": 2024, "values": [{"gender": "t", "value": 1}]},
        ]
    }
    path = write(tmp_path, "fel.json", json.dumps(bad))
    assert main(["kolada", str(path), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Kolada-filen fel.json lästes inte in (6 fel). Inget har importerats.",
        "  fel.json: element 2 i values, värde 1, fält kpi: "
        "KPI-id ska vara en stor bokstav och fem siffror, t.ex. N15419. (värde: 'n154')",
        "  fel.json: element 2 i values, värde 1, fält municipality: "
        "Kommunkoden ska vara fyra siffror skrivna som text, t.ex. \"0884\" (inledande nolla behålls). (värde: '884')",
        "  fel.json: element 2 i values, värde 1, fält gender: Kön ska vara T (totalt), K (kvinnor) eller M (män). "
        "(värde: 'X')",
        "  fel.json: element 2 i values, värde 1, fält value: Värdet ska vara ett tal (eller tomt när värde saknas). "
        "(värde: 'hög')",
        '  fel.json: element 3 i values, fält values: Elementet saknar listan "values" med värden per kön.',
        "  fel.json: element 4 i values, värde 1: Samma KPI, kommun, år och kön finns redan i "
        "element 1 i values, värde 1.",
    ]
    assert db.read_bytes() == before
    assert kolada_rows(db) == []


def test_bad_csv_reports_rows_and_json_output(db, tmp_path, capsys):
    path = write(
        tmp_path, "fel.csv", "kpi,municipality,period,gender,value\nN15419,2581,2024,T,81.2\nN15419,0884,år,T,1\n"
    )
    assert main(["kolada", str(path), "--db", str(db), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "rejected"
    assert result["values"] == 0
    assert result["problems"] == [
        {
            "file": "fel.csv",
            "sheet": "rad 3",
            "row": 3,
            "column": None,
            "header": "period",
            "value": "år",
            "message": "Perioden ska vara ett år med fyra siffror, t.ex. 2024.",
        }
    ]
    assert kolada_rows(db) == []


def test_csv_missing_columns(db, tmp_path, capsys):
    path = write(tmp_path, "kolumner.csv", "kpi;kommun;år\nN15419;2581;2024\n")
    assert main(["kolada", str(path), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  kolumner.csv: rad 1, fält gender: Kolumnen gender saknas i rubrikraden. (värde: 'kpi;kommun;år')",
        "  kolumner.csv: rad 1, fält value: Kolumnen value saknas i rubrikraden. (värde: 'kpi;kommun;år')",
    ]


def test_broken_json_and_wrong_shape(db, tmp_path, capsys):
    broken = write(tmp_path, "trasig.json", '{"values": [\n  {"kpi": "N15419",\n}')
    assert main(["kolada", str(broken), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        "  trasig.json: filen: Filen är inte giltig JSON: felet sitter på rad 3, tecken 1."
    )
    shape = write(tmp_path, "lista.json", "[1, 2]")
    assert main(["kolada", str(shape), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == (
        '  lista.json: filen: JSON-filen ska vara ett objekt med listan "values", som Koladas API svarar.'
    )
    empty = write(tmp_path, "tom.json", '{"values": []}')
    assert main(["kolada", str(empty), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == "  tom.json: filen: Filen innehåller inga värden."


def test_missing_file(db, tmp_path, capsys):
    assert main(["kolada", str(tmp_path / "finns_inte.json"), "--db", str(db)]) == 1
    assert capsys.readouterr().out.splitlines()[1] == "  finns_inte.json: filen: Filen finns inte."


def test_new_warehouse_when_none_exists(tmp_path):
    db = tmp_path / "ny" / "lager.duckdb"
    shutil.copy(FILES / "kolada_sample.csv", tmp_path / "k.csv")
    assert main(["kolada", str(tmp_path / "k.csv"), "--db", str(db)]) == 0
    assert len(kolada_rows(db)) == 7
