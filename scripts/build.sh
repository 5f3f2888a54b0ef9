#!/usr/bin/env bash
# Configures and builds one CMake preset (default: "default") with two jobs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-default}
cd "$root"

# A full disk shows up as a link error twenty minutes in; say it before the build starts.
# The sizes are those of whole trees on Debian 12 (debug sections compressed, -gz), in MiB.
declare -A tree_mib=([default]=3200 [asan]=6000 [fuzz]=450)
declare -A tree_dir=([default]=build [asan]=build-asan [fuzz]=build-fuzz)
if [[ -n ${tree_mib[$preset]:-} ]]; then
  mkdir -p "${tree_dir[$preset]}"
  have=$(du -sm "${tree_dir[$preset]}" | cut -f1)
  free=$(df -Pm "${tree_dir[$preset]}" | awk 'NR == 2 { print $4 }')
  need=$((tree_mib[$preset] - have))
  if ((need > free)); then
    echo "warning: the $preset build needs about $need MiB more, and only $free MiB are free" \
      "on the disk holding $root/${tree_dir[$preset]}; it may fail with 'No space left on device'" >&2
  fi
fi

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
