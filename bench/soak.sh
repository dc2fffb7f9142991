#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Soak test of multi-process collection: see --help.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

usage()
{
    cat <<EOF
Usage: bench/soak.sh MINUTES

Runs $COUNTERS_ROOT/build's counters-demo-server (or \$BUILD_DIR's; built when missing) as
\$SOAK_PROCESSES (default 8) processes of one multi-process group on two loopback addresses,
sends each about \$SOAK_RATE (default 50) requests a second from a Python load client, attaches
counters-dashboard offscreen to the leader (tcp://...), and every minute kills the leader with
SIGKILL and restarts it once a new leader has taken over. Every process reports each second
(--interval 1) into its own JSON Lines history, so that what the leaders wrote can be counted.

Prints the request rate served, the reports written by the leaders (and how many processes
each merged), every failover (time to a new leader and to its first report) and each process's
resident memory after warm-up and at the end. The last line is the verdict; the exit status is
1 when a failover did not complete within 10 s, a process grew its memory by 5 % or more, or a
process died on its own. Logs and histories stay in \$SOAK_DIR (default BUILD_DIR/soak).
Needs python3 (the load client and the report analysis).
EOF
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
'' | *[!0-9]* | 0)
    usage >&2
    exit 2
    ;;
esac
minutes=$1
build_dir="${BUILD_DIR:-$COUNTERS_ROOT/build}"
processes="${SOAK_PROCESSES:-8}"
rate="${SOAK_RATE:-50}"
dir="${SOAK_DIR:-$build_dir/soak}"
warmup=20          # seconds before the first memory reading (and after a restart or a takeover)
failover_limit=10  # seconds a failover may take, to a new leader's first report
growth_limit=5     # per cent

command -v python3 >/dev/null 2>&1 || counters_die "python3 is needed for the load client"

server="$(counters_find_executable "$build_dir/examples" counters-demo-server)"
dashboard="$(counters_find_executable "$build_dir/app" counters-dashboard)"
if [[ -z "$server" || -z "$dashboard" ]]; then
    counters_configure "$build_dir"
    counters_build "$build_dir" counters-demo-server counters-dashboard
    server="$(counters_find_executable "$build_dir/examples" counters-demo-server)"
    dashboard="$(counters_find_executable "$build_dir/app" counters-dashboard)"
fi
[[ -n "$server" && -n "$dashboard" ]] || counters_die "counters-demo-server or counters-dashboard did not build"

rm -rf "$dir"
mkdir -p "$dir"

# Free loopback ports: two collection addresses, one service port per process.
mapfile -t free_ports < <(python3 -c '
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); held.append(s); print(s.getsockname()[1])
' $((processes + 2)))
addresses="127.0.0.1:${free_ports[0]},127.0.0.1:${free_ports[1]}"
service_ports=("${free_ports[@]:2}")

declare -a pids=() baseline_rss=() baseline_at=() roles=()
dashboard_pid=""
dashboard_rss=""
load_pid=""
failovers=()   # "duration_to_leader duration_to_report nodes_in_first_report"
failed_failovers=0
unexpected_deaths=0

cleanup()
{
    local pid
    for pid in "$load_pid" "$dashboard_pid" "${pids[@]}"; do
        if [[ -n "$pid" ]]; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() { printf '%s' "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Prefixes each line with the epoch time, so that elections can be timed from the logs.
stamp()
{
    local line
    while IFS= read -r line; do
        printf '%s %s\n' "$EPOCHREALTIME" "$line"
    done
}

rss_kib()
{
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true
}

start_server()
{
    local i=$1
    "$server" --port "${service_ports[i]}" --multi-process "$addresses" --interval 1 \
        --history "$dir/history-$i.jsonl" > >(stamp >>"$dir/server-$i.log") 2>&1 &
    pids[i]=$!
    baseline_rss[i]=""
    baseline_at[i]=""
    roles[i]=""
}

# The role line a process printed last: "leader", "node" or "electing".
role_of()
{
    local line
    line="$(grep -E 'multi-process (leader at|node of|electing)' "$dir/server-$1.log" | tail -n 1)"
    case "$line" in
    *"leader at"*) echo leader ;;
    *"node of"*) echo node ;;
    *) echo electing ;;
    esac
}

leader_slot()
{
    local i
    for ((i = 0; i < processes; ++i)); do
        if kill -0 "${pids[i]}" 2>/dev/null && [[ "$(role_of "$i")" == leader ]]; then
            echo "$i"
            return
        fi
    done
}

