#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and runs the main job.
# The main job headless: first-time setup (bridge, browser registration, key, proxy CA in every
# trust store found), then the doctor's verdict. (The wizard joins when a display exists, with its issue.)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" default
postern=$root/build/cli/postern
echo
echo "== postern setup"
"$postern" setup --yes || true
echo
echo "== postern doctor"
"$postern" doctor || true
