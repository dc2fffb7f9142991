#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, starts the demo service and watches it with the dashboard.
# See --help.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage()
{
    cat <<EOF
Usage: scripts/run.sh [DASHBOARD ARGS...]

Installs the Debian packages the project needs (when missing), builds the demo service and the
dashboard into build/, starts build/examples/counters-demo-server in the background with its
reporters on (local socket "demo", JSON report every second) and a small client that sends it
a few requests a second (so that the charts move), and opens build/app/counters-dashboard
attached to it. Closing the dashboard stops the demo service and the client.

Without a display (\$DISPLAY and \$WAYLAND_DISPLAY unset) the dashboard runs offscreen once a
few seconds of live data exist, saves a screenshot to build/dashboard.png and exits.

The demo service's reports and log go to \$COUNTERS_RUNTIME_DIR (default: build/run/).
Further arguments go to the dashboard.
EOF
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
esac

build_dir="$COUNTERS_ROOT/build"
RUNTIME="${COUNTERS_RUNTIME_DIR:-$build_dir/run}"

counters_install_packages
counters_configure "$build_dir"

# Build only the two programs, and say plainly which one the project does not define yet.
targets=()
missing=()
for target in counters-demo-server counters-dashboard; do
    if counters_has_target "$build_dir" "$target"; then
        targets+=("$target")
    else
        missing+=("$target")
    fi
done
if ((${#targets[@]} > 0)); then
    counters_build "$build_dir" "${targets[@]}"
fi
server="$(counters_find_executable "$build_dir/examples" counters-demo-server)"
dashboard="$(counters_find_executable "$build_dir/app" counters-dashboard)"
failed=""
for pair in "examples:counters-demo-server:$server" "app:counters-dashboard:$dashboard"; do
    IFS=: read -r folder name exe <<<"$pair"
    [[ -z "$exe" ]] || continue
    if [[ " ${missing[*]} " == *" $name "* ]]; then
        printf 'error: %s is missing: the project does not build it yet (no CMake target "%s")\n' \
            "build/$folder/$name" "$name" >&2
    else
        printf 'error: %s is missing although target "%s" was built\n' "build/$folder/$name" \
            "$name" >&2
    fi
    failed=1
done
if [[ -n "$failed" ]]; then
    exit 1
fi

mkdir -p "$RUNTIME"
rm -f "$RUNTIME/demo.json"
server_log="$RUNTIME/demo-server.log"
server_pid=""
client_pid=""
stop_server()
{
    if [[ -n "$client_pid" ]]; then
        kill "$client_pid" 2>/dev/null || true
        wait "$client_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        counters_log "stopped counters-demo-server (pid $server_pid)"
    fi
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

counters_log "starting counters-demo-server (log: ${server_log#"$COUNTERS_ROOT"/})"
"$server" --port 0 --local-socket demo --json "$RUNTIME/demo.json" --interval 1 >"$server_log" 2>&1 &
server_pid=$!

# Ready once its JSON reporter wrote the first report (sent at once, then every second).
for _ in $(seq 1 50); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid" && rc=0 || rc=$?
        server_pid=""
        printf 'error: counters-demo-server exited (status %s) at start-up; its log:\n' "$rc" >&2
        cat "$server_log" >&2
        exit 1
    fi
    [[ -s "$RUNTIME/demo.json" ]] && break
    sleep 0.2
done
[[ -s "$RUNTIME/demo.json" ]] ||
    counters_log "warning: no report in ${RUNTIME#"$COUNTERS_ROOT"/}/demo.json after 10 s; starting the dashboard anyway"

# A client on loopback, about twenty requests a second of varying length, for as long as the
# demo runs: the tutorial's counters then have something to show.
port="$(grep -o 'serving on [0-9.]*:[0-9]*' "$server_log" | head -n 1 | sed 's/.*://')"
if [[ -n "$port" ]]; then
    (
        words=(hello counters dashboard latency frequency "a somewhat longer request line")
        while kill -0 "$server_pid" 2>/dev/null; do
            if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
                printf '%s %d' "${words[RANDOM % ${#words[@]}]}" "$RANDOM" >&3
                cat <&3 >/dev/null || true
                exec 3>&-
            fi
            sleep 0.05
        done
    ) 2>/dev/null &
    client_pid=$!
else
    counters_log "warning: could not read the demo server's port from its log; no requests are sent"
fi

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    screenshot="$build_dir/dashboard.png"
    echo "No display: \$DISPLAY and \$WAYLAND_DISPLAY are unset, so the dashboard cannot open a window."
    echo "Running it offscreen instead; it saves a screenshot of a few seconds of live data and exits."
    sleep 6 # the service keeps recent reports and sends them to the dashboard when it attaches
    rm -f "$screenshot"
    QT_QPA_PLATFORM=offscreen "$dashboard" --connect local:demo \
        --screenshot "$screenshot" --screenshot-after 5 "$@"
    [[ -s "$screenshot" ]] || counters_die "the dashboard exited without writing $screenshot"
    echo "Screenshot: $screenshot"
else
    counters_log "starting counters-dashboard (close its window to stop the demo service)"
    "$dashboard" --connect local:demo "$@"
fi
