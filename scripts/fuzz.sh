#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets of tests/fuzz/ with clang and runs each for a while. See --help.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage()
{
    cat <<EOF
Usage: scripts/fuzz.sh [--no-build] SECONDS [TARGET...]

Installs clang and its libFuzzer runtime when missing (and the packages scripts/test.sh needs),
configures build-fuzz/ with clang++ and -DCOUNTERS_FUZZ=ON (static libraries instrumented for
coverage, AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer), builds the fuzz
targets of tests/fuzz/ and runs each for SECONDS seconds, one after the other. Exits non-zero
when any target finds a crash, a leak, a timeout (an input that takes more than ${COUNTERS_FUZZ_TIMEOUT:-10} s) or
an out-of-memory (more than ${COUNTERS_FUZZ_RSS_MB:-2048} MiB), naming the target and the file that reproduces it.

  SECONDS      how long each target runs (libFuzzer's -max_total_time)
  TARGET...    only these targets (default: all of them), e.g. fuzz_json_report
  --no-build   run what build-fuzz/ holds (for a second run in parallel with the first)
  -h, --help   this text

The starting inputs in tests/fuzz/corpus/<target>/ are copied to build-fuzz/fuzz-corpus/<target>/, where
the inputs libFuzzer finds accumulate from run to run (the committed corpus never grows).
Findings go to build-fuzz/fuzz-findings/<target>/; reproduce one with
  build-fuzz/tests/fuzz/<target> <file>
and add it to tests/fuzz/corpus/<target>/ once the bug is fixed. Each target prints the number
of inputs it ran (libFuzzer's stat::number_of_executed_units).

Environment: COUNTERS_FUZZ_TIMEOUT (seconds per input, default 10), COUNTERS_FUZZ_RSS_MB
(default 2048), COUNTERS_FUZZ_ARGS (more libFuzzer options), COUNTERS_JOBS (build jobs, default:
nproc), COUNTERS_SKIP_INSTALL=1 (never call apt-get).
EOF
}

build=1
seconds=""
targets=()
while (($# > 0)); do
    case "$1" in
    -h | --help)
        usage
        exit 0
        ;;
    --no-build)
        build=0
        shift
        ;;
    -*)
        counters_die "unknown option '$1' (see --help)"
        ;;
    *)
        if [[ -z "$seconds" ]]; then
            [[ "$1" =~ ^[1-9][0-9]*$ ]] || counters_die "SECONDS must be a positive number, not '$1'"
            seconds="$1"
        else
            targets+=("$1")
        fi
        shift
        ;;
    esac
done
[[ -n "$seconds" ]] || counters_die "how many seconds per target? (see --help)"

build_dir="$COUNTERS_ROOT/build-fuzz"
fuzz_dir="$build_dir/tests/fuzz"
timeout="${COUNTERS_FUZZ_TIMEOUT:-10}"
rss_mb="${COUNTERS_FUZZ_RSS_MB:-2048}"

started=$SECONDS
report_time()
{
    local rc=$?
    local verdict=passed
    ((rc == 0)) || verdict="FAILED (exit $rc)"
    printf '==> scripts/fuzz.sh %s: %s, wall time %s\n' "$seconds" "$verdict" \
        "$(counters_format_seconds $((SECONDS - started)))" >&2
}
trap report_time EXIT

if ((build)); then
    # clang and the libFuzzer runtime (libclang_rt.fuzzer*.a is in libclang-rt-<version>-dev).
    COUNTERS_APT_PACKAGES+=(clang libclang-rt-dev)
    counters_install_packages
    command -v clang++ >/dev/null 2>&1 || counters_die "clang++ is not installed"
    # Optimised with debug info and asserts (QT_FORCE_ASSERTS), so that findings have readable
    # stacks. Only the libraries and the fuzz targets are built.
    export COUNTERS_BUILD_TYPE="${COUNTERS_BUILD_TYPE:-RelWithDebInfo}"
    CC=clang CXX=clang++ counters_configure "$build_dir" -DCOUNTERS_FUZZ=ON -DCOUNTERS_SANITIZE= \
        -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DCOUNTERS_BUILD_APP=OFF \
        -DCOUNTERS_BUILD_EXAMPLES=OFF -DCOUNTERS_BUILD_BENCH=OFF
    counters_build "$build_dir" counters_fuzzers
fi

if ((${#targets[@]} == 0)); then
    for source in "$COUNTERS_ROOT"/tests/fuzz/fuzz_*.cpp; do
        targets+=("$(basename "$source" .cpp)")
    done
fi

# The sanitizers stop at the first error; libFuzzer then saves the input. Leaks are checked
# after every input that allocated more than it freed.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:print_stacktrace=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

failed=()
summary=()
for target in "${targets[@]}"; do
    binary="$fuzz_dir/$target"
    [[ -x "$binary" ]] || counters_die "no fuzz target $target in $fuzz_dir (build it first)"
    corpus="$build_dir/fuzz-corpus/$target"
    findings="$build_dir/fuzz-findings/$target"
    log="$build_dir/fuzz-logs/$target.log"
    mkdir -p "$corpus" "$findings" "$(dirname "$log")"
    # A writable copy of the starting corpus; what earlier runs found stays.
    cp -n "$COUNTERS_ROOT/tests/fuzz/corpus/$target"/* "$corpus"/ 2>/dev/null || true
    options=()
    if [[ -f "$COUNTERS_ROOT/tests/fuzz/dict/$target.dict" ]]; then
        options+=(-dict="$COUNTERS_ROOT/tests/fuzz/dict/$target.dict")
    fi
    case "$target" in
    fuzz_frame_reader)
        # Every frame costs allocations in three readers; a longer stream only repeats them.
        options+=(-max_len=1024)
        ;;
    fuzz_munin_config | fuzz_http_request)
        # Real configs and requests are short; longer inputs repeat what short ones cover.
        options+=(-max_len=1024)
        ;;
    fuzz_report_file)
        # A few lines cover how a file is cut, dated and sorted (the short starting inputs fit); what
        # each line holds is fuzz_json_report's (longer inputs only parse more of it, slower).
        options+=(-max_len=1536)
        ;;
    esac

    counters_log "fuzzing $target for ${seconds}s (log: $log)"
    rc=0
    # shellcheck disable=SC2086 # COUNTERS_FUZZ_ARGS is a list of options
    "$binary" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
        -print_final_stats=1 -artifact_prefix="$findings/" "${options[@]}" \
        ${COUNTERS_FUZZ_ARGS:-} "$corpus" >"$log" 2>&1 || rc=$?

    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    runs="${runs:-?}"
    if ((rc == 0)) && ! grep -q 'ERROR: \|runtime error:\|fuzz invariant failed' "$log"; then
        summary+=("$(printf '%-20s %12s executions, no findings' "$target" "$runs")")
        continue
    fi
    kind="$(grep -o -m 1 'ERROR: libFuzzer: [a-z -]*\|ERROR: [A-Za-z]*Sanitizer: [a-z-]*\|runtime error: .*\|fuzz invariant failed.*' "$log" || true)"
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
    summary+=("$(printf '%-20s %12s executions, FAILED: %s; input: %s' "$target" "$runs" \
        "${kind:-exit $rc}" "${artifact:-none saved (see the log)}")")
    failed+=("$target")
    grep -A 30 -m 1 'ERROR: \|runtime error:\|fuzz invariant failed' "$log" | head -n 40 >&2 || true
done

counters_log "results:"
printf '    %s\n' "${summary[@]}" >&2
if ((${#failed[@]} > 0)); then
    counters_die "findings in: ${failed[*]} (logs in $build_dir/fuzz-logs/)"
fi
