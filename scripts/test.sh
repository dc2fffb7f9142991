#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds Counters and runs every test. See --help.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage()
{
    cat <<EOF
Usage: scripts/test.sh [--debian13] [--portable] [--sanitize address|thread] [CTEST ARGS...]

Installs the Debian packages the project needs (when missing), configures a Release build with
Ninja (and ccache when present), builds everything with all cores and runs the tests with
'ctest --output-on-failure -j$COUNTERS_JOBS'. Exits non-zero when any step or test fails.

  (no option)          build/       Release; tests keep their asserts (QT_FORCE_ASSERTS)
  --sanitize address   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer, leaks checked
  --sanitize thread    build-tsan/  ThreadSanitizer (library, transports, examples; not the dashboard)
  --portable           with the portable fallbacks of libcounters/counters/base/platform_p.h
                       instead of the Linux code (-DCOUNTERS_PORTABLE=ON); folders end in
                       -portable (build-portable/, ...)
  --debian13           the same, inside a Debian 13 "trixie" chroot (Qt 6.8, GCC 14) made with
                       debootstrap and kept in /var/cache/counters (scripts/chroot.sh; root or
                       sudo); its build folders end in -trixie (build-trixie/, ...)
  -h, --help           this text

Further arguments go to ctest, e.g.  scripts/test.sh -L concurrency   or   -R Registry
(with "-L <label>" alone, only that label's tests and the programs they run are built)
Environment: CI (set: warnings are errors), COUNTERS_JOBS (default: nproc),
COUNTERS_SKIP_INSTALL=1 (never call apt-get).
EOF
}

sanitize=""
portable=0
ctest_args=()
forwarded=()
while (($# > 0)); do
    case "$1" in
    -h | --help)
        usage
        exit 0
        ;;
    --debian13)
        shift
        exec bash "$COUNTERS_ROOT/scripts/chroot.sh" trixie bash scripts/test.sh "${forwarded[@]}" "$@"
        ;;
    --portable)
        portable=1
        forwarded+=("$1")
        shift
        ;;
    --sanitize)
        (($# >= 2)) || counters_die "--sanitize needs 'address' or 'thread' (see --help)"
        sanitize="$2"
        forwarded+=("$1" "$2")
        shift 2
        ;;
    --sanitize=*)
        sanitize="${1#--sanitize=}"
        forwarded+=("$1")
        shift
        ;;
    *)
        ctest_args+=("$1")
        forwarded+=("$1")
        shift
        ;;
    esac
done

started=$SECONDS
report_time()
{
    local rc=$?
    local verdict=passed
    ((rc == 0)) || verdict="FAILED (exit $rc)"
    printf '==> scripts/test.sh%s%s%s: %s, wall time %s\n' "${sanitize:+ --sanitize $sanitize}" \
        "$( ((portable)) && echo ' --portable')" \
        "${COUNTERS_BUILD_SUFFIX:+ (Debian $COUNTERS_DEBIAN_RELEASE)}" \
        "$verdict" "$(counters_format_seconds $((SECONDS - started)))" >&2
}
trap report_time EXIT

cmake_args=()
test_runner=()
case "$sanitize" in
"")
    build_dir="$COUNTERS_ROOT/build${COUNTERS_BUILD_SUFFIX:-}"
    cmake_args+=(-DCOUNTERS_SANITIZE= -DCOUNTERS_BUILD_BENCH=ON)
    ;;
address)
    build_dir="$COUNTERS_ROOT/build-asan${COUNTERS_BUILD_SUFFIX:-}"
    # Optimised with debug info, so that sanitizer reports have readable stacks.
    export COUNTERS_BUILD_TYPE="${COUNTERS_BUILD_TYPE:-RelWithDebInfo}"
    cmake_args+=(-DCOUNTERS_SANITIZE=address -DCOUNTERS_BUILD_BENCH=OFF)
    # Options given by the caller come last and win. Qt is built without frame pointers, so
    # leak stacks stop at the first Qt frame: ASAN_OPTIONS=fast_unwind_on_malloc=0 shows them
    # whole (slower). No suppressions file: add one under scripts/ only for a proven
    # third-party leak, and say why in it.
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:strict_init_order=1:check_initialization_order=1:detect_stack_use_after_return=1:print_stacktrace=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
    export LSAN_OPTIONS="print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    ;;
thread)
    build_dir="$COUNTERS_ROOT/build-tsan${COUNTERS_BUILD_SUFFIX:-}"
    export COUNTERS_BUILD_TYPE="${COUNTERS_BUILD_TYPE:-RelWithDebInfo}"
    # Without the dashboard: a GUI on Qt Widgets, which is not built with TSan either, and
    # half of the build; its sources and models are tested by the other two passes.
    cmake_args+=(-DCOUNTERS_SANITIZE=thread -DCOUNTERS_BUILD_BENCH=OFF -DCOUNTERS_BUILD_APP=OFF)
    # Qt itself is not instrumented: scripts/tsan.supp lists its false positives, one reason each.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$COUNTERS_ROOT/scripts/tsan.supp${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
    # GCC 12's TSan cannot map its shadow memory under more than 28 bits of mmap randomisation
    # (newer kernels' default): run the tests without address space randomisation there.
    if (($(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0) > 28)); then
        test_runner=(setarch "$(uname -m)" -R)
    fi
    ;;
*)
    counters_die "unknown sanitizer '$sanitize': use 'address' or 'thread' (see --help)"
    ;;
esac

if ((portable)); then
    build_dir="$build_dir-portable"
    cmake_args+=(-DCOUNTERS_PORTABLE=ON)
else
    cmake_args+=(-DCOUNTERS_PORTABLE=OFF)
fi

counters_install_packages
counters_configure "$build_dir" "${cmake_args[@]}"
# A run of one label's tests builds only them and what they run (counters_tests_<label>, made
# by counters_add_test()): the ThreadSanitizer pass of CI builds 28 tests, not all of them.
build_targets=()
if ((${#ctest_args[@]} == 2)) && [[ "${ctest_args[0]}" == -L && "${ctest_args[1]}" =~ ^[a-z]+$ ]] &&
    counters_has_target "$build_dir" "counters_tests_${ctest_args[1]}"; then
    build_targets=("counters_tests_${ctest_args[1]}")
fi
counters_build "$build_dir" "${build_targets[@]}"

counters_log "testing $build_dir"
"${test_runner[@]}" ctest --test-dir "$build_dir" --output-on-failure -j "$COUNTERS_JOBS" "${ctest_args[@]}"
