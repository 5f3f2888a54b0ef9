#!/usr/bin/env bash
# Installs every Debian package in scripts/packages.txt that is not installed yet. Idempotent:
# when nothing is missing it changes nothing and does not touch the network.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# A line is "package" or "package cmd=<command>": the second form counts as present when the
# command is on PATH however it got there (e.g. Node.js from another source, which bundles npm).
missing=()
while read -r package rule; do
  [[ -z $package || $package == \#* ]] && continue
  if [[ $rule == cmd=* ]] && command -v "${rule#cmd=}" >/dev/null; then continue; fi
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done <"$here/packages.txt"

if ((${#missing[@]} == 0)); then
  echo "deps: all $(grep -cv '^\(#\|$\)' "$here/packages.txt") packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
as_root=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "deps: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
