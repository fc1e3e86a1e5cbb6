#!/usr/bin/env bash
# Checks the download budget of the built site and prints the sizes: the app (fieldcrm.wasm + fieldcrm.js, as gzip
# sends them) at most 2 MB, the UI font (fonts/ui.otf) at most 2 MB. The fallback font is fetched only for rare
# characters and is not part of the start-up download. Usage: scripts/size-budget.sh [SITE_DIR]
set -euo pipefail
site=${1:-build/web/site}
budget=$((2 * 1024 * 1024))
gz() { gzip -9 -c "$1" | wc -c; }
raw() { stat -c %s "$1"; }
wasm=$(gz "$site/fieldcrm.wasm"); js=$(gz "$site/fieldcrm.js"); font=$(raw "$site/fonts/ui.otf")
printf 'fieldcrm.wasm  %8d bytes, %8d gzip\n' "$(raw "$site/fieldcrm.wasm")" "$wasm"
printf 'fieldcrm.js    %8d bytes, %8d gzip\n' "$(raw "$site/fieldcrm.js")" "$js"
printf 'wasm + js      %8d gzip   (budget %d)\n' $((wasm + js)) $budget
printf 'fonts/ui.otf   %8d bytes, %8d gzip (budget %d)\n' "$font" "$(gz "$site/fonts/ui.otf")" $budget
printf 'fonts/icons.ttf %7d bytes; fonts/fallback.otf %d bytes (on demand)\n' "$(raw "$site/fonts/icons.ttf")" \
  "$(raw "$site/fonts/fallback.otf")"
ok=1
[ $((wasm + js)) -le $budget ] || { echo "over budget: wasm + js is $((wasm + js)) bytes gzip" >&2; ok=0; }
[ "$font" -le $budget ] || { echo "over budget: fonts/ui.otf is $font bytes" >&2; ok=0; }
[ $ok = 1 ] && echo "size budget: ok"
[ $ok = 1 ]
