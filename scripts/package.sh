#!/usr/bin/env bash
# Builds the installer of Huiwu for Debian 12 / UOS / Kylin: a release build packed by Tauri's
# bundler into target/release/bundle/deb/huiwu_<version>_<arch>.deb, which
# `sudo apt install ./huiwu_*.deb` installs with what it needs (WebKitGTK, a Chinese font).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "==> building the installer (release build; several minutes)"
(cd ui && npx vite build --logLevel warn)
ui/node_modules/.bin/tauri build --bundles deb --ci
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
echo "==> installer: $deb"
echo "    install it with: sudo apt install ./$deb"
