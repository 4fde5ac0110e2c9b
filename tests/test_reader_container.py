"""Files that are not a readable .xlsx are rejected with a Swedish message before any parser sees them."""

import warnings
import zipfile

from etl.container import OLE_MAGIC
from tests.report_files import ECONOMY, GOALS, edit_sheet_xml, located, read_report, rewrite_zip, write_report


def _only_message(path) -> str:
    result = read_report(path)
    assert result.workbook is None
    assert len(result.errors) == 1
    return result.errors[0].message


def test_empty_file(tmp_path):
    (tmp_path / "tom.xlsx").write_bytes(b"")
    assert _only_message(tmp_path / "tom.xlsx") == (
        "Filen är tom (0 byte). Spara rapporten på nytt och lämna in den igen."
    )


def test_old_xls_format(tmp_path):
    (tmp_path / "gammal.xlsx").write_bytes(OLE_MAGIC + b"\x00" * 2000 + "Workbook".encode("utf-16-le"))
    assert _only_message(tmp_path / "gammal.xlsx") == (
        "Filen är i det gamla Excel-formatet (.xls). Öppna den i ditt kalkylprogram (till exempel LibreOffice Calc "
        "eller Excel) och välj Spara som Excel-arbetsbok (.xlsx); i LibreOffice heter formatet Excel 2007–365 (.xlsx)."
    )


