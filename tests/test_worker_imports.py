"""A web worker starts without the libraries only storing a file or writing an Excel file needs (issue 16: memory)."""

import subprocess
import sys

from data.settings import ROOT

# pandas with pyarrow ~67 MB, openpyxl with numpy ~33 MB of every worker's resident memory.
PROBE = "import sys, app; print(sorted(m for m in ('numpy', 'openpyxl', 'pandas', 'pyarrow') if m in sys.modules))"


def test_the_web_app_loads_no_dataframe_arrow_or_excel_library():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr[-500:]
