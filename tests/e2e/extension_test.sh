#!/usr/bin/env bash
# The browser extension's tests (extension/test/*.test.mjs) with node's built-in runner: the
# protocol modules, the client's transcripts against a fake port, and the interop tests against
# the real postern-bridge binary (they skip, with a message, when it is missing).
# Usage: extension_test.sh [<postern-bridge>]   (default: $POSTERN_BRIDGE, then build/runtime/bridge/)
# Exit 77 (skipped) without node 18 or newer.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

if ! command -v node >/dev/null 2>&1; then
  echo "skip: node is not installed (the extension tests need node 18 or newer)"
  exit 77
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if ((major < 18)); then
  echo "skip: node $(node --version) is too old (node:test and WebCrypto need 18 or newer)"
  exit 77
fi

bridge=${1:-${POSTERN_BRIDGE:-$repo/build/runtime/bridge/postern-bridge}}
[[ $bridge == /* ]] || bridge=$PWD/$bridge  # the tests run from extension/
export POSTERN_BRIDGE=$bridge
[[ -x $POSTERN_BRIDGE ]] || echo "note: no bridge at $POSTERN_BRIDGE; the interop tests will be skipped"

# Explicit files rather than a folder: node 21+ reads --test arguments as globs.
cd "$repo/extension"
exec node --test test/*.test.mjs
