#!/usr/bin/env bash
# Tests the installer as a secretariat's IT person uses it: builds the .deb (scripts/package.sh),
# installs it with apt (`--debug`: from a debug build, as the test command does), checks `huiwu` is on PATH and answers --version, that the desktop menu
# entry «会务» exists, that the installed binary opens its window under Xvfb, and that removing
# the package leaves the user's committee file in place. Needs root or sudo (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# `--debug` (used by scripts/test.sh): the package built from a debug build, the same otherwise.
profile=release
[ "${1:-}" = --debug ] && profile=debug
bash scripts/package.sh ${1:+"$1"}
deb=$(ls -t target/$profile/bundle/deb/*.deb | head -n 1)
fail() { echo "FAILED: $*" >&2; exit 1; }

echo "==> package: installing $deb with apt"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
[ "$(command -v huiwu)" = /usr/bin/huiwu ] || fail "huiwu is not on PATH as /usr/bin/huiwu"
huiwu --version | grep -q "^huiwu " || fail "huiwu --version did not answer"
entry=/usr/share/applications/huiwu.desktop
[ -f "$entry" ] || fail "the desktop entry $entry is missing"
grep -qx "Name=会务" "$entry" || fail "the desktop entry is not named 会务"
grep -qx "Exec=huiwu" "$entry" || fail "the desktop entry does not start huiwu"
ls /usr/share/icons/hicolor/*/apps/huiwu.png >/dev/null || fail "no icon installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
HOME="$work" huiwu --db "$work/委员会.db" demo >/dev/null || fail "the installed huiwu could not build the demo"

echo "==> package: the installed binary opens its window under Xvfb"
HOME="$work" xvfb-run -a --server-args="-screen 0 1366x900x24" bash -c '
  huiwu --db "$HOME/委员会.db" & pid=$!
  for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q "会务"; then kill $pid; wait $pid 2>/dev/null; exit 0; fi
    kill -0 $pid 2>/dev/null || exit 3
    sleep 0.5
  done
  kill $pid; exit 4' || fail "the window titled 会务 did not appear (code $?)"

echo "==> package: removing it keeps the user's data"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq huiwu >/dev/null
[ ! -e /usr/bin/huiwu ] || fail "/usr/bin/huiwu is still there after removal"
[ -s "$work/委员会.db" ] || fail "the committee file was removed with the package"
echo "==> package: ok"
