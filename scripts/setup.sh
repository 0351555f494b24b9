#!/usr/bin/env bash
# Installs what Huiwu needs to build and run on Debian 12 (UOS/Kylin are Debian-based), skipping
# whatever is already there. `--test` also installs what the tests need (Xvfb, WebKitWebDriver,
# tauri-driver, PDF readers). Used by scripts/run-demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
          libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk fontconfig)
# rusqlite's `session` feature (stations' changesets) generates its SQLite bindings with bindgen.
packages+=(libclang-dev)
if [ "$with_test" = 1 ]; then
  packages+=(xvfb xauth webkit2gtk-driver poppler-utils qpdf python3-docx python3-openpyxl
             cups cups-client printer-driver-cups-pdf x11-utils xdotool dbus-daemon)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "错误：找不到 cargo。请先安装 Rust 工具链（rustup）。 error: cargo not found; install Rust (rustup) first." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "错误：需要 Node.js 20 或更新版本（当前 $(node --version)）。 error: Node.js >= 20 is required." >&2
  exit 1
fi

echo "==> npm: ui dependencies"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)

if [ "$with_test" = 1 ]; then
  # The test command checks formatting and lints: rustfmt and clippy come with rustup's default
  # profile; add them when the toolchain was installed with the minimal one.
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    echo "==> rustup: adding rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
  echo "==> npm: end-to-end test dependencies"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> cargo: installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
fi
