#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CPU load of counters-dashboard charting 100 live series at 2 Hz: see --help.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
counters=${LOAD_COUNTERS:-100}
duration=${LOAD_SECONDS:-30}
warmup=${LOAD_WARMUP:-5}

usage()
{
    cat <<EOF
Usage: bench/dashboard-load.sh

Starts counters-demo-server with $counters synthetic counters (--synthetic-counters) reporting
twice a second on a local socket, runs counters-dashboard offscreen on it with a layout that
charts every one of them (4 charts), lets it warm up ${warmup} s, then measures the dashboard
process's CPU time (utime + stime of /proc/PID/stat) over ${duration} s and prints

    max_stall_ms=<the longest GUI stall, start-up and charting the counters included>
    cpu_percent=<percent of one core>

Uses the build in $root/build, or the folder named by \$BUILD_DIR (the targets
counters-demo-server and counters-dashboard must be built). \$LOAD_COUNTERS, \$LOAD_SECONDS
and \$LOAD_WARMUP change the number of counters, the measured and the warm-up seconds;
\$LOAD_PROFILE, a command, is run with the dashboard's pid once warm (for example
LOAD_PROFILE='perf record -g -o /tmp/dashboard.perf -p').
Settings and sockets live in a temporary folder: the user's are not touched.
EOF
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
"") ;;
*)
    echo "dashboard-load.sh: unexpected argument: $1 (try --help)" >&2
    exit 2
    ;;
esac

server="$build_dir/examples/demoserver/counters-demo-server"
dashboard="$build_dir/app/counters-dashboard"
for executable in "$server" "$dashboard"; do
    if [[ ! -x "$executable" ]]; then
        echo "dashboard-load.sh: $executable is missing: build it first" \
            "(cmake --build $build_dir --target $(basename "$executable"))" >&2
        exit 1
    fi
done

work="$(mktemp -d)"
server_pid=""
dashboard_pid=""
cleanup()
{
    if [[ -n "$dashboard_pid" ]]; then
        kill "$dashboard_pid" 2>/dev/null || true
        wait "$dashboard_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A private runtime folder (the local socket) and settings folder for both processes.
mkdir -m 0700 "$work/runtime" "$work/config"
export XDG_RUNTIME_DIR="$work/runtime"
export XDG_CONFIG_HOME="$work/config"
export QT_QPA_PLATFORM=offscreen
name="dashboard-load-$$"

"$server" --port 0 --local-socket "$name" --interval 0.5 --synthetic-counters "$counters" \
    >"$work/server.log" 2>&1 &
server_pid=$!

# Every synthetic counter in a chart: four charts of a quarter each.
source_id="LocalService local:$name"
{
    printf '{"version": 1, "sources": ["%s"], "charts": [' "$source_id"
    per_chart=$(((counters + 3) / 4))
    for ((chart = 0; chart * per_chart < counters; chart++)); do
        ((chart > 0)) && printf ','
        printf '{"range": "5m", "series": ['
        for ((i = chart * per_chart; i < (chart + 1) * per_chart && i < counters; i++)); do
            ((i > chart * per_chart)) && printf ','
            printf '{"source": "%s", "counter": "synthetic_%03d"}' "$source_id" "$i"
        done
        printf ']}'
    done
    printf ']}\n'
} >"$work/layout.json"

# Wait for the service's socket before the dashboard connects.
for _ in $(seq 100); do
    grep -q "publishing on the local socket" "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || {
        cat "$work/server.log" >&2
        echo "dashboard-load.sh: the demo server did not start" >&2
        exit 1
    }
    sleep 0.1
done

# It quits by itself after the measurement and prints its longest GUI stall (--report-stalls).
"$dashboard" --layout "$work/layout.json" --no-discovery --report-stalls \
    --quit-after $((warmup + duration + 3)) >"$work/dashboard.log" 2>&1 &
dashboard_pid=$!

cpu_ticks()
{
    # Fields 14 and 15 of /proc/PID/stat (after the command name in parentheses).
    local stat
    stat="$(cat "/proc/$1/stat")"
    stat="${stat##*) }"
    read -r -a fields <<<"$stat"
    echo $((fields[11] + fields[12]))
}

sleep "$warmup"
if [[ -n "${LOAD_PROFILE:-}" ]]; then
    # A hook for profiling: runs with the dashboard's pid, e.g. LOAD_PROFILE='perf record -p'.
    $LOAD_PROFILE "$dashboard_pid" &
fi
if ! kill -0 "$dashboard_pid" 2>/dev/null; then
    cat "$work/dashboard.log" >&2
    echo "dashboard-load.sh: the dashboard exited" >&2
    exit 1
fi
start_ticks=$(cpu_ticks "$dashboard_pid")
start_ns=$(date +%s%N)
sleep "$duration"
end_ticks=$(cpu_ticks "$dashboard_pid")
end_ns=$(date +%s%N)

ticks_per_second=$(getconf CLK_TCK)
wait "$dashboard_pid" || true
dashboard_pid=""
grep -E '^max_stall_ms=' "$work/dashboard.log" || echo "max_stall_ms=unknown (the dashboard did not report)"
awk -v ticks=$((end_ticks - start_ticks)) -v hz="$ticks_per_second" \
    -v ns=$((end_ns - start_ns)) 'BEGIN { printf "cpu_percent=%.1f\n", 100 * ticks / hz / (ns / 1e9) }'
