#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and runs the main job.
# With a display: the setup wizard (postern-wizard), which detects, installs, diagnoses and
# starts the runtime. Headless: first-time setup (bridge, browser registration, key, proxy CA in
# every trust store found), then the doctor's verdict.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" default
postern=$root/build/cli/postern
wizard=$root/build/wizard/gui/postern-wizard
if [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -x $wizard ]]; then
  exec "$wizard" --setup
fi
echo
echo "== postern setup"
"$postern" setup --yes || true
echo
echo "== postern doctor"
"$postern" doctor || true
