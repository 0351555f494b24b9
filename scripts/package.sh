#!/usr/bin/env bash
# Builds the installer of Huiwu for Debian 12 / UOS / Kylin: a release build packed by Tauri's
# bundler into target/release/bundle/deb/huiwu_<version>_<arch>.deb, which
# `sudo apt install ./huiwu_*.deb` installs with what it needs (WebKitGTK, a Chinese font).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# `--debug`: the same package from a debug build (the test command checks packaging with it; a
# release build would double its time). Never hand a debug package to a user.
profile=release
tauri_args=(--bundles deb --ci)
if [ "${1:-}" = --debug ]; then profile=debug; tauri_args+=(--debug); fi

echo "==> building the installer ($profile build; several minutes)"
(cd ui && npx vite build --logLevel warn)
ui/node_modules/.bin/tauri build "${tauri_args[@]}"
deb=$(ls -t target/$profile/bundle/deb/*.deb | head -n 1)
echo "==> installer: $deb"
echo "    install it with: sudo apt install ./$deb"
