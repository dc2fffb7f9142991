# SPDX-License-Identifier: MIT
# Shell functions shared by scripts/test.sh and scripts/run.sh (sourced, never run).
#
#   counters_install_packages          install the packages listed below, when missing (apt)
#   counters_configure DIR [ARGS...]   configure a Ninja build of the project in DIR
#   counters_build DIR [TARGETS...]    build DIR (or only TARGETS) with all cores
#
# Environment: CI (set: warnings are errors), COUNTERS_BUILD_TYPE (default Release),
# COUNTERS_JOBS (default: nproc), COUNTERS_SKIP_INSTALL=1 (never call apt-get).

# shellcheck shell=bash

COUNTERS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNTERS_JOBS="${COUNTERS_JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Debian packages (12 "bookworm" and 13 "trixie"), plus ccache for rebuilds, xvfb/xauth/
# imagemagick for the screenshot tests, prometheus (promtool and the scrape test), munin-node
# (munin-run), pkgconf, desktop-file-utils and appstream (the package tests), Qt's own
# translations (qt6-translations-l10n: "Cancel" in German and French dialogs), and Qt HttpServer
# with the WebSockets it needs (Counters::Qt and counters-example-service).
COUNTERS_APT_PACKAGES=(
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n qt6-svg-dev libxkbcommon-dev
    libgl1-mesa-dev ninja-build cmake g++ libbenchmark-dev libgtest-dev
    ccache xvfb xauth imagemagick pkgconf desktop-file-utils appstream
    prometheus munin-node qt6-httpserver-dev qt6-websockets-dev
)
# Where the releases differ: Qt 6.4's OpenGL development files are a package of their own in
# Debian 12; Debian 13's qt6-base-dev holds them.
COUNTERS_DEBIAN_RELEASE="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
case "$COUNTERS_DEBIAN_RELEASE" in
bookworm) COUNTERS_APT_PACKAGES+=(libqt6opengl6-dev) ;;
esac

counters_log()
{
    printf '==> %s\n' "$*" >&2
}

counters_die()
{
    printf 'error: %s\n' "$*" >&2
    exit 1
}

counters_is_installed()
{
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

counters_install_packages()
{
    if [[ "${COUNTERS_SKIP_INSTALL:-0}" == 1 ]]; then
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        counters_log "not a Debian system (no dpkg-query): install the packages listed in scripts/common.sh yourself"
        return 0
    fi
    local missing=() pkg
    for pkg in "${COUNTERS_APT_PACKAGES[@]}"; do
        counters_is_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 ||
            counters_die "missing packages (${missing[*]}) and not root, and sudo is not installed"
        sudo=(sudo)
    fi
    counters_log "installing missing packages: ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

# counters_configure BUILD_DIR [EXTRA CMAKE ARGS...]
counters_configure()
{
    local dir="$1"
    shift
    local args=(
        -S "$COUNTERS_ROOT" -B "$dir" -G Ninja
        -DCMAKE_BUILD_TYPE="${COUNTERS_BUILD_TYPE:-Release}"
    )
    if command -v ccache >/dev/null 2>&1; then
        args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        # Relative paths in the cache keys, so that a clone in another folder (CI) hits it.
        export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$COUNTERS_ROOT}"
    fi
    if [[ -n "${CI:-}" ]]; then
        args+=(-DCOUNTERS_WERROR=ON)
    else
        args+=(-DCOUNTERS_WERROR=OFF)
    fi
    # A build folder made by another generator cannot be reconfigured with Ninja.
    if [[ -f "$dir/CMakeCache.txt" ]] &&
        ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$dir/CMakeCache.txt"; then
        counters_log "$dir was configured with another generator: starting it afresh"
        rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
    fi
    counters_log "configuring $dir"
    cmake "${args[@]}" "$@"
}

# counters_build BUILD_DIR [TARGETS...]
counters_build()
{
    local dir="$1"
    shift
    local targets=()
    if (($# > 0)); then
        targets=(--target "$@")
    fi
    counters_log "building $dir with $COUNTERS_JOBS jobs"
    cmake --build "$dir" --parallel "$COUNTERS_JOBS" "${targets[@]}"
}

# counters_has_target BUILD_DIR TARGET: true when the configured project defines TARGET.
counters_has_target()
{
    ninja -C "$1" -t query "$2" >/dev/null 2>&1
}

# counters_find_executable DIR NAME: prints DIR/NAME, or else the first executable NAME below DIR
# (a subdirectory's CMakeLists.txt may place it deeper); prints nothing when there is none.
counters_find_executable()
{
    if [[ -x "$1/$2" && -f "$1/$2" ]]; then
        printf '%s\n' "$1/$2"
    elif [[ -d "$1" ]]; then
        find "$1" -type f -name "$2" -perm -u+x -print -quit
    fi
}

# counters_format_seconds SECONDS → "1m05s"
counters_format_seconds()
{
    printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}
