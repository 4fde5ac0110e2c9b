"""The monthly report as real PDF and Word files: text, stamps on every page, rendering, archive."""

import hashlib
import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import docx
import PIL.Image
import pytest
from pypdf import PdfReader

from reports import monthly
from tests.monthly_fixture import REPORT_TOTAL_ROW, report_warehouse

CREATED = datetime(2025, 10, 15, 9, 30)
VERSION = "fc7b8cf4b3"  # the fixture warehouse's data version
STAMP = (
    "Piteå (2581) · september 2025 · Data inläst 2025-10-14 07:30 · Rapport skapad 2025-10-15 09:30 · "
    f"Dataversion: {VERSION}"
)
AS_OF_URL = f"http://127.0.0.1:8050/ekonomi?kommun=2581&period=2025-09&version={VERSION}"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(tmp_path, monkeypatch):
    db = report_warehouse(tmp_path / "w.duckdb")
    archive = tmp_path / "rapporter"
    monkeypatch.setenv("STYRKEDJAN_DB", str(db))
    monkeypatch.setenv("STYRKEDJAN_REPORTS", str(archive))
    return {"db": db, "archive": archive, "tmp": tmp_path}


def test_pdf_text_stamps_every_page_and_keeps_markup_as_text(env):
    report = monthly.generate("2581", "2025-09", "pdf", created_at=CREATED)
    path = env["tmp"] / "r.pdf"
    path.write_bytes(report.content)
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert len(pages) == 4
    for number, text in enumerate(pages, start=1):
        assert STAMP in text
        assert f"Sida {number} av 4" in text
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Månadsuppföljning september 2025" in text
    # Text extraction turns the no-break spaces into plain ones.
    assert "ett underskott på 40 tkr för helåret (1,0 % av årsbudgeten −4 200 tkr)" in " ".join(pages)
    assert "Summa, hela kommunen" in text and "−1 020" in text.replace("\u00a0", " ")
    assert "Ingen rapport" in text and "Samhällsbyggnadsnämnden" in text
    assert "<script>alert(1)</script> <b>fet</b> &" in text
    assert "⚠ Allvarlig" in text
    assert "Ny skola i Öjebyn" in text and "KS 2025/1" in text
    fonts = {
        str(f["/BaseFont"]) for page in PdfReader(path).pages for f in page["/Resources"]["/Font"].get_object().values()
    }
    assert any(name.endswith("DejaVuSans") for name in fonts)


def test_pdf_first_page_renders_to_png(env):
    report = monthly.generate("2581", "2025-09", "pdf", created_at=CREATED, keep=False)
    path = env["tmp"] / "r.pdf"
    path.write_bytes(report.content)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(path), str(env["tmp"] / "p")], check=True)
    image = PIL.Image.open(env["tmp"] / "p-1.png").convert("L")
    assert image.size == (702, 497)  # A4 landscape at 60 dpi
    # The header stamp and the title are drawn: dark pixels in the top band and in the title's band.
    assert image.crop((0, 0, 702, 40)).getextrema()[0] < 100
    assert image.crop((0, 50, 702, 90)).getextrema()[0] < 100
    assert report.archived is None and not env["archive"].exists()


def test_docx_header_footer_tables_and_chart(env):
    report = monthly.generate("2581", "2025-09", "docx", created_at=CREATED)
    path = env["tmp"] / "r.docx"
    path.write_bytes(report.content)
    document = docx.Document(str(path))
    section = document.sections[0]
    assert STAMP in section.header.paragraphs[0].text
    assert section.footer.paragraphs[0].text.startswith(STAMP)
    assert "NUMPAGES" in section.footer._element.xml
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Sammanfattning",
        "Per nämnd",
        "Ekonomi",
        "Nya och allvarliga avvikelser",
        "Målbedömningar som ändrats sedan augusti 2025",
        "Projekt med rött trafikljus",
        "Försenade uppdrag",
        "Nämnder som inte har rapporterat",
        "Underlag",
    ]
    assert document.paragraphs[-1].text == (
        f"Rapporten bygger på dataversion {VERSION}. Så här såg underlaget ut när rapporten skapades: {AS_OF_URL}"
    )
    economy = document.tables[1]
    assert tuple(c.text for c in economy.rows[-1].cells) == REPORT_TOTAL_ROW
    deviations = document.tables[2]
    assert deviations.rows[1].cells[4].text == '<script>alert(1)</script> <b>fet</b> & "citat"'
    assert len(document.inline_shapes) == 1


