"""The shared xlsx writer: formula-like text stays inert text, numbers and dates keep their types."""

import io
from datetime import date

from openpyxl import load_workbook

from ui.export import frame_sheet, is_formula_like, xlsx_bytes


def written(rows, headers=("A", "B")):
    book = load_workbook(io.BytesIO(xlsx_bytes({"Mål": (list(headers), rows)})))
    return book["Mål"]


def test_formula_like_text_is_written_as_quoted_text(tmp_path):
    hostile = ['=HYPERLINK("http://x","klicka")', "+46 70", "-2+3", "@SUM(A1)", "\tflik", "\rretur"]
    sheet = written([[text, 1] for text in hostile])
    for row, text in enumerate(hostile, start=2):
        cell = sheet.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_nul_is_dropped_and_text_kept():
    cell = written([["\0=1+1", 1]]).cell(2, 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_a_control_character_cannot_hide_a_formula():
    cell = written([['\x01=HYPERLINK("http://x","klicka")', 1]]).cell(2, 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x","klicka")', "s", True)


def test_plain_text_numbers_and_dates_keep_their_types():
    sheet = written([["Åsele", -1234.5], [date(2025, 3, 31), 7]])
    assert (sheet["A2"].value, sheet["A2"].quotePrefix) == ("Åsele", False)
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-1234.5, "n")
    assert (sheet["A3"].value.date(), sheet["A3"].number_format) == (date(2025, 3, 31), "yyyy-mm-dd")
    assert sheet["B3"].value == 7


def test_headers_bold_and_frozen():
    sheet = written([["x", 1]], headers=("Nämnd", "Utfall"))
    assert [c.value for c in sheet[1]] == ["Nämnd", "Utfall"]
    assert sheet["A1"].font.bold is True
    assert sheet.freeze_panes == "A2"


def test_no_formula_survives_a_round_trip(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes({"Blad": (["Text"], [["=1+1"], ["=cmd|' /C calc'!A0"]])}))
    book = load_workbook(path)
    assert [c.data_type for c in book["Blad"]["A"][1:]] == ["s", "s"]


def test_is_formula_like():
    assert [is_formula_like(t) for t in ("=a", "+a", "-a", "@a", "\ta", "\ra", "\0a", "a=b", " =a")] == [
        True, True, True, True, True, True, True, False, False,
    ]  # fmt: skip


def test_frame_sheet_orders_columns_and_turns_missing_into_empty_cells():
    import pandas as pd

    df = pd.DataFrame({"name": ["BUN", "SN"], "value": [1.5, None], "extra": [1, 2]})
    assert frame_sheet(df, {"value": "Värde", "name": "Nämnd"}) == (["Värde", "Nämnd"], [[1.5, "BUN"], [None, "SN"]])
