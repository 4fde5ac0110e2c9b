#!/usr/bin/env bash
# Rebuild assets/plotly-4.1.1-custom.min.js: plotly.js with only the trace types the app draws.
#   bash scripts/build_plotly.sh
# Dash would otherwise send plotly.py's full plotly.min.js (4.8 MB, ~1.4 MB gzip) to every cold page. The build tools
# go to a temporary folder, not package.json, so `npm ci` for the tests stays small; the result is committed.
# Adding a trace type: name it in TRACES and in tests/browser/test_plotly_bundle.py, then rerun this script.
set -euo pipefail
cd "$(dirname "$0")/.."
PLOTLY=4.1.1  # the version plotly.py ships (plotly.offline.get_plotlyjs_version()): same API as before
ESBUILD=0.28.2
TRACES=(bar box treemap)  # scatter is part of plotly.js/lib/core
OUT="assets/plotly-$PLOTLY-custom.min.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "plotly.js@$PLOTLY" "esbuild@$ESBUILD")
requires=""
for trace in "${TRACES[@]}"; do requires+="require('plotly.js/lib/$trace'), "; done
cat >"$work/entry.js" <<JS
var Plotly = require('plotly.js/lib/core');
Plotly.register([${requires%, }]);
module.exports = Plotly;
JS
banner="/* plotly.js $PLOTLY (MIT, https://github.com/plotly/plotly.js), partial bundle: scatter ${TRACES[*]}.
   Built by scripts/build_plotly.sh (esbuild $ESBUILD, minified); rebuild with: bash scripts/build_plotly.sh */"
# As plotly.js's own esbuild-config.js: an IIFE defining window.Plotly, global = window. maplibre's CSS is only
# injected for map traces, which this bundle has none of, so it is left out.
"$work/node_modules/.bin/esbuild" "$work/entry.js" --bundle --minify --format=iife --global-name=Plotly \
  --target=es2016 --define:global=window --define:define.amd=false --loader:.css=empty \
  --banner:js="$banner" --log-level=warning --outfile="$OUT"
echo "$OUT: $(wc -c <"$OUT") bytes, $(gzip -9c "$OUT" | wc -c) gzip"