def test_archive_keeps_file_and_data_version(env):
    report = monthly.generate("2581", "2025-09", "pdf", created_at=CREATED)
    name = f"manadsrapport_2581_2025-09_20251015T093000.000000_{hashlib.sha256(report.content).hexdigest()[:12]}.pdf"
    assert report.archived == env["archive"] / "2581" / "2025-09" / name
    assert report.archived.read_bytes() == report.content
    sidecar = json.loads(Path(str(report.archived) + ".json").read_text(encoding="utf-8"))
    ids = "1,2,3,4,5,7,8,10"
    assert sidecar == {
        "file": f"2581/2025-09/{name}",
        "sha256": hashlib.sha256(report.content).hexdigest(),
        "format": "pdf",
        "kommun": "2581",
        "month": "2025-09",
        "created_at": "2025-10-15T09:30:00.000000",
        "data_published_at": sidecar["data_published_at"],
        "data_loaded_at": "2025-10-14T07:30:00",
        "data_version": VERSION,
        "as_of_url": AS_OF_URL,
        "submissions_digest": hashlib.sha256(ids.encode()).hexdigest()[:16],
        "submission_ids": [1, 2, 3, 4, 5, 7, 8, 10],
    }
    index = (env["archive"] / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["file"] for line in index] == [sidecar["file"]]


def test_generate_refuses_bad_input(env):
    with pytest.raises(ValueError, match="pdf eller docx"):
        monthly.generate("2581", "2025-09", "html")
    with pytest.raises(ValueError, match="fyra siffror"):
        monthly.generate("../etc", "2025-09", "pdf")
    with pytest.raises(ValueError, match="Månaden 2025-13 finns inte"):
        monthly.generate("2581", "2025-13", "pdf")
    # A real municipality without submissions (Upplands Väsby) gets no empty report, and nothing is archived.
    with pytest.raises(ValueError, match="inga inlämnade rapporter för kommun 0114"):
        monthly.generate("0114", "2025-09", "pdf")
    assert not env["archive"].exists()


def test_command_line_infers_format_from_suffix(env):
    out = env["tmp"] / "rapport.docx"
    cli_env = {"STYRKEDJAN_DB": str(env["db"]), "STYRKEDJAN_REPORTS": str(env["archive"]), "PATH": "/usr/bin:/bin"}
    args = [sys.executable, "-m", "reports", "monthly", "--kommun", "2581", "--month", "2025-09", "--out", str(out)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=cli_env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"
    assert "Arkiverad som" in done.stdout
    assert len(list((env["archive"] / "2581" / "2025-09").glob("*.docx"))) == 1
    bad = subprocess.run([*args[:-1], str(env["tmp"] / "r.txt")], capture_output=True, text=True, cwd=ROOT, env=cli_env)
    assert bad.returncode == 2
    assert "--format pdf|docx" in bad.stderr


def test_command_line_refuses_a_month_without_data_and_a_missing_folder(env):
    cli_env = {"STYRKEDJAN_DB": str(env["db"]), "STYRKEDJAN_REPORTS": str(env["archive"]), "PATH": "/usr/bin:/bin"}
    args = [sys.executable, "-m", "reports", "monthly", "--kommun", "2581", "--month", "2031-01", "--out"]
    future = subprocess.run([*args, str(env["tmp"] / "r.pdf")], capture_output=True, text=True, cwd=ROOT, env=cli_env)
    assert (future.returncode, future.stderr.strip()) == (
        1,
        "Ingen rapport skapades: Det finns inga inlämnade rapporter för kommun 2581 för januari 2031. "
        "Månader med rapporter: april 2025 – september 2025.",
    )
    missing = env["tmp"] / "finns" / "inte" / "r.pdf"
    args[7] = "2025-09"
    done = subprocess.run([*args, str(missing)], capture_output=True, text=True, cwd=ROOT, env=cli_env)
    assert done.returncode == 2
    assert f"mappen {missing.parent} finns inte; skapa den först eller välj en annan --out" in done.stderr
    assert not (env["tmp"] / "finns").exists()
    assert not env["archive"].exists()
    written = subprocess.run([*args, str(env["tmp"] / "r.pdf")], capture_output=True, text=True, cwd=ROOT, env=cli_env)
    assert written.returncode == 0, written.stderr[-500:]
    assert written.stdout.splitlines()[1] == (
        f"Dataversion {VERSION} (8 rapporter), samma id som i rapporten och i etl versions."
    )


def test_a_chart_browser_that_never_answers_cannot_hang_the_process_at_exit(tmp_path):
    # Seen in the full suite: kaleido's Chromium did not answer its close and pytest never exited after its summary.
    script = tmp_path / "frozen.py"
    script.write_text(
        "import os, signal\n"
        "import plotly.graph_objects as go\n"
        "from reports import charts\n"
        "charts.png(go.Figure(go.Bar(x=[1], y=[2])), 300, 200)\n"
        "pids = charts._child_chromium_pids()\n"
        "assert pids\n"
        "for pid in pids:\n"
        "    os.kill(pid, signal.SIGSTOP)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 45
