"""The monthly report runs in a fresh process without loading Dash, ag-grid or the accounts package."""

import subprocess
import sys

from data.settings import ROOT

PROBE = "import sys, reports.__main__, reports.pdf, reports.docx; print(sorted(m for m in ('dash', 'dash_ag_grid', "
PROBE += "'accounts', 'flask') if m in sys.modules))"


def test_importing_the_reports_loads_no_web_framework():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr[-500:]
