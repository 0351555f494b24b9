#!/usr/bin/env bash
# Opening costs O(1) in the history (issue 17, point 1): times CLI commands, on a release build,
# on a committee file with 2 000 members and ten years of sittings and check-ins, and on the demo,
# and prints each figure with the ratio ten-years / demo (target: at most 1.2).
#
#   bash scripts/bench-open.sh [RUNS]      (RUNS per command, default 7; the median is printed)
#
# Each command is a whole `huiwu` process, as a clerk or a script runs it: start, open the file,
# do the work, close. The ten-year file is built once by benches/ten_years.rs (a minute or two).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -p huiwu >&2
bin=$PWD/target/release/huiwu
"$bin" --db "$work/demo.db" demo >/dev/null
big_minutes=$(HUIWU_BENCH_FILE="$work/ten-years.db" cargo bench -p huiwu-core --bench ten_years 2>&2 | sed -n 's/^MINUTES_SITTING=//p')
demo_minutes=$(HUIWU_BENCH_DEMO="$work/demo.db" cargo bench -p huiwu-core --bench ten_years 2>/dev/null | sed -n 's/^MINUTES_SITTING=//p')

# median_ms DB ARGS...: the median wall time of RUNS runs, in milliseconds.
median_ms() {
  local db=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$bin" --db "$db" "$@" >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

printf 'files: demo %s bytes, ten years %s bytes; %s runs each, median\n' \
  "$(stat -c %s "$work/demo.db")" "$(stat -c %s "$work/ten-years.db")" "$runs"
printf '%-22s %12s %12s %8s\n' command "demo (ms)" "10 years (ms)" ratio
worst=0
bench() {
  local label=$1 demo_args=$2 big_args=$3 counts=${4:-yes}
  local d b
  # shellcheck disable=SC2086
  d=$(median_ms "$work/demo.db" $demo_args)
  # shellcheck disable=SC2086
  b=$(median_ms "$work/ten-years.db" $big_args)
  local r
  r=$(awk -v b="$b" -v d="$d" 'BEGIN {printf "%.2f", b / d}')
  printf '%-22s %12s %12s %7s×\n' "$label" "$d" "$b" "$r"
  if [ "$counts" = yes ]; then worst=$(awk -v w="$worst" -v r="$r" 'BEGIN {print (r > w) ? r : w}'); fi
}
bench "info" "info" "info"
bench "members list" "members list" "members list"
bench "attendance member" "attendance member A6001" "attendance member B1001"
bench "minutes export" "minutes export --sitting $demo_minutes $work/d.pdf --force" \
  "minutes export --sitting $big_minutes $work/b.pdf --force"
printf 'worst ratio of the everyday commands: %s× (target: ≤ 1.2×)\n' "$worst"
bench "check (whole file)" "check" "check" no
echo "(huiwu check reads every page by design: it is the scan the everyday commands no longer make)"
