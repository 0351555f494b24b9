#!/usr/bin/env bash
# Builds Huiwu and opens its window on the demo committee (政协安宁市第六届委员会).
# The demo database is created once at ~/.local/share/huiwu/demo.db and kept between runs;
# delete it (or pass --fresh) to start over.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "==> building the window (ui, then the app)"
(cd ui && npx vite build --logLevel warn)
cargo build -p huiwu

db="${HUIWU_DEMO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/huiwu/demo.db}"
mkdir -p "$(dirname "$db")"
if [ "${1:-}" = "--fresh" ] || [ ! -f "$db" ]; then
  target/debug/huiwu --db "$db" demo --force
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "没有图形显示（DISPLAY 未设置），改在虚拟显示 Xvfb 中打开。 no display: running under xvfb-run." >&2
  command -v xvfb-run >/dev/null 2>&1 || { sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq --no-install-recommends xvfb xauth; }
  exec xvfb-run -a target/debug/huiwu --db "$db"
fi
exec target/debug/huiwu --db "$db"
