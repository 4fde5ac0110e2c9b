"""The monthly report as Word (python-docx), A4 landscape, stamped in every page's header and footer.

Municipalities edit the report in Word before it goes to the board, so it uses Word's own heading and table
styles rather than fixed formatting. python-docx writes text as text: markup in the data stays characters.
"""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.document import Document, Heading, Image, Paragraph, Table

FLAG_FILL = "FDE8E8"
HEADER_FILL = "E8EEF5"
FLAG_TEXT = RGBColor(0x8B, 0x1A, 0x1A)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page_field(paragraph) -> None:
    """Append Word's PAGE and NUMPAGES fields: 'Sida 2 av 5', computed by Word itself."""
    for i, code in enumerate(("PAGE", "NUMPAGES")):
        paragraph.add_run(" av " if i else "Sida ")
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, code), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {text} "
            run._r.append(element)


def _cell_text(cell, text: str, bold: bool = False, right: bool = False, size: float = 8.5) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _table(word, block: Table, width_cm: float) -> None:
    if not block.rows:
        word.add_paragraph(block.empty_text)
        return
    table = word.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    weights = block.widths or (1,) * len(block.headers)
    widths = [Cm(width_cm * w / sum(weights)) for w in weights]
    for i, header in enumerate(block.headers):
        cell = table.rows[0].cells[i]
        _cell_text(cell, header, bold=True, right=i in block.numeric)
        _shade(cell, HEADER_FILL)
    _repeat_header(table.rows[0])
    for r, values in enumerate(block.rows):
        cells = table.add_row().cells
        total = block.total_row and r == len(block.rows) - 1
        for i, value in enumerate(values):
            _cell_text(cells[i], value, bold=total, right=i in block.numeric)
            if r in block.flagged:
                _shade(cells[i], FLAG_FILL)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    word.add_paragraph()


def render_docx(document: Document) -> bytes:
    """The document as .docx bytes."""
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = document.title
    word.core_properties.subject = document.subtitle
    word.core_properties.language = "sv-SE"
    header = section.header.paragraphs[0]
    header.text = f"{document.title}\t\t{document.stamp_text}"
    footer = section.footer.paragraphs[0]
    footer.text = f"{document.stamp_text}\t\t"
    _page_field(footer)
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)
    width_cm = 29.7 - 3.6
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            run = word.add_paragraph().add_run(block.text)
            if block.emphasis:
                run.bold = True
                run.font.color.rgb = FLAG_TEXT
        elif isinstance(block, Table):
            _table(word, block, width_cm)
        elif isinstance(block, Image):
            word.add_picture(io.BytesIO(block.png), width=Cm(width_cm))
            word.add_paragraph(block.caption).runs[0].italic = True
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
