#!/usr/bin/env bash
# Fails when the workspace's `rust-version` (Cargo.toml) is lower than what a dependency declares
# it needs: the claim must stay true as dependencies move. (Clippy's `incompatible_msrv` lint, run
# by scripts/test.sh, checks the same claim against the standard-library APIs our own code uses.)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo metadata --format-version 1 --locked | node -e '
let s = ""
process.stdin.on("data", (d) => (s += d)).on("end", () => {
  const m = JSON.parse(s)
  const v = (x) => x.split(".").map(Number).concat([0, 0, 0]).slice(0, 3)
  const less = (a, b) => { const [x, y] = [v(a), v(b)]; for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i]; return false }
  const ours = m.packages.find((p) => p.name === "huiwu-core").rust_version
  const over = m.packages.filter((p) => p.source && p.rust_version && less(ours, p.rust_version))
  for (const p of over) console.error(`${p.name} ${p.version} needs Rust ${p.rust_version}`)
  if (over.length) { console.error(`FAILED: rust-version = "${ours}" in Cargo.toml is lower than a dependency needs`); process.exit(1) }
  console.log(`rust-version ${ours}: no dependency needs more`)
})'
