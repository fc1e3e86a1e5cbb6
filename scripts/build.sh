#!/usr/bin/env bash
# Builds FieldCRM: `scripts/build.sh native`, `scripts/build.sh web`, or both (default).
# Build folders: build/native (core, tests, CLI) and build/web (app + site in build/web/site, wasm tests).
# Both are incremental; the SQLite object and Emscripten's outputs stay cached there between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs it to find acorn under node 20
flavours=${*:-native web}
for flavour in $flavours; do
  case $flavour in
    native)
      [ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build build/native ;;
    web)
      [ -f build/web/build.ninja ] || emcmake cmake -S . -B build/web -G Ninja -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" >/dev/null
      cmake --build build/web ;;
    *) echo "usage: scripts/build.sh [native] [web]" >&2; exit 2 ;;
  esac
done
