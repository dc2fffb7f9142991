#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fails when an #include points back up the layers (docs/architecture.md): each folder may
# include only itself and the folders listed for it. Run from anywhere; CTest runs it too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# folder: the folders it may include (besides itself)
declare -A allowed=(
    [libcounters/counters/base]=""
    [libcounters/counters/event]="base"
    [libcounters/counters/format]="base"
    [libcounters/counters/counter]="base event"
    [libcounters/counters/report]="base event counter format"
    [libcounters/counters/transport]="base event counter format report"
    [libcounters/counters/qt]="base event counter format report transport"
    [app/sources]=""
    [app/models]="sources"
    [app/controller]="sources models"
    [app/views]="sources models controller"
)

status=0
for folder in "${!allowed[@]}"; do
    [[ -d "$root/$folder" ]] || continue
    own=${folder##*/}
    # file:line:folder for every include that names a folder: <counters/X/...> in the
    # library, "X/..." in the app.
    while IFS=: read -r file line target; do
        [[ "$target" != "$own" ]] || continue
        case "$folder" in
        libcounters/*) [[ -d "$root/libcounters/counters/$target" ]] || continue ;;
        app/*) [[ -d "$root/app/$target" ]] || continue ;;
        esac
        if [[ " ${allowed[$folder]} " != *" $target "* ]]; then
            echo "${file#"$root"/}:$line: $own/ includes $target/, which is above it" >&2
            status=1
        fi
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](counters/)?[a-z_]+/' \
        "$root/$folder" --include='*.h' --include='*.cpp' |
        sed -E 's@^([^:]*):([0-9]+):.*include[[:space:]]*[<"](counters/)?([a-z_]+)/.*@\1:\2:\4@')
done
if ((status == 0)); then
    echo "layers: every include points down"
fi
exit "$status"
