#!/usr/bin/env bash
# Installs every Debian package in scripts/packages.txt that is not installed yet. Idempotent:
# when nothing is missing it changes nothing and does not touch the network.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# A line is "package" or "package cmd=<command>": the second form counts as present when the
# command is on PATH however it got there (e.g. Node.js from another source, which bundles npm).
# "package nostart": a daemon package whose service must not run on this machine (the tests start
# their own private instance): installed under a policy-rc.d that refuses service starts, and
# its service disabled afterwards.
missing=()
nostart=()
while read -r package rule; do
  [[ -z $package || $package == \#* ]] && continue
  if [[ $rule == cmd=* ]] && command -v "${rule#cmd=}" >/dev/null; then continue; fi
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] && continue
  missing+=("$package")
  [[ $rule == nostart ]] && nostart+=("$package")
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
policy=/usr/sbin/policy-rc.d
own_policy=0
if ((${#nostart[@]} > 0)) && [[ ! -e $policy ]]; then
  # Exit status 101 = "action forbidden" (invoke-rc.d and deb-systemd-invoke both honour it).
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  own_policy=1
fi
status=0
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
((own_policy)) && "${as_root[@]}" rm -f "$policy"
for package in "${nostart[@]}"; do
  service=${package%%-*}  # nginx-light -> nginx
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    "${as_root[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
  fi
  "${as_root[@]}" update-rc.d "$service" disable >/dev/null 2>&1 || true
done
exit "$status"
