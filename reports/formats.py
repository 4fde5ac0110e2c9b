"""The report formats and their MIME types (Dash-free and light: the web page imports them without the renderer)."""

FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
