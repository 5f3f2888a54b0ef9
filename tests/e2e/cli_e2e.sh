#!/usr/bin/env bash
# The CLI's contract, through the real binary: --help everywhere, exit codes 0/1/2, --json, CA
# files and modes, export formats, clear errors for bad CA files that change nothing.
# Usage: cli_e2e.sh <postern>
set -euo pipefail
POSTERN=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_private_system_store "$@"
e2e_init
proxy=$POSTERN_HOME/config/proxy

for cmd in "" "ca" "ca init" "ca show" "ca export" "ca install" "ca uninstall" "ca status" "ca regenerate"; do
  # shellcheck disable=SC2086
  "$POSTERN" $cmd --help | grep -qi usage || fail "'postern $cmd --help' prints no usage"
done
pass "--help on every command"

set +e
"$POSTERN" ca frobnicate >/dev/null 2>&1; [[ $? == 2 ]] || fail "unknown command is not exit 2"
"$POSTERN" ca export --format gif --out x >/dev/null 2>&1; [[ $? == 2 ]] || fail "bad format is not exit 2"
"$POSTERN" ca install --store nonsense >/dev/null 2>"$T/err"; [[ $? == 2 ]] || fail "unknown store is not exit 2"
set -e
grep -q "choose from" "$T/err" || fail "unknown store error does not list the stores"
pass "usage errors exit 2 and say what is valid"

"$POSTERN" ca init --json >"$T/init.json"
grep -q '"status": "done"' "$T/init.json" || fail "first init did not create"
"$POSTERN" ca init --json | grep -q '"status": "already"' || fail "second init is not 'already'"
[[ $(stat -c %a "$proxy/postern-proxy-ca.key") == 600 ]] || fail "key is not 0600"
[[ $(stat -c %a "$proxy/postern-proxy-ca.crt") == 644 ]] || fail "certificate is not 0644"
openssl x509 -in "$proxy/postern-proxy-ca.crt" -noout -text >"$T/ca.txt"
grep -q "CA:TRUE, pathlen:0" "$T/ca.txt" || fail "CA lacks CA:TRUE, pathlen:0"
grep -q "Certificate Sign, CRL Sign" "$T/ca.txt" || fail "CA keyUsage wrong"
grep -q "Postern Proxy CA (" "$T/ca.txt" || fail "CA subject does not name the user and host"
pass "init creates the CA once (key 0600, cert 0644, CA:TRUE pathlen 0)"

fingerprint=$(openssl x509 -in "$proxy/postern-proxy-ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)
"$POSTERN" ca show --json | grep -q "\"sha256\": \"$fingerprint\"" || fail "show's SHA-256 differs from openssl's"
"$POSTERN" ca show | grep -q "$fingerprint" || fail "show (text) lacks the fingerprint"
pass "show: SHA-256 fingerprint matches openssl"

"$POSTERN" ca export --format pem --out "$T/ca.crt" >/dev/null
"$POSTERN" ca export --format der --out "$T/ca.cer" >/dev/null
"$POSTERN" ca export --format p12 --out "$T/ca.p12" >/dev/null
cmp -s "$T/ca.crt" "$proxy/postern-proxy-ca.crt" || fail "PEM export differs from the CA file"
openssl x509 -inform der -in "$T/ca.cer" -noout -fingerprint -sha256 | grep -q "$fingerprint" || fail "DER export is not the CA"
openssl pkcs12 -in "$T/ca.p12" -passin pass: -nokeys 2>/dev/null | openssl x509 -noout -fingerprint -sha256 |
  grep -q "$fingerprint" || fail "p12 export does not hold the CA"
openssl pkcs12 -in "$T/ca.p12" -passin pass: -nocerts -nodes 2>/dev/null | grep -q PRIVATE && fail "p12 export holds a private key"
pass "export: pem, der (Android) and p12 (no key) all carry the CA"

cp "$proxy/postern-proxy-ca.crt" "$T/good.crt"
echo "garbage" >"$proxy/postern-proxy-ca.crt"
set +e
"$POSTERN" ca show >"$T/bad.txt" 2>&1; rc=$?
set -e
[[ $rc == 1 ]] || fail "a corrupt CA file is not exit 1"
grep -q "$proxy/postern-proxy-ca.crt" "$T/bad.txt" || fail "the error does not name the corrupt file"
grep -qi "fix:" "$T/bad.txt" || fail "the error gives no fix"
[[ $(cat "$proxy/postern-proxy-ca.crt") == garbage ]] || fail "the corrupt file was overwritten"
pass "corrupt CA: exit 1, names the file and the fix, overwrites nothing"

must "regenerate of a corrupt CA failed" "$POSTERN" ca regenerate
ls -d "$POSTERN_HOME"/config/proxy.broken-* >/dev/null || fail "the corrupt CA was not moved aside"
openssl x509 -in "$proxy/postern-proxy-ca.crt" -noout || fail "regenerate did not make a valid CA"
pass "regenerate moves the corrupt CA aside and makes a new one"

chmod 644 "$proxy/postern-proxy-ca.key"
set +e
"$POSTERN" ca init >"$T/exposed.txt" 2>&1; rc=$?
set -e
[[ $rc == 1 ]] && grep -q "chmod 600" "$T/exposed.txt" || fail "a world-readable key is not refused with the chmod fix"
pass "a world-readable key is refused with 'chmod 600' as the fix"
