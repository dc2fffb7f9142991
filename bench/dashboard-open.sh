#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Time and memory of counters-dashboard opening a day of history: see --help.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
reports=${OPEN_REPORTS:-86400}
counters=${OPEN_COUNTERS:-20}

usage()
{
    cat <<EOF2
Usage: bench/dashboard-open.sh

Writes a JSON Lines history of $reports reports of $counters average-time counters, one a
second (bench/make-day-history.py; kept in $build_dir/bench-data), then, with the file in the
page cache:

  1. reads it line by line with Python's json.loads, the baseline;
  2. runs counters-dashboard offscreen on it until the whole file is loaded and the window
     rendered (--screenshot), with --report-stalls.

Prints the seconds of each, the dashboard's peak memory and longest GUI stall, and last

    ratio=<dashboard seconds / Python seconds>

\$OPEN_REPORTS and \$OPEN_COUNTERS change the history's size; \$BUILD_DIR the build folder
(the target counters-dashboard must be built). The screenshot is left in
$build_dir/bench-data/day.png.
EOF2
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
"") ;;
*)
    echo "dashboard-open.sh: unexpected argument: $1 (try --help)" >&2
    exit 2
    ;;
esac

dashboard="$build_dir/app/counters-dashboard"
if [[ ! -x "$dashboard" ]]; then
    echo "dashboard-open.sh: $dashboard is missing: build it first" \
        "(cmake --build $build_dir --target counters-dashboard)" >&2
    exit 1
fi

data="$build_dir/bench-data"
mkdir -p "$data"
history="$data/day-${reports}x${counters}.jsonl"
if [[ ! -s "$history" ]]; then
    python3 "$root/bench/make-day-history.py" "$history" --reports "$reports" \
        --counters "$counters"
fi
cat "$history" >/dev/null # into the page cache: both readers start from memory
echo "history=$history ($(($(stat -c %s "$history") >> 20)) MiB, $reports reports of $counters counters)"

python_seconds=$(python3 - "$history" <<'PY'
import json, sys, time
start = time.monotonic()
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        json.loads(line)
print("%.2f" % (time.monotonic() - start))
PY
)
echo "python_json_loads_s=$python_seconds"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -m 0700 "$work/runtime" "$work/config"
start_ns=$(date +%s%N)
XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen \
    "$dashboard" --report-stalls --no-discovery --screenshot "$data/day.png" \
    --screenshot-after 600 "$history" >"$work/out.txt" 2>"$work/err.txt" || {
    cat "$work/err.txt" >&2
    echo "dashboard-open.sh: the dashboard failed" >&2
    exit 1
}
end_ns=$(date +%s%N)
dashboard_seconds=$(awk -v a="$start_ns" -v b="$end_ns" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "dashboard_open_s=$dashboard_seconds"
grep -E '^(peak_rss_mb|max_stall_ms)=' "$work/out.txt"
awk -v d="$dashboard_seconds" -v p="$python_seconds" 'BEGIN { printf "ratio=%.2f\n", d / p }'
