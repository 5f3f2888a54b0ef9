#!/usr/bin/env bash
# The real Debian system trust store, without touching this machine's: inside a private mount
# namespace (private copies of /usr/local/share/ca-certificates, /etc/ssl/certs and
# /etc/ca-certificates.conf), `postern ca install --store system` runs the real
# update-ca-certificates, and real curl (no --cacert) then trusts a TLS server whose leaf our CA
# minted. Uninstall, regenerate and a deleted proxy folder are checked the same way.
# Usage: system_store_e2e.sh <postern> <mint_leaf>      (exit 77 = skipped: no namespaces)
set -euo pipefail
POSTERN=$1 MINT=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

source "$here/lib.sh"
e2e_private_system_store "$@"
e2e_init
anchors=/usr/local/share/ca-certificates
bundle=/etc/ssl/certs/ca-certificates.crt

bundle_size() { grep -c 'BEGIN CERTIFICATE' "$bundle"; }
original_bundle_size=$(bundle_size)
dangling_links() { find /etc/ssl/certs -xtype l | wc -l; }
original_dangling=$(dangling_links)

fetch() {  # fetch: curl with the system's default CA bundle only
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 --resolve "site.test:$PORT:127.0.0.1" "https://site.test:$PORT/"
}
serve_leaf() {  # serve_leaf NAME: a server whose leaf the current CA minted
  stop_tls_servers
  "$MINT" site.test "$T/$1.crt" "$T/$1.key"
  start_tls_server "$T/$1.crt" "$T/$1.key"
}
postern_anchors() { find "$anchors" -name 'postern*.crt' -printf '%f\n'; }
anchor_count() { postern_anchors | wc -l; }

"$POSTERN" ca init >/dev/null
serve_leaf first
code=$(fetch) && fail "curl trusted the leaf before install (http $code)"
"$POSTERN" ca status --store system --json >"$T/status0.json" && fail "status says trusted before install"
grep -q CA_NOT_TRUSTED "$T/status0.json" || fail "status before install does not say CA_NOT_TRUSTED"
pass "before install: curl rejects the leaf; status and the live probe say CA_NOT_TRUSTED"

# Privilege per operation: a user who cannot gain root gets the exact commands and no change;
# the printed fix, run as root, then works verbatim. (Needs real root and no sudo on the machine.)
if ! command -v sudo >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  chmod 711 "$T"
  mkdir -p "$T/nobody/tmp" && chown -R 65534:65534 "$T/nobody"
  as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/nobody" POSTERN_HOME="$T/nobody/p" TMPDIR="$T/nobody/tmp")
  set +e
  "${as_nobody[@]}" "$POSTERN" ca install --store system >"$T/nobody.txt" 2>&1
  rc=$?
  set -e
  [[ $rc == 1 ]] || { cat "$T/nobody.txt"; fail "an install that needs root did not fail for a plain user"; }
  grep -q PRIVILEGES_REQUIRED "$T/nobody.txt" || fail "no PRIVILEGES_REQUIRED for a plain user"
  remedy=$(sed -n 's/^ *fix: //p' "$T/nobody.txt")
  [[ $remedy == "sudo install -D -m 0644 "*" && sudo update-ca-certificates" ]] || fail "unexpected remedy: $remedy"
  [[ $(anchor_count) == 0 ]] || fail "the plain user's attempt changed the store"
  bash -c "${remedy//sudo /}" >/dev/null 2>&1 || fail "the printed remedy does not work as root: $remedy"
  [[ $(anchor_count) == 1 ]] || fail "the remedy did not install the anchor"
  POSTERN_HOME="$T/nobody/p" "$POSTERN" ca uninstall --store system >/dev/null || fail "cleanup of the plain user's CA failed"
  [[ $(anchor_count) == 0 ]] || fail "cleanup left an anchor"
  pass "plain user: PRIVILEGES_REQUIRED, nothing changed, and the printed 'sudo ...' fix works verbatim"
else
  echo "skip: plain-user privilege check (needs root and no sudo)"
fi

"$POSTERN" ca install --store system >"$T/install.txt" || { cat "$T/install.txt"; fail "install failed"; }
[[ $(anchor_count) == 1 ]] || fail "expected one anchor file, found $(anchor_count)"
[[ $(fetch) == 200 ]] || fail "curl does not trust the leaf after install"
pass "after install: real curl trusts the leaf (anchor $(postern_anchors))"

"$POSTERN" ca install --store system --json | grep -q '"status": "already"' || fail "second install is not 'already'"
"$POSTERN" ca status --store system --json >"$T/status.json" || { cat "$T/status.json"; fail "status reports untrusted"; }
grep -q '"store": "system"' "$T/status.json" || fail "status does not list the system store"
grep -A12 '"live_probe"' "$T/status.json" | grep -q '"status": "already"' || fail "the live TLS probe does not trust the CA"
grep -q '"store": "system"' "$POSTERN_HOME/config/install-ledger.json" || fail "ledger lacks the system entry"
pass "second install is 'already'; status and ledger agree"

must "uninstall failed" "$POSTERN" ca uninstall --store system
[[ $(anchor_count) == 0 ]] || fail "anchor file left behind after uninstall"
code=$(fetch) && fail "curl still trusts the leaf after uninstall (http $code)"
must "second uninstall is not a success" "$POSTERN" ca uninstall --store system
pass "after uninstall: curl rejects the leaf again; a second uninstall succeeds"

"$POSTERN" ca install --store system >/dev/null
old_anchor=$(postern_anchors)
[[ -n $old_anchor && -e $anchors/$old_anchor ]] || fail "no anchor before regenerate"
"$POSTERN" ca regenerate >"$T/regen.txt" || { cat "$T/regen.txt"; fail "regenerate failed"; }
[[ ! -e $anchors/$old_anchor ]] || fail "the old CA's anchor survived regenerate"
[[ $(anchor_count) == 1 ]] || fail "regenerate did not install the new CA where the old one was"
code=$(fetch) && fail "the old CA's leaf is still trusted after regenerate (http $code)"
serve_leaf second
[[ $(fetch) == 200 ]] || fail "the new CA's leaf is not trusted after regenerate"
pass "regenerate: old CA removed from the store, new CA trusted in its place"

second_anchor=$(postern_anchors)
[[ -n $second_anchor && $second_anchor != "$old_anchor" ]] || fail "regenerate kept the anchor name"
rm -rf "$POSTERN_HOME/config/proxy"
"$POSTERN" ca init >"$T/reinit.txt" || { cat "$T/reinit.txt"; fail "init after deleting the proxy folder failed"; }
[[ ! -e $anchors/$second_anchor ]] || fail "deleting the proxy folder left the old CA trusted"
[[ $(anchor_count) == 1 ]] || fail "the new CA was not installed where the old one was"
code=$(fetch) && fail "a leaf of the deleted CA is still trusted (http $code)"
serve_leaf third
[[ $(fetch) == 200 ]] || fail "the replacement CA is not trusted"
pass "deleted proxy folder: old CA removed first, new CA created and trusted"

must "final uninstall failed" "$POSTERN" ca uninstall
[[ $(anchor_count) == 0 ]] || fail "uninstall left an anchor"
[[ $(bundle_size) == "$original_bundle_size" ]] || fail "the bundle still holds an extra CA"
[[ $(dangling_links) == "$original_dangling" ]] || { find /etc/ssl/certs -xtype l; fail "uninstall left dangling links in /etc/ssl/certs"; }
code=$(fetch) && fail "curl trusts the leaf after the final uninstall (http $code)"
pass "final uninstall leaves no Postern CA in the bundle and no dangling links in /etc/ssl/certs"
