#!/usr/bin/env bash
# Sets everything up, builds the browser app and serves it on 127.0.0.1 (PORT, default 8080); prints the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh web
exec node scripts/serve.mjs --root build/web/site --port "${PORT:-8080}"
