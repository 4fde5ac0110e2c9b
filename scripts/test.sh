#!/usr/bin/env bash
# Install everything the tests need (Debian packages, Python packages, axe-core) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v npm >/dev/null || need+=(npm)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)  # LibreOffice writes the loader's Calc fixtures
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
