#!/usr/bin/env bash
# Runs every test of Huiwu on a Debian 12 machine, installing what is missing first:
# formatting and lints (rustfmt, clippy with warnings as errors, ESLint), UI type check + Vitest, the
# core's unit tests, the integration-test binary, the invariants of the code base, the end-to-end
# tests that drive the real window under Xvfb, and the installer (built, installed, opened, removed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/test-printer.sh
export HUIWU_TEST_PRINTER=HuiwuTestPDF HUIWU_TEST_PRINTER_OUT="$HOME/PDF"

echo "==> formatting and lints: rustfmt, ESLint"
cargo fmt --all --check
(cd ui && npx eslint --max-warnings 0 .)

echo "==> ui: type check, unit tests (Vitest), build"
(cd ui && npx vue-tsc --noEmit && npx vitest run && npx vite build --logLevel warn)

echo "==> rust: clippy over every target, warnings are errors"
cargo clippy --workspace --all-targets -- -D warnings

echo "==> rust: build the app binary (the CLI tests and the window use it)"
cargo build -p huiwu

echo "==> rust: unit and integration tests"
cargo test --workspace --no-fail-fast

echo "==> invariants"
bash scripts/check-rust-version.sh
if cargo tree -p huiwu-core -e normal,build --prefix none | grep -E '^tauri' ; then
  echo "FAILED: huiwu-core depends on tauri (see above); the core must never import tauri" >&2
  exit 1
fi
# Calls into C live in two modules of the shell, src-tauri/src/webview.rs and src-tauri/src/fontpages.rs
# (the workspace denies unsafe code elsewhere; the core has none).
if grep -rln --include='*.rs' 'allow(unsafe_code)' src-tauri tests | grep -v -E '^src-tauri/src/(webview|fontpages)\.rs$' ; then
  echo "FAILED: unsafe code is allowed outside src-tauri/src/webview.rs and src-tauri/src/fontpages.rs (see above)" >&2
  exit 1
fi
if [ -d .git ] && [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --short -- ui/src/bindings
  echo "FAILED: ui/src/bindings is out of date with the Rust types; commit the regenerated files" >&2
  exit 1
fi

echo "==> end-to-end: the real window under Xvfb (tauri-driver + WebKitWebDriver)"
(cd tests/e2e && HUIWU_BIN="$PWD/../../target/debug/huiwu" xvfb-run -a --server-args="-screen 0 1600x1000x24" npm test)
echo "==> the installer: a .deb (from a debug build) installed with apt, its window opened, removed again"
# Last: the package's build replaces target/debug/huiwu with one built with Tauri's bundling features.
bash scripts/test-package.sh --debug
echo "==> all tests passed"
