#!/usr/bin/env bash
# `postern setup` for real, then real headless Chromium with the real extension on
# --user-data-dir=$HOME/.config/chromium (where setup wrote the host manifest): the extension
# starts the installed bridge and pairs. Then custom keys on both sides (`postern set-key` and
# the popup's lock icon): equal keys pair, different keys are named keys_differ. Finally
# `postern reset` removes everything setup wrote. A first pass without a browser checks that
# setup + reset leave the temp HOME exactly as it was.
# Usage: setup_chromium_e2e.sh <postern>     (exit 77 = skipped: no node or Chromium)
set -euo pipefail
POSTERN=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_private_system_store "$@"
e2e_require_browser
e2e_init
# A user who has run Chromium before: its profile folder exists (detection finds the browser by
# its executable; the folder only decides where Chromium reads host manifests).
mkdir -p "$HOME/.config/chromium"
snapshot() { (cd "$HOME" && find . | sort); }
manifest=$HOME/.config/chromium/NativeMessagingHosts/com.postern.bridge.json

# 1. setup + reset without a browser: the home is exactly as before.
before=$(snapshot)
"$POSTERN" setup --browsers chromium --ca-stores nss --dry-run --json >"$T/dry.json"
[[ $(snapshot) == "$before" ]] || fail "a dry run changed the home"
"$POSTERN" setup --browsers chromium --ca-stores nss --yes --json >"$T/setup.json" || { cat "$T/setup.json"; fail "setup failed"; }
[[ -f $manifest && -x $POSTERN_HOME/data/bin/postern-bridge && -f $POSTERN_HOME/config/bridge/key.json ]] ||
  fail "setup did not install manifest, bridge and key"
"$POSTERN" reset --json >"$T/reset.json" || { cat "$T/reset.json"; fail "reset failed"; }
[[ $(snapshot) == "$before" ]] || { diff <(echo "$before") <(snapshot); fail "setup + reset changed the home"; }
pass "dry run changes nothing; setup then reset leaves the home exactly as it was"

# 2. setup, then the browser: the extension starts the installed bridge and pairs.
"$POSTERN" setup --browsers chromium --ca-stores nss --yes >"$T/setup2.txt" || { cat "$T/setup2.txt"; fail "second setup failed"; }
node "$here/chromium_connect.mjs" "$HOME/.config/chromium" paired >"$T/paired.json" ||
  { cat "$T/paired.json"; fail "the extension did not pair with the installed bridge"; }
grep -q '"status":"paired"' "$T/paired.json" || fail "no paired state"
grep -q "chrome-extension://ocnfmjcdllbpfolgffoeocfckfbaakgm/" "$POSTERN_HOME/config/bridge/key.json" ||
  fail "the bridge did not record the paired origin"
pass "after postern setup, Chromium's extension pairs with the installed bridge"

# 3. Custom keys: the same on both sides pairs; different ones are named.
must "set-key failed" "$POSTERN" set-key SameKeyOnBothSides1
node "$here/chromium_connect.mjs" "$HOME/.config/chromium" paired --custom-key SameKeyOnBothSides1 >"$T/custom.json" ||
  { cat "$T/custom.json"; fail "equal custom keys did not pair"; }
node "$here/chromium_connect.mjs" "$HOME/.config/chromium" key_mismatch:keys_differ --custom-key DifferentKey2024 >"$T/mismatch.json" ||
  { cat "$T/mismatch.json"; fail "different custom keys were not named keys_differ"; }
pass "set-key + the same key in the popup pairs; a different key is named keys_differ"

# 4. reset removes everything setup wrote (Chromium's own profile files stay: they are the user's).
"$POSTERN" reset >"$T/reset2.txt" || { cat "$T/reset2.txt"; fail "reset after use failed"; }
[[ -n ${E2E_DEBUG:-} ]] && cat "$T/reset2.txt"
for gone in "$manifest" "$POSTERN_HOME/config" "$POSTERN_HOME/data" "$POSTERN_HOME/run"; do
  [[ ! -e $gone ]] || fail "reset left $gone behind"
done
if [[ -f $HOME/.local/share/pki/nssdb/cert9.db ]]; then
  certutil -L -d "sql:$HOME/.local/share/pki/nssdb" | grep -q "Postern" && fail "the CA is still in Chromium's NSS database"
fi
pass "reset after use: manifest, bridge, key, CA and Postern's folders are gone"