def test_encrypted_workbook(tmp_path):
    (tmp_path / "krypterad.xlsx").write_bytes(OLE_MAGIC + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"))
    assert _only_message(tmp_path / "krypterad.xlsx").startswith(
        "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel"
    )


def test_csv_renamed_to_xlsx(tmp_path):
    (tmp_path / "export.xlsx").write_text("Kommunkod;Kommun\n2581;Piteå\n", encoding="utf-8")
    assert _only_message(tmp_path / "export.xlsx") == (
        "Filen är ingen Excel-arbetsbok utan text (till exempel en CSV-fil som fått ändelsen .xlsx). Öppna filen i "
        "ditt kalkylprogram, spara den som Excel-arbetsbok (.xlsx) och lämna in den igen."
    )


def test_other_binary_file(tmp_path):
    (tmp_path / "bild.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert _only_message(tmp_path / "bild.xlsx").startswith("Filen är ingen Excel-arbetsbok (.xlsx).")


def test_truncated_zip(tmp_path):
    path = write_report(tmp_path / "avbruten.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _only_message(path).startswith(
        "Filen är skadad eller ofullständig (zip-arkivet går inte att läsa), kanske avbruten vid kopiering."
    )


def test_zip_bomb_by_compression_ratio(tmp_path):
    path = rewrite_zip(write_report(tmp_path / "bomb.xlsx"), extra=[("xl/media/image1.bin", b"\x00" * 20_000_000)])
    message = _only_message(path)
    assert message.startswith("Delen xl/media/image1.bin packas upp ")
    assert "gånger sin storlek (högst 100 tillåts; misstänkt zip-bomb)." in message


def test_too_many_zip_entries(tmp_path):
    extra = [(f"xl/media/bild{n}.txt", b"x") for n in range(1000)]
    path = rewrite_zip(write_report(tmp_path / "delar.xlsx"), extra=extra)
    assert _only_message(path).startswith("Filen består av 1\u00a0018 delar; högst 1\u00a0000 tillåts för en rapport.")


def test_duplicate_zip_entry(tmp_path):
    path = write_report(tmp_path / "dubbel.xlsx")
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate we add on purpose
        rewrite_zip(path, extra=[("xl/worksheets/sheet1.xml", sheet)])
    assert _only_message(path).startswith(
        "Filen innehåller delen xl/worksheets/sheet1.xml två gånger, vilket Excel aldrig skriver"
    )


def test_missing_workbook_part(tmp_path):
    path = rewrite_zip(write_report(tmp_path / "utan.xlsx"), {"xl/workbook.xml": None})
    assert _only_message(path).startswith("Filen saknar delen xl/workbook.xml och är därför ingen Excel-arbetsbok.")


def test_xml_entity_declaration(tmp_path):
    path = write_report(tmp_path / "entitet.xlsx")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/workbook.xml")
    declaration = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    assert xml.startswith(b"<workbook")
    rewrite_zip(path, {"xl/workbook.xml": declaration + xml})
    assert _only_message(path).startswith(
        "Delen xl/workbook.xml innehåller en DOCTYPE- eller ENTITY-deklaration, vilket Excel aldrig skriver"
    )


def test_sheet_dimension_far_outside_the_table(tmp_path):
    path = write_report(tmp_path / "omrade.xlsx", sheets={"Mål": [["Mål-ID"], ["M-1"]]})
    edit_sheet_xml(path, b'<dimension ref="A1:A2"/>', b'<dimension ref="A1:XFD1048576"/>')
    result = read_report(path)
    assert located(result.errors) == [("Mål", 1048576, "XFD", None, None)]
    assert result.errors[0].message == (
        "Bladet anger sitt använda område till och med XFD1048576, långt utanför tabellen (högst 100\u00a0000 "
        "rader och 200 kolumner läses). Markera tomma rader och kolumner under och till höger om tabellen, välj "
        "Ta bort och spara filen igen."
    )


def test_a_table_longer_than_the_row_limit_is_refused_before_it_is_read(tmp_path):
    # Issue 16: a real 172 000-row workbook took 64 s to be refused. The container check refuses it from the
    # sheet's XML alone, naming the first cell past the limit, before python-calamine or the validation runs.
    path = write_report(tmp_path / "lang.xlsx", sheets={"Ekonomi": ECONOMY})
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>2025-03</t></is></c><c r="B%d" t="inlineStr"><is><t>Enhet %d'
        b'</t></is></c><c r="C%d"><v>-1200</v></c><c r="D%d"><v>-100</v></c><c r="E%d"><v>-90</v></c><c r="F%d">'
        b"<v>-1190</v></c></row>" % ((n,) * 8)
        for n in range(5, 100_002)
    )
    edit_sheet_xml(path, b"</sheetData>", rows + b"</sheetData>")
    edit_sheet_xml(path, b'<dimension ref="A1:F4"/>', b'<dimension ref="A1:F100001"/>')
    result = read_report(path)
    assert located(result.errors) == [("Ekonomi", 100001, "A", None, None)]
    assert result.errors[0].message == (
        "Bladet har innehåll i cell A100001, långt utanför tabellen (högst 100\u00a0000 rader och 200 kolumner "
        "läses). Markera tomma rader och kolumner under och till höger om tabellen, välj Ta bort och spara filen "
        "igen."
    )


def test_an_empty_row_far_below_the_table_is_harmless(tmp_path):
    # A row height set on row 200 000 leaves an empty <row r="200000" …/> behind; it holds no cell to allocate.
    path = write_report(tmp_path / "radhojd.xlsx", sheets={"Mål": GOALS})
    far = b'<row r="200000" ht="30" customHeight="1"></row><row r="200001" ht="30" customHeight="1"/></sheetData>'
    edit_sheet_xml(path, b"</sheetData>", far)
    result = read_report(path)
    assert result.errors == []
    assert [r["goal_id"] for r in result.workbook.facts["goals"]] == ["BUN-1"]


def test_a_cell_far_below_the_table_without_its_own_reference_is_rejected(tmp_path):
    path = write_report(tmp_path / "langt.xlsx", sheets={"Mål": GOALS})
    edit_sheet_xml(path, b"</sheetData>", b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    result = read_report(path)
    assert located(result.errors) == [("Mål", 1048576, "A", None, None)]


def test_a_percent_cell_without_its_own_reference_is_rejected(tmp_path):
    header = ["Indikator-ID", "Mål-ID", "Indikator", "Enhet", "Riktning", "Utfall"]
    path = write_report(
        tmp_path / "r.xlsx",
        sheets={"Indikatorer": [header, ["I-1", "BUN-1", "Nöjda", "%", "Högre är bättre", 0.875]]},
        number_formats={("Indikatorer", "F2"): "0.0%"},
    )
    edit_sheet_xml(path, b' r="F2"', b"")
    result = read_report(path)
    assert [(p.sheet, p.message) for p in result.errors] == [
        ("Indikatorer", "Bladets celler saknar cellreferenser. Öppna filen i ditt kalkylprogram, spara den som "
         "Excel-arbetsbok (.xlsx) och lämna in den igen."),
    ]  # fmt: skip
