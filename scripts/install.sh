#!/usr/bin/env bash
# Install what the tests and benchmarks need: Debian packages (and any given as arguments), Python packages,
# axe-core. Run from anywhere; installs into the project root's .venv and node_modules.
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
for extra in "$@"; do
  command -v "$extra" >/dev/null || need+=("$extra")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; fi
