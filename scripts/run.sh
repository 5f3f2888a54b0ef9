#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and runs the main job.
# Today the main job is first-time CA setup: create the proxy CA, trust it in every store found on
# this machine (system store and browser NSS databases), then show the status of each store.
# (The wizard, `postern setup` and the runtime join this script as their issues land.)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" default
postern=$root/build/cli/postern
echo
echo "== postern ca install"
"$postern" ca install || true
echo
echo "== postern ca status"
"$postern" ca status
