#!/usr/bin/env bash
# Real NSS databases with real certutil in a temporary HOME: both of Chromium's locations (the
# XDG one Chromium 146+ uses, and ~/.pki/nssdb, which wins whenever it exists), a Firefox profile,
# and a Firefox profile that was never started (NSS_DB_NOT_INITIALISED). After install, certutil
# lists the CA with trust C and `certutil -V` verifies a leaf the CA minted; after uninstall the
# CA is gone everywhere.   Usage: nss_store_e2e.sh <postern> <mint_leaf>
set -euo pipefail
POSTERN=$1 MINT=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_private_system_store "$@"
command -v certutil >/dev/null || { echo "SKIP: certutil missing (apt-get install libnss3-tools)"; exit 77; }
e2e_init

xdg_db=$HOME/.local/share/pki/nssdb
legacy_db=$HOME/.pki/nssdb
label() { "$POSTERN" ca show --json | sed -n 's/.*"label": "\(.*\)".*/\1/p'; }
listed() { certutil -L -d "sql:$1" 2>/dev/null | grep -F "$(label)" ; }
verifies_leaf() {  # verifies_leaf DB: a scratch copy of DB plus the leaf; certutil -V as SSL server
  local scratch=$T/scratch-$RANDOM
  cp -a "$1" "$scratch"
  "$MINT" site.test "$T/leaf.crt" "$T/leaf.key"
  certutil -A -d "sql:$scratch" -n e2e-leaf -t ",," -i "$T/leaf.crt"
  certutil -V -d "sql:$scratch" -n e2e-leaf -u V >"$T/verify.txt" 2>&1
  local rc=$?
  rm -rf "$scratch"
  return $rc
}

# 1. A fresh HOME: Chromium would create and use the XDG database, so that is where it goes.
"$POSTERN" ca install --store nss >"$T/install1.txt" || { cat "$T/install1.txt"; fail "install (XDG) failed"; }
[[ -f $xdg_db/cert9.db ]] || fail "the XDG database was not created"
listed "$xdg_db" | grep -q 'C,,' || fail "CA not listed with trust C in $xdg_db"
verifies_leaf "$xdg_db" || { cat "$T/verify.txt"; fail "certutil -V does not verify a leaf in $xdg_db"; }
[[ ! -d $legacy_db ]] || fail "install created ~/.pki/nssdb, which would hide the XDG database from Chromium"
pass "XDG database: CA trusted (C,,), certutil -V verifies a minted leaf"

# 2. ~/.pki/nssdb exists: Chromium uses it, so install must reach it too.
mkdir -p "$legacy_db" && certutil -N -d "sql:$legacy_db" --empty-password
"$POSTERN" ca install --store nss >"$T/install2.txt" || { cat "$T/install2.txt"; fail "install (legacy) failed"; }
listed "$legacy_db" | grep -q 'C,,' || fail "CA not listed with trust C in $legacy_db"
verifies_leaf "$legacy_db" || { cat "$T/verify.txt"; fail "certutil -V does not verify a leaf in $legacy_db"; }
pass "~/.pki/nssdb: CA trusted (C,,), certutil -V verifies a minted leaf"

# 3. Firefox: an initialised profile is a target; one never started is reported with its remedy.
ff=$HOME/.mozilla/firefox
mkdir -p "$ff/abcd.default-release" "$ff/never.started"
certutil -N -d "sql:$ff/abcd.default-release" --empty-password
"$POSTERN" ca install --store nss --json >"$T/install3.json" || true
listed "$ff/abcd.default-release" | grep -q 'C,,' || fail "CA not trusted in the Firefox profile"
grep -q NSS_DB_NOT_INITIALISED "$T/install3.json" || fail "the uninitialised profile was not reported"
grep -q 'never.started' "$T/install3.json" || fail "the report does not name the uninitialised profile"
pass "Firefox: profile trusted; never-started profile reported as NSS_DB_NOT_INITIALISED"

# 4. Uninstall removes it from every database, and a second uninstall is still a success.
"$POSTERN" ca uninstall --store nss >"$T/uninstall.txt" || { cat "$T/uninstall.txt"; fail "uninstall failed"; }
for db in "$xdg_db" "$legacy_db" "$ff/abcd.default-release"; do
  listed "$db" && fail "CA still in $db after uninstall"
done
must "second uninstall is not a success" "$POSTERN" ca uninstall --store nss
pass "uninstall: gone from all three databases; repeat uninstall succeeds"
