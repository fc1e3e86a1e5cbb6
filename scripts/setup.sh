#!/usr/bin/env bash
# Installs and fetches everything FieldCRM builds and tests with, on a fresh Debian 12 machine.
# Debian packages by name; Dear ImGui and SQLite by pinned version + sha256 into third_party/ (git-ignored);
# npm test tooling from the committed package-lock.json. Idempotent: a re-run with nothing missing takes ~1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TP=$ROOT/third_party

# ---- pinned third-party versions (change here, and the checksums with them) ------------------------------------
IMGUI_DEB_VERSION=1.90.1+ds-1                   # Debian trixie source package "imgui"
IMGUI_ORIG=imgui_1.90.1+ds.orig.tar.xz
IMGUI_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
SQLITE_NPM=better-sqlite3@12.11.1               # npm tarball carrying the upstream amalgamation (SQLite 3.53.2)
SQLITE_TGZ=better-sqlite3-12.11.1.tgz
SQLITE_TGZ_SHA256=ebf0ed75a7a59dbcb3b24bbd014ef49d9f15bc328e4adcbf516f2a8fadfa2835
# Fonts and the common-character list are built into the site from Debian packages (scripts/build-fonts.py):
# fonts-noto-cjk (UI font), fonts-font-awesome (icons), unicode-data (Unihan kTGH: 通用规范汉字表), python3-fonttools
# (subsetting), librsvg2-bin (app icons from web/icon.svg).
DEBIAN_PACKAGES="emscripten nlohmann-json3-dev doctest-dev chromium cmake ninja-build xz-utils ca-certificates
  fonts-noto-cjk fonts-font-awesome unicode-data python3-fonttools librsvg2-bin"

say() { printf '[setup] %s\n' "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

# ---- Debian packages ----------------------------------------------------------------------------------------------
missing=""
for p in $DEBIAN_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  say "installing Debian packages:$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

verify() { # file sha256
  echo "$2  $1" | sha256sum -c --status || { echo "[setup] checksum mismatch for $1" >&2; rm -f "$1"; exit 1; }
}

# ---- Dear ImGui: Debian source package through a private apt configuration (system sources untouched) -----------
if [ ! -f "$TP/imgui/imgui.h" ]; then
  say "fetching Dear ImGui $IMGUI_DEB_VERSION (Debian source package)"
  APT=$TP/.apt
  mkdir -p "$APT/lists/partial" "$APT/dl"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
    > "$APT/sources.list"
  aptp=(-oDir::Etc::SourceList="$APT/sources.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$APT/lists"
        -oAPT::Sandbox::User=root)
  apt-get "${aptp[@]}" update -q >/dev/null
  (cd "$APT/dl" && apt-get "${aptp[@]}" source --download-only "imgui=$IMGUI_DEB_VERSION" >/dev/null)
  verify "$APT/dl/$IMGUI_ORIG" "$IMGUI_SHA256"
  rm -rf "$TP/imgui" "$TP/imgui.tmp" && mkdir -p "$TP/imgui.tmp"
  tar xf "$APT/dl/$IMGUI_ORIG" -C "$TP/imgui.tmp" --strip-components=1
  mv "$TP/imgui.tmp" "$TP/imgui"
fi

# ---- SQLite amalgamation: npm tarball, integrity-checked by npm and by our own sha256 -----------------------------
if [ ! -f "$TP/sqlite/sqlite3.c" ]; then
  say "fetching SQLite amalgamation ($SQLITE_NPM)"
  mkdir -p "$TP/.npm-pack"
  (cd "$TP/.npm-pack" && [ -f "$SQLITE_TGZ" ] || npm pack --silent "$SQLITE_NPM" >/dev/null)
  verify "$TP/.npm-pack/$SQLITE_TGZ" "$SQLITE_TGZ_SHA256"
  rm -rf "$TP/sqlite" && mkdir -p "$TP/sqlite"
  tar xzf "$TP/.npm-pack/$SQLITE_TGZ" -C "$TP/sqlite" --strip-components=3 \
    package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
fi

# ---- em++ include folder: only the header-only libraries, never all of /usr/include --------------------------------
mkdir -p "$TP/include"
for lib in doctest nlohmann; do ln -sfn "/usr/include/$lib" "$TP/include/$lib"; done

# ---- npm test tooling (playwright-core), from package-lock.json -----------------------------------------------------
if [ ! -f tests/e2e/node_modules/.package-lock.json ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  say "installing npm test tooling"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi
say "ready"
