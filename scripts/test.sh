#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds, and runs the whole test suite with
# ctest (unit, fuzz-corpus replay, and the end-to-end tests with real tools in private namespaces).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" default
cd "$root"
# The e2e tests' npm tooling, from package-lock.json; its cache stays out of $HOME.
if [[ ! -d tests/e2e/chromium/node_modules ]]; then
  (cd tests/e2e/chromium && npm_config_cache="$root/build/.npm-cache" npm ci --no-audit --no-fund)
fi
ctest --preset default -j2 "$@"
