#!/usr/bin/env bash
# Is Huiwu's window ready as fast, and as light, as an empty Tauri 2 window with the same WebKit?
#
# Builds (release, the workspace's profile) a minimal Tauri 2 window generated from the few lines
# below into target/bench-empty-window/ (the same tauri version as Huiwu, pinned by copying
# Cargo.lock; the same window size; one line of Chinese text, so both load the same CJK font),
# and Huiwu itself; starts each the same way (tauri-driver + WebKitWebDriver under Xvfb, on the
# demo committee for Huiwu) several times, and prints each figure and its ratio to the empty window:
#   first content   process start → first frame with the page's content (performance mark)
#   PSS at ready    the app + its WebKit processes, a few seconds after first content
#   PSS after tour  Huiwu after visiting every page and coming back home, against the empty
#                   window at ready
# Targets (issue 17): first content ≤ 1.2×, PSS at ready ≤ 1.1×, PSS after the tour ≤ 1.5×.
#
# usage: scripts/bench-window.sh [RUNS]       (default 5; HUIWU_E2E_PORT picks tauri-driver's port)
#        BENCH_NO_BUILD=1 scripts/bench-window.sh   (measure the binaries already built)
#        BENCH_PROFILE=debug scripts/bench-window.sh  (both built with the dev profile: a quick check
#                                                      of the script, not the figures to quote)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-5}
empty=target/bench-empty-window
profile=${BENCH_PROFILE:-release}
case $profile in
  release) cargo_profile=(--release); out=release ;;
  debug) cargo_profile=(); out=debug ;;
  *) echo "BENCH_PROFILE is release or debug" >&2; exit 2 ;;
esac

if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  mkdir -p "$empty/src" "$empty/dist" "$empty/icons"
  cp Cargo.lock "$empty/Cargo.lock"
  cp src-tauri/icons/icon.png "$empty/icons/icon.png"
  cat > "$empty/Cargo.toml" <<'EOF'
[package]
name = "bench-empty-window"
version = "0.1.0"
edition = "2021"
publish = false

[build-dependencies]
tauri-build = { version = "2", features = [] }

[dependencies]
tauri = { version = "2", features = [] }

# The workspace's profiles (../../Cargo.toml).
[profile.release]
codegen-units = 4
lto = "thin"

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false

# Not a member of Huiwu's workspace.
[workspace]
EOF
  cat > "$empty/build.rs" <<'EOF'
fn main() {
    tauri_build::build()
}
EOF
  cat > "$empty/src/main.rs" <<'EOF'
fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the empty window runs");
}
EOF
  cat > "$empty/tauri.conf.json" <<'EOF'
{
  "productName": "bench-empty-window",
  "version": "0.1.0",
  "identifier": "cn.huiwu.bench-empty-window",
  "build": { "frontendDist": "dist" },
  "app": { "windows": [{ "label": "main", "title": "空窗口", "width": 1366, "height": 860, "center": true }] },
  "bundle": { "active": false, "icon": ["icons/icon.png"] }
}
EOF
  cat > "$empty/dist/index.html" <<'EOF'
<!doctype html>
<html lang="zh-CN">
  <head><meta charset="UTF-8" /><title>空窗口</title></head>
  <body style="font-family: 'Noto Sans CJK SC', sans-serif">
    <h1>空窗口</h1>
    <script>requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('first-content')))</script>
  </body>
</html>
EOF
  echo "==> building the empty Tauri 2 window ($profile)"
  CARGO_TARGET_DIR="$root/target" cargo build "${cargo_profile[@]}" --quiet --manifest-path "$empty/Cargo.toml"
  echo "==> building Huiwu ($profile)"
  (cd ui && npx vite build --logLevel warn)
  cargo build "${cargo_profile[@]}" --quiet -p huiwu
fi

empty_bin=$root/target/$out/bench-empty-window
huiwu_bin=$root/target/$out/huiwu
work=$(mktemp -d "$root/target/bench-window.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$huiwu_bin" --db "$work/demo.db" demo >/dev/null

# Every page of the window, then home (the demo has member 1 and meeting 1); the 纪要 editor on the
# demo's saved minutes, so that its preview is drawn.
minutes=$("$huiwu_bin" --db "$work/demo.db" minutes list --json | node -e '
  const e = JSON.parse(require("fs").readFileSync(0, "utf8"))[0]
  console.log(!e ? "" : e.sitting_id != null ? `?sitting=${e.sitting_id}` : `?meeting=${e.meeting_id ?? e.of_meeting_id}`)')
tour='["/roster","/roster/member/1","/roster/import","/meetings","/meetings/1","/attendance","/attendance/stats",
"/opinions","/proposals","/documents","/documents/fonts","/documents/minutes'"$minutes"'","/bulletins","/sqmy",
"/stations","/year","/audit"]'
tour=$(tr -d '\n' <<<"$tour")
echo "tour: $tour"

measure() { # LABEL BINARY ARGS... → JSON lines in $work/LABEL.jsonl
  local label=$1
  shift
  (cd tests/e2e && xvfb-run -a --server-args="-screen 0 1600x1000x24" node bench-window.mjs "$@") | tee "$work/$label.jsonl"
}

echo "==> empty Tauri 2 window, $runs runs"
measure empty "$empty_bin" --runs "$runs"
echo "==> Huiwu on the demo committee, $runs runs (with the tour of every page)"
measure huiwu "$huiwu_bin" --db "$work/demo.db" --tour "$tour" --runs "$runs"

node - "$work/empty.jsonl" "$work/huiwu.jsonl" <<'EOF'
const fs = require('node:fs')
const read = (f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
const [empty, huiwu] = process.argv.slice(2).map(read)
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
const col = (rows, k) => rows.map((r) => r[k])
const fmt = (xs, unit) => `${median(xs).toFixed(unit === 'ms' ? 0 : 1)} ${unit} (runs: ${xs.join(', ')})`
const line = (label, h, e, unit, target) => {
  const ratio = median(h) / median(e)
  console.log(`${label.padEnd(30)} Huiwu ${fmt(h, unit)}\n${''.padEnd(30)} empty ${fmt(e, unit)}\n${''.padEnd(30)} ratio ${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? 'met' : 'NOT MET'}`)
}
console.log(`\n== medians, Huiwu against the empty Tauri 2 window (${process.env.BENCH_PROFILE || 'release'} builds) ==`)
line('first content', col(huiwu, 'first_content_ms'), col(empty, 'first_content_ms'), 'ms', 1.2)
line('PSS at ready', col(huiwu, 'pss_ready_mib'), col(empty, 'pss_ready_mib'), 'MiB', 1.1)
line('PSS after the tour, back home', col(huiwu, 'pss_tour_mib'), col(empty, 'pss_ready_mib'), 'MiB', 1.5)
EOF
echo "(machine load while measuring: $(cut -d' ' -f1-3 /proc/loadavg))"
