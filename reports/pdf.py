"""The monthly report as PDF (ReportLab, A4 landscape), every page stamped in its header and footer.

Text goes through ReportLab's Paragraph, which reads a small markup language, so every text from the data is
XML-escaped first: a description such as '<b>' is printed as those characters, never interpreted.
The font is DejaVu Sans, vendored in reports/fonts (licence beside it): it has å, ä, ö, U+2212 and the symbols.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Image as RLImage
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from reports.document import Document, Heading, Image, Table
from reports.document import Paragraph as TextBlock

FONTS = Path(__file__).parent / "fonts"
PAGE = landscape(A4)
MARGIN = 1.5 * cm
HEADER_BG = colors.HexColor("#e8eef5")
FLAG_BG = colors.HexColor("#fde8e8")
FLAG_TEXT = colors.HexColor("#8b1a1a")
GRID = colors.HexColor("#9aa4ae")


@cache
def _fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    return "DejaVuSans", "DejaVuSans-Bold"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=20, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, textColor=colors.HexColor("#424a53")),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=bold, fontSize=14, leading=18, spaceBefore=10, spaceAfter=5, keepWithNext=1
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=4, keepWithNext=1
        ),
        "body": body,
        "emphasis": ParagraphStyle("emphasis", parent=body, fontName=bold, textColor=FLAG_TEXT),
        "caption": ParagraphStyle("caption", parent=body, fontSize=9, textColor=colors.HexColor("#424a53")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "cell_right", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle("head", parent=body, fontName=bold, fontSize=8.5, leading=10.5, spaceAfter=0),
        "head_right": ParagraphStyle(
            "head_right", parent=body, fontName=bold, fontSize=8.5, leading=10.5, spaceAfter=0, alignment=TA_RIGHT
        ),
    }


def _text(value: str, style: str) -> Paragraph:
    return Paragraph(escape(value), _styles()[style])


def _table(block: Table, width: float) -> list:
    if not block.rows:
        return [_text(block.empty_text, "body")]
    weights = block.widths or (1,) * len(block.headers)
    widths = [width * w / sum(weights) for w in weights]
    head = [_text(h, "head_right" if i in block.numeric else "head") for i, h in enumerate(block.headers)]
    body = [
        [_text(cell, "cell_right" if i in block.numeric else "cell") for i, cell in enumerate(row)]
        for row in block.rows
    ]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i in block.flagged:
        style += [
            ("BACKGROUND", (0, i + 1), (-1, i + 1), FLAG_BG),
            ("LINEBEFORE", (0, i + 1), (0, i + 1), 3, FLAG_TEXT),
        ]
    if block.total_row:
        last = len(block.rows)
        body[-1] = [
            _text(cell, "head_right" if i in block.numeric else "head") for i, cell in enumerate(block.rows[-1])
        ]
        style.append(("LINEABOVE", (0, last), (-1, last), 1.2, colors.black))
    table = RLTable([head, *body], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return [table, Spacer(1, 6)]


def _image(block: Image, width: float) -> list:
    width *= 0.8  # leaves room for the economy table and the chart on one landscape page
    height = width * block.height_px / block.width_px
    picture = RLImage(io.BytesIO(block.png), width=width, height=height, hAlign="LEFT")
    return [KeepTogether([picture, _text(block.caption, "caption")])]


def _flowables(document: Document, width: float) -> list:
    out = [_text(document.title, "title"), _text(document.subtitle, "subtitle"), Spacer(1, 6)]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append(_text(block.text, "h1" if block.level == 1 else "h2"))
        elif isinstance(block, TextBlock):
            out.append(_text(block.text, "emphasis" if block.emphasis else "body"))
        elif isinstance(block, Table):
            out += _table(block, width)
        elif isinstance(block, Image):
            out += _image(block, width)
    return out


def _stamped_canvas(document: Document):
    """A canvas class that stamps header and footer once the page count is known ('Sida 2 av 5')."""
    regular, bold = _fonts()

    class StampedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for state in self._pages:
                self.__dict__.update(state)
                self._stamp(len(self._pages))
                super().showPage()
            super().save()

        def _stamp(self, pages: int) -> None:
            width, height = PAGE
            self.setFillColor(colors.HexColor("#424a53"))
            self.setFont(bold, 8.5)
            self.drawString(MARGIN, height - 1.0 * cm, document.title)
            self.setFont(regular, 8.5)
            self.drawRightString(width - MARGIN, height - 1.0 * cm, document.stamp_text)
            self.setStrokeColor(GRID)
            self.line(MARGIN, height - 1.15 * cm, width - MARGIN, height - 1.15 * cm)
            self.line(MARGIN, 1.15 * cm, width - MARGIN, 1.15 * cm)
            self.drawString(MARGIN, 0.75 * cm, document.stamp_text)
            self.drawRightString(width - MARGIN, 0.75 * cm, f"Sida {self._pageNumber} av {pages}")

    return StampedCanvas


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 0.3 * cm,
        bottomMargin=MARGIN + 0.2 * cm,
        title=document.title,
        subject=document.subtitle,
        author="Styrkedjan",
        lang="sv-SE",
    )
    doc.build(_flowables(document, doc.width), canvasmaker=_stamped_canvas(document))
    return buffer.getvalue()