# Memory baselines: after warm-up, and again after a process took over as leader (a leader
# merges and reports, so it legitimately holds more than a node).
update_baselines()
{
    local i role t
    t=$(now)
    for ((i = 0; i < processes; ++i)); do
        kill -0 "${pids[i]}" 2>/dev/null || continue
        role="$(role_of "$i")"
        if [[ "$role" != "${roles[i]}" ]]; then
            roles[i]="$role"
            baseline_rss[i]=""
            baseline_at[i]="$(awk -v t="$t" -v w="$warmup" 'BEGIN { printf "%.6f", t + w }')"
        fi
        if [[ -z "${baseline_rss[i]}" && -n "${baseline_at[i]}" ]] &&
            awk -v t="$t" -v a="${baseline_at[i]}" 'BEGIN { exit !(t >= a) }'; then
            baseline_rss[i]="$(rss_kib "${pids[i]}")"
        fi
    done
}

counters_log "starting $processes counters-demo-server processes on $addresses (logs: $dir)"
for ((i = 0; i < processes; ++i)); do
    start_server "$i"
done
for _ in $(seq 1 100); do
    [[ -n "$(leader_slot)" ]] && break
    sleep 0.1
done
[[ -n "$(leader_slot)" ]] || counters_die "no leader after 10 s; see $dir/server-*.log"

QT_QPA_PLATFORM=offscreen "$dashboard" --no-discovery --connect "tcp://127.0.0.1:${free_ports[0]}" \
    >"$dir/dashboard.log" 2>&1 &
dashboard_pid=$!

python3 - "$rate" "$dir/load.txt" "${service_ports[@]}" >"$dir/load.log" 2>&1 <<'EOF' &
import socket, sys, threading, time
rate, out, ports = float(sys.argv[1]), sys.argv[2], [int(p) for p in sys.argv[3:]]
ok, failed, lock = [0], [0], threading.Lock()
def client(port):
    n = 0
    next_at = time.monotonic()
    while True:
        n += 1
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"soak request %d" % n)
                while s.recv(4096):
                    pass
            with lock: ok[0] += 1
        except OSError:
            with lock: failed[0] += 1
        next_at += 1 / rate
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at = max(next_at, time.monotonic() - 1)  # no burst after a pause
for p in ports:
    threading.Thread(target=client, args=(p,), daemon=True).start()
while True:
    time.sleep(1)
    with lock:
        line = "%d %d\n" % (ok[0], failed[0])
    with open(out + ".tmp", "w") as f: f.write(line)
    import os; os.replace(out + ".tmp", out)
EOF
load_pid=$!
run_started=$(now)
counters_log "load: $rate requests/s to each process; dashboard attached to tcp://127.0.0.1:${free_ports[0]}; running $minutes min, killing the leader every minute"

