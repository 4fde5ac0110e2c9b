#!/usr/bin/env bash
# Install Styrkedjan into .venv and start the app on the bundled demo warehouse (built on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e .
if [ ! -f "${STYRKEDJAN_DB:-data/warehouse.duckdb}" ]; then
  echo "Bygger demolagret (första start) …"
  .venv/bin/python -m etl demo
fi
# Demo accounts exist only for demo data; the command prints them (and creates them on the first run).
.venv/bin/python -m accounts demo || echo "Inga demokonton. Skapa den första administratören enligt README (Konton och inloggning)."
echo "Styrkedjan startar på http://127.0.0.1:${PORT:-8050}/"
exec .venv/bin/python app.py
