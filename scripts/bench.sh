#!/usr/bin/env bash
# Install what the benchmarks need (the test setup and wrk) and print issue 16's table at demo and national scale.
# Arguments go to bench/run.py (e.g. `bash scripts/bench.sh serve` for one script at demo scale only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh wrk
if [ $# -eq 0 ]; then set -- --table; fi
exec .venv/bin/python bench/run.py "$@"