# The first report with a collection time after $1, in any history: "<time> <node reports>".
first_report_after()
{
    python3 - "$1" "$dir"/history-*.jsonl <<'EOF'
import json, sys
after, best = float(sys.argv[1]), None
for path in sys.argv[2:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        try:
            report = json.loads(line)
        except ValueError:
            continue
        t = report.get("__collection_time__", 0)
        if t > after and (best is None or t < best[0]):
            best = (t, len(report.get("__node_reports__", {})))
if best:
    print("%.6f %d" % best)
EOF
}

# After the last kill, long enough for the new leader's memory baseline and a reading after it.
dashboard_warm=$((SECONDS + warmup))
deadline=$((SECONDS + minutes * 60 + warmup + 15))
next_kill=$((SECONDS + 60))
kills_left=$minutes
while ((SECONDS < deadline)); do
    sleep 1
    update_baselines
    if [[ -z "$dashboard_rss" ]] && ((SECONDS >= dashboard_warm)); then
        dashboard_rss="$(rss_kib "$dashboard_pid")"
    fi
    for ((i = 0; i < processes; ++i)); do
        if ! kill -0 "${pids[i]}" 2>/dev/null; then
            counters_log "process $i (pid ${pids[i]}) died on its own; restarting it"
            unexpected_deaths=$((unexpected_deaths + 1))
            start_server "$i"
        fi
    done
    if ((kills_left > 0 && SECONDS >= next_kill)); then
        next_kill=$((next_kill + 60))
        kills_left=$((kills_left - 1))
        victim="$(leader_slot)"
        if [[ -z "$victim" ]]; then
            counters_log "no leader to kill"
            failed_failovers=$((failed_failovers + 1))
            continue
        fi
        killed_at=$(now)
        kill -KILL "${pids[victim]}"
        wait "${pids[victim]}" 2>/dev/null || true
        new_leader=""
        to_leader=""
        report=""
        until [[ -n "$report" ]] ||
            awk -v a="$killed_at" -v b="$(now)" -v l="$failover_limit" 'BEGIN { exit !(b - a > l) }'; do
            sleep 0.05
            if [[ -z "$new_leader" ]]; then
                new_leader="$(leader_slot)"
                if [[ -n "$new_leader" ]]; then
                    t="$(grep -E 'multi-process leader at' "$dir/server-$new_leader.log" | tail -n 1 | cut -d' ' -f1)"
                    to_leader="$(elapsed "$killed_at" "$t")"
                fi
            fi
            report="$(first_report_after "$killed_at")"
        done
        if [[ -n "$report" && -n "$new_leader" ]]; then
            to_report="$(elapsed "$killed_at" "${report%% *}")"
            failovers+=("$to_leader $to_report ${report##* }")
            counters_log "killed leader $victim (pid ${pids[victim]}); process $new_leader leads after ${to_leader} s, first report after ${to_report} s merging ${report##* } processes"
        else
            failed_failovers=$((failed_failovers + 1))
            counters_log "killed leader $victim (pid ${pids[victim]}): NO complete failover within $failover_limit s"
        fi
        start_server "$victim"
    fi
done
run_ended=$(now)

# ---- results ----------------------------------------------------------------------------------
read -r load_ok load_failed <"$dir/load.txt" || { load_ok=0; load_failed=0; }
duration="$(elapsed "$run_started" "$run_ended")"
echo
echo "Soak: $processes processes, $minutes min (${duration} s), ${#failovers[@]} leader kills with failover"
printf 'requests served: %d (%.1f per second, all processes), failed: %d (to killed processes)\n' \
    "$load_ok" "$(awk -v n="$load_ok" -v d="$duration" 'BEGIN { print n / d }')" "$load_failed"
python3 - "$run_started" "$run_ended" "$processes" "$dir"/history-*.jsonl <<'EOF'
import json, sys
start, end, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
reports = []
for path in sys.argv[4:]:
    for line in open(path):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        t = r.get("__collection_time__", 0)
        if start <= t <= end:
            reports.append((t, len(r.get("__node_reports__", {})), r.get("requests_frequency")))
reports.sort()
full = sum(1 for r in reports if r[1] >= n)
gaps = [b[0] - a[0] for a, b in zip(reports, reports[1:])]
print("reports written by leaders: %d in %.0f s (%d merging all %d processes); longest gap %.2f s"
      % (len(reports), end - start, full, n, max(gaps) if gaps else 0))
if reports and reports[-1][2] is not None:
    print("events per second, as the last merged report counts them (requests_frequency): %.1f"
          % reports[-1][2])
EOF
if ((${#failovers[@]} > 0)); then
    echo "failovers (to a new leader / to its first report / processes in that report):"
    for f in "${failovers[@]}"; do
        read -r a b c <<<"$f"
        echo "  ${a} s / ${b} s / $c"
    done
fi
grown=0
if kill -0 "$dashboard_pid" 2>/dev/null; then
    end_rss="$(rss_kib "$dashboard_pid")"
    growth="$(awk -v a="${dashboard_rss:-$end_rss}" -v b="$end_rss" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')"
    verdict=ok
    if awk -v g="$growth" -v l="$growth_limit" 'BEGIN { exit !(g >= l) }'; then
        verdict="GREW"
        grown=$((grown + 1))
    fi
    printf 'dashboard (pid %s): running, VmRSS %s -> %s KiB (%+.1f %%) %s\n' "$dashboard_pid" \
        "${dashboard_rss:-?}" "$end_rss" "$growth" "$verdict"
else
    echo "dashboard: EXITED (see $dir/dashboard.log)"
    unexpected_deaths=$((unexpected_deaths + 1))
fi

echo "memory (VmRSS, KiB; baseline $warmup s after start or after a change of role):"
for ((i = 0; i < processes; ++i)); do
    end_rss="$(rss_kib "${pids[i]}")"
    if [[ -z "${baseline_rss[i]}" || -z "$end_rss" ]]; then
        printf '  process %d (pid %s, %s): too young to judge (restarted or took over less than %d s ago)\n' \
            "$i" "${pids[i]}" "${roles[i]}" "$warmup"
        continue
    fi
    growth="$(awk -v a="${baseline_rss[i]}" -v b="$end_rss" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')"
    verdict=ok
    if awk -v g="$growth" -v l="$growth_limit" 'BEGIN { exit !(g >= l) }'; then
        verdict="GREW"
        grown=$((grown + 1))
    fi
    printf '  process %d (pid %s, %s): %s -> %s (%+.1f %%) %s\n' "$i" "${pids[i]}" "${roles[i]}" \
        "${baseline_rss[i]}" "$end_rss" "$growth" "$verdict"
done

if ((failed_failovers == 0 && grown == 0 && unexpected_deaths == 0 && ${#failovers[@]} > 0)); then
    echo "VERDICT: PASS (${#failovers[@]} failovers completed, memory growth < $growth_limit % everywhere)"
    exit 0
fi
echo "VERDICT: FAIL ($failed_failovers failovers incomplete, $grown processes grew >= $growth_limit %, $unexpected_deaths unexpected exits)"
exit 1
