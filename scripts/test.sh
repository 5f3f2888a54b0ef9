#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds, and runs the whole test suite with
# ctest (unit, fuzz-corpus replay, and the end-to-end tests with real tools in private namespaces).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" default
cd "$root"
ctest --preset default -j2 "$@"
