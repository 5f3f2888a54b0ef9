#!/usr/bin/env bash
# `postern doctor` against real broken states: after `postern setup` and a real Chromium
# connecting through the extension, break things the way users do (delete the manifest, chmod -x
# the bridge, a wrong allowed origin, different keys on both sides, a Firefox profile never
# started) and assert the doctor's code for each; `--fix` repairs what needs no person.
# Usage: doctor_e2e.sh <postern>     (exit 77 = skipped: no node or Chromium)
set -euo pipefail
POSTERN=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_private_system_store "$@"
e2e_require_browser
e2e_init
mkdir -p "$HOME/.config/chromium"
manifest=$HOME/.config/chromium/NativeMessagingHosts/com.postern.bridge.json
bridge=$POSTERN_HOME/data/bin/postern-bridge
connect() { node "$here/chromium_connect.mjs" "$HOME/.config/chromium" "$@" >"$T/connect.json"; }
# doctor_says CODE: the doctor's JSON has a failed check with CODE; prints the verdict.
doctor_says() {
  "$POSTERN" doctor --json >"$T/doctor.json" || true
  grep -q "\"code\": \"$1\"" "$T/doctor.json" || { cat "$T/doctor.json"; fail "doctor does not say $1"; }
}
verdict() { "$POSTERN" doctor --json 2>/dev/null | sed -n 's/.*"verdict": "\(.*\)".*/\1/p'; }

[[ $(verdict) == "Dependencies not installed" ]] || fail "before setup the verdict is not 'Dependencies not installed'"
must "setup failed" "$POSTERN" setup --browsers chromium --ca-stores nss --yes
[[ $(verdict) == "Not connected" ]] || fail "after setup, before any browser, the verdict is not 'Not connected'"
connect paired || { cat "$T/connect.json"; fail "the extension did not pair"; }
start_loopback_http origin
origin=http://127.0.0.1:$LOOPBACK_PORT/
e2e_settings "{\"connectivity\": {\"url\": \"$origin\"}}"
"$POSTERN" doctor >"$T/healthy.txt" || { cat "$T/healthy.txt"; fail "doctor does not say Connected after the extension paired"; }
head -1 "$T/healthy.txt" | grep -q "Postern: Connected" || { cat "$T/healthy.txt"; fail "no Connected verdict"; }
pass "verdicts: 'Dependencies not installed' → setup → 'Not connected' → Chromium pairs (the bridge starts the runtime) → 'Connected'"
grep -q "HEAD / HTTP/1.1" "$T/origin.log" || fail "the runtime's connectivity check did not reach the loopback origin"
grep -q "reached 127.0.0.1:$LOOPBACK_PORT: HTTP 204" "$T/healthy.txt" || { cat "$T/healthy.txt"; fail "no healthy internet row"; }

# INTERNET_CONNECTIVITY: the runtime goes out through the proxy settings.json names.
start_loopback_http proxy
e2e_settings "{\"connectivity\": {\"url\": \"$origin\"}, \"proxy\": {\"custom\": {\"enabled\": true, \"server\": \"127.0.0.1:$LOOPBACK_PORT\"}}}"
"$POSTERN" doctor --json >"$T/doctor.json" || true
grep -q "HEAD $origin HTTP/1.1" "$T/proxy.log" || { cat "$T/doctor.json"; fail "the check did not go through the configured proxy"; }
grep -q "through http://127.0.0.1:$LOOPBACK_PORT" "$T/doctor.json" || { cat "$T/doctor.json"; fail "the internet row does not name the proxy"; }
e2e_settings "{\"connectivity\": {\"url\": \"$origin\"}, \"proxy\": {\"custom\": {\"enabled\": true, \"server\": \"127.0.0.1:9\"}}}"
doctor_says INTERNET_CONNECTIVITY
grep -q "the proxy http://127.0.0.1:9 does not accept connections" "$T/doctor.json" || { cat "$T/doctor.json"; fail "the cause does not name the refusing proxy"; }
"$POSTERN" doctor >"$T/broken-internet.txt" || true
e2e_settings '{"proxy": {"custom": {"enabled": "yes"}}}'
doctor_says SETTINGS_INVALID
e2e_settings "{\"connectivity\": {\"url\": \"$origin\"}}"
echo "--- postern doctor, healthy:"; cat "$T/healthy.txt"
echo "--- postern doctor, the proxy in settings.json is down:"; cat "$T/broken-internet.txt"
pass "internet: reached through the configured proxy (request line seen there); a dead proxy is INTERNET_CONNECTIVITY naming it; a broken settings.json is SETTINGS_INVALID"

mv "$manifest" "$T/manifest.saved"
doctor_says MANIFEST_MISSING
connect paired && fail "the extension paired without a manifest"
grep -q HOST_NOT_FOUND "$T/connect.json" || { cat "$T/connect.json"; fail "the extension does not say HOST_NOT_FOUND"; }
mv "$T/manifest.saved" "$manifest"
pass "deleted manifest: doctor MANIFEST_MISSING; the extension shows HOST_NOT_FOUND"

chmod -x "$bridge"
doctor_says HOST_NOT_EXECUTABLE
"$POSTERN" doctor --fix >/dev/null || true
[[ -x $bridge ]] || fail "doctor --fix did not restore the bridge"
pass "chmod -x bridge: doctor HOST_NOT_EXECUTABLE; --fix restores it"

sed -i 's/ocnfmjcdllbpfolgffoeocfckfbaakgm/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/' "$manifest"
doctor_says ORIGIN_NOT_ALLOWED
connect paired && fail "the extension paired although the manifest does not allow it"
"$POSTERN" doctor --fix >/dev/null || true
grep -q ocnfmjcdllbpfolgffoeocfckfbaakgm "$manifest" || fail "doctor --fix did not repair the allowed origin"
pass "wrong allowed origin: doctor ORIGIN_NOT_ALLOWED; the browser refuses; --fix rewrites the manifest"

"$POSTERN" set-key KeyOnTheComputer1 >/dev/null
connect key_mismatch:keys_differ --custom-key KeyInTheBrowser22 || { cat "$T/connect.json"; fail "different keys not named"; }
doctor_says KEY_MISMATCH
connect paired --custom-key KeyOnTheComputer1 || { cat "$T/connect.json"; fail "the same key did not pair"; }
pass "different keys: the extension and the doctor both say KEY_MISMATCH; the same key pairs again"

mkdir -p "$HOME/.mozilla/firefox/never.started"
doctor_says NSS_DB_NOT_INITIALISED
doctor_says CA_NOT_TRUSTED  # the system store: setup was told --ca-stores nss
pass "a Firefox profile never started: NSS_DB_NOT_INITIALISED; an untrusting store: CA_NOT_TRUSTED"

must "reset failed" "$POSTERN" reset
[[ $(verdict) == "Dependencies not installed" ]] || fail "after reset the verdict is not 'Dependencies not installed'"
pass "after reset: 'Dependencies not installed'"
