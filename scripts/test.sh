#!/usr/bin/env bash
# Runs every FieldCRM test: core unit tests natively (g++) and as wasm under node, then the end-to-end tests of
# the real app in headless Chromium. Installs and builds what it needs first; re-runs are incremental.
# Exits non-zero if any stage fails; every stage runs even after an earlier one failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
stage() { # name command...
  local name=$1; shift
  printf '\n==== %s ====\n' "$name"
  local start=$SECONDS
  if "$@"; then printf '==== %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else printf '==== %s: FAILED (%ss)\n' "$name" $((SECONDS - start)); failed+=("$name"); fi
}
stage setup scripts/setup.sh || true
[ ${#failed[@]} -eq 0 ] || { echo "setup failed: nothing can be built"; exit 1; }
stage "build native" scripts/build.sh native
stage "build web" scripts/build.sh web
stage "unit tests (native)" ctest --test-dir build/native --output-on-failure
stage "unit tests (wasm under node)" ctest --test-dir build/web --output-on-failure
stage "size budget" scripts/size-budget.sh build/web/site
stage "end-to-end (headless Chromium)" env FIELDCRM_SITE=build/web/site node --test --test-concurrency=1 tests/e2e/
if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFAILED stages: %s\n' "${failed[*]}"
  exit 1
fi
printf '\nall stages passed\n'
