"""The Mål page's Excel export, called as Dash calls it, on the demo warehouse."""

import base64
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.browser


def test_goal_table_export_is_a_real_xlsx_with_swedish_headers(app_url):
    from pages import mal

    download = mal.export(1, "2581", "2026-09", "BUN")
    assert download["filename"] == "mal_2581_2026-09.xlsx"
    sheet = load_workbook(io.BytesIO(base64.b64decode(download["content"])))["Mål"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Nämnd",
        "KF-mål-ID",
        "KF-mål",
        "Mål-ID",
        "Nämndmål",
        "Perspektiv",
        "Bedömning",
        "Bedömningsperiod",
        "Förra bedömningen",
        "Förändring",
        "Kommentar",
    ]
    assert rows[1] == [
        "Barn- och utbildningsnämnden",
        "KF-1",
        "Invånarna ska få en god och jämlik välfärd genom hela livet",
        "BUN-1",
        "Fler elever ska nå kunskapskraven i alla ämnen",
        "Medborgare",
        "✔ Uppfyllt",
        "2026-08",
        "○ Ej bedömt (2026-04)",
        "Ändrad",
        "Indikatorerna når sina målvärden.",
    ]
    assert len(rows) == 3
