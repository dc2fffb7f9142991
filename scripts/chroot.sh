#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs a command of this checkout inside a Debian chroot made with debootstrap (no docker), so
# that the project is built and tested with another release's compiler and Qt. Used by
# `scripts/test.sh --debian13`; see --help.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage()
{
    cat <<EOF
Usage: scripts/chroot.sh SUITE COMMAND [ARGS...]

Makes (once) a minimal Debian SUITE chroot with debootstrap from deb.debian.org, mounts this
checkout at the same path inside it, and runs COMMAND there as root; the build folders get the
suffix -SUITE (build-trixie/, ...), so they never mix with the host's.

The chroot is kept in \$COUNTERS_CHROOT_DIR (default /var/cache/counters/chroot-SUITE) and
reused: creating it takes about 90 s, its packages are installed once and then only checked.
Delete the folder (after making sure nothing is mounted below it) to start afresh.
Needs root (or sudo) and debootstrap (installed when missing).
EOF
}

case "${1:-}" in
"" | -h | --help)
    usage
    [[ -n "${1:-}" ]] && exit 0
    exit 2
    ;;
esac
suite="$1"
shift
(($# > 0)) || counters_die "no command to run in the $suite chroot (see --help)"

if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || counters_die "a chroot needs root, and sudo is not installed"
    exec sudo --preserve-env=CI,COUNTERS_JOBS,COUNTERS_CHROOT_DIR bash "$0" "$suite" "$@"
fi

root="${COUNTERS_CHROOT_DIR:-/var/cache/counters/chroot-$suite}"
mirror="${COUNTERS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [[ ! -f "$root/.counters-ready" ]]; then
    if ! command -v debootstrap >/dev/null 2>&1; then
        counters_log "installing debootstrap"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap
    fi
    # Made beside, then moved: an interrupted debootstrap never leaves a half chroot in place.
    rm -rf "$root.partial"
    mkdir -p "$(dirname "$root")"
    counters_log "creating a Debian $suite chroot in $root (debootstrap, about 90 s)"
    debootstrap --variant=minbase "$suite" "$root.partial" "$mirror"
    rm -rf "$root"
    mv "$root.partial" "$root"
    touch "$root/.counters-ready"
fi

mounted=()
cleanup()
{
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[$i]}" 2>/dev/null || true
    done
}
trap cleanup EXIT

mount_into()
{
    local target="$root$2"
    mkdir -p "$target"
    shift 2
    mount "$@" "$target"
    mounted+=("$target")
    # Private: nothing mounted below it (dev/pts, dev/shm) may show in the host's tree.
    mount --make-rprivate "$target"
}
mount_into proc /proc -t proc proc
mount_into sys /sys -t sysfs sysfs
mount_into dev /dev --bind /dev
mount_into pts /dev/pts --bind /dev/pts
mount_into shm /dev/shm -t tmpfs tmpfs
mount_into tmp /tmp -t tmpfs tmpfs
mount_into src "$COUNTERS_ROOT" --bind "$COUNTERS_ROOT"
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

counters_log "running in the $suite chroot: $*"
chroot "$root" /usr/bin/env -i \
    HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    TERM="${TERM:-dumb}" ${CI:+CI="$CI"} ${COUNTERS_JOBS:+COUNTERS_JOBS="$COUNTERS_JOBS"} \
    COUNTERS_BUILD_SUFFIX="-$suite" \
    bash -c 'cd "$1" && shift && exec "$@"' bash "$COUNTERS_ROOT" "$@"
