#!/usr/bin/env bash
# `postern send` and `postern run` through the real binary against loopback servers that verify
# what they receive: one collection with every auth type (Basic, Bearer, API key in a header and
# the query, an OAuth 2.0 client-credentials grant, Digest, Hawk, EdgeGrid, SigV4, OAuth 1.0a,
# NTLM), inheritance from collection and folder, variables from a file and --env-var, cookies
# kept between requests and runs, --folder, the JSON reporter and exit codes; then send's
# --dry-run, --verbose, --json, --proxy and failures, with secrets masked.
# Usage: send_run_e2e.sh <postern>
set -euo pipefail
POSTERN=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
servers=$here/../support/auth_servers
source "$here/lib.sh"
e2e_init

# start_server NAME COMMAND...: a verifying server (prints its port, exits when its stdin
# closes); sets PORT. Its stdin is a fifo this shell holds open, and its PID is stopped on exit.
start_server() {
  local name=$1 i fd
  shift
  mkfifo "$T/$name.in"
  "$@" <"$T/$name.in" >"$T/$name.port" 2>"$T/$name.log" &
  E2E_PIDS+=($!)
  exec {fd}>"$T/$name.in"
  # Up to 60 s: botocore and friends take seconds to import on a loaded 2-core machine.
  for i in $(seq 1200); do [[ -s $T/$name.port ]] && break; sleep 0.05; done
  PORT=$(head -1 "$T/$name.port")
  [[ -n $PORT ]] || fail "$name did not start: $(cat "$T/$name.log")"
}

PY=/usr/bin/python3  # Debian's interpreter: the verifiers use Debian's packages
HAWK_KEY=werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn
start_server plain $PY "$servers/plain_server.py" --user alice --password 'pa ss' --token tok-123
plain_port=$PORT
start_server digest $PY "$servers/digest_server.py" --user alice --password 'pa ss'
digest_port=$PORT
NODE_PATH=/usr/share/nodejs start_server hawk node "$servers/hawk_server.js" --id dh37fgj492je --key $HAWK_KEY --payload
hawk_port=$PORT
start_server edgegrid $PY "$servers/edgegrid_server.py" --client-token akab-client --client-secret edge-secret-1 --access-token akab-access
edgegrid_port=$PORT
start_server aws $PY "$servers/awsv4_server.py" --access-key AKIDEXAMPLE --secret-key aws-secret-1 --region eu-west-1 --service execute-api
aws_port=$PORT
start_server oauth1 $PY "$servers/oauth1_server.py" --consumer-key dpf43f3p2l4k3l03 --consumer-secret kd94hf93k423kf44 --token nnch734d00sl2jdk --token-secret pfkkdhi9sl3r4s00
oauth1_port=$PORT
start_server ntlm $PY "$servers/ntlm_server.py" --user alice --password 'pa ss' --domain CORP
ntlm_port=$PORT
pass "eight verifying servers on loopback"

cat >"$T/env.json" <<JSON
{"name": "e2e", "values": [
  {"key": "password", "value": "pa ss", "enabled": true},
  {"key": "token", "value": "tok-123", "enabled": true},
  {"key": "token", "value": "disabled-wins-never", "enabled": false},
  {"key": "plain_port", "value": "$plain_port", "enabled": true},
  {"key": "digest_port", "value": "$digest_port"}, {"key": "hawk_port", "value": "$hawk_port"},
  {"key": "edgegrid_port", "value": "$edgegrid_port"}, {"key": "aws_port", "value": "$aws_port"},
  {"key": "oauth1_port", "value": "$oauth1_port"}, {"key": "ntlm_port", "value": "$ntlm_port"},
  {"key": "hawk_key", "value": "$HAWK_KEY"}, {"key": "edge_secret", "value": "edge-secret-1"},
  {"key": "oauth1_secret", "value": "kd94hf93k423kf44"}
]}
JSON
collection=$here/data/every_auth.postman_collection.json

"$POSTERN" run "$collection" -e "$T/env.json" --env-var aws_secret=aws-secret-1 --reporter json >"$T/run.json" ||
  fail "the run failed: $(cat "$T/run.json")"
$PY - "$T/run.json" <<'CHECK' || fail "not every request verified: $(cat "$T/run.json")"
import json, sys
run = json.load(open(sys.argv[1]))["run"]
executions = run["executions"]
assert run["stats"]["requests"] == {"total": 14, "failed": 0}, run["stats"]
for e in executions:
    assert e.get("response", {}).get("code") == 200, (e["item"]["name"], e)
auths = [e["request"]["auth"] for e in executions]
for wanted in ["basic", "noauth", "bearer", "apikey", "oauth2", "digest", "hawk", "edgegrid",
               "awsv4", "oauth1", "ntlm"]:
    assert wanted in auths, wanted
CHECK
pass "postern run: every auth type verified by its server (14 requests, 0 failed)"

grep -q '"sid"' "$POSTERN_HOME/data/cookies.json" || fail "the run's cookie is not in the jar file"
grep -q '"e2e"' "$POSTERN_HOME/data/oauth2-tokens.json" || fail "the OAuth 2.0 token was not stored"
[[ $(stat -c %a "$POSTERN_HOME/data/oauth2-tokens.json") == 600 ]] || fail "token store is not 0600"
pass "cookies and the OAuth 2.0 token are kept for the next run"

"$POSTERN" run "$collection" -e "$T/env.json" --env-var aws_secret=aws-secret-1 --folder Cookies >"$T/folder.txt"
grep -q "Cookies / the jar sends it back" "$T/folder.txt" || fail "--folder output: $(cat "$T/folder.txt")"
grep -q "Inherited" "$T/folder.txt" && fail "--folder ran other folders"
grep -Eq "requests +2 +0" "$T/folder.txt" || fail "summary: $(cat "$T/folder.txt")"
pass "--folder runs one folder; the cli reporter prints each request and a summary"

set +e
"$POSTERN" run "$collection" -e "$T/env.json" --env-var plain_port=9 --folder Tokens >"$T/down.txt" 2>&1
code=$?
"$POSTERN" run "$T/nope.json" >/dev/null 2>&1
missing=$?
echo '{"item": 5}' >"$T/broken.json"
"$POSTERN" run "$T/broken.json" >"$T/broken.txt" 2>&1
broken=$?
set -e
[[ $code == 1 ]] || fail "a run with unsendable requests exits $code, not 1"
grep -q "refused" "$T/down.txt" || fail "the failure is not named: $(cat "$T/down.txt")"
[[ $missing == 1 && $broken == 1 ]] || fail "missing/broken collections exit $missing/$broken"
grep -q "is not a list" "$T/broken.txt" || fail "broken collection error: $(cat "$T/broken.txt")"
pass "failed sends exit 1 and are named; broken collections are clear errors"

url=http://127.0.0.1:$plain_port
body=$("$POSTERN" send "$url/basic" --auth basic --auth-param username=alice --auth-param 'password=pa ss' 2>"$T/summary")
[[ $body == "verified basic" ]] || fail "send basic: $body"
grep -q "^200 OK" "$T/summary" || fail "send summary: $(cat "$T/summary")"
"$POSTERN" send "http://127.0.0.1:$digest_port/d" --auth digest --auth-param username=alice \
  --auth-param 'password=pa ss' -v >"$T/digest.body" 2>"$T/digest.err"
grep -q "^verified" "$T/digest.body" || fail "send digest: $(cat "$T/digest.body" "$T/digest.err")"
grep -q "< HTTP/1.1 401" "$T/digest.err" || fail "--verbose lacks the 401 leg"
grep -q "> Authorization: Digest \*\*\*" "$T/digest.err" || fail "--verbose does not mask Digest"
grep -q "pa ss" "$T/digest.err" && fail "--verbose printed the password"
pass "send: basic and digest verified; --verbose shows both legs with secrets masked"

"$POSTERN" send POST "$url/echo" -H 'X-Trace: 1' -d 'key=tok-123' --auth bearer --auth-param token=tok-123 \
  --dry-run >"$T/dry.txt"
head -1 "$T/dry.txt" | grep -q "^POST /echo HTTP/1.1" || fail "dry run line: $(cat "$T/dry.txt")"
grep -q "^Authorization: Bearer \*\*\*$" "$T/dry.txt" || fail "dry run auth: $(cat "$T/dry.txt")"
grep -q "tok-123" "$T/dry.txt" && fail "dry run printed the token"
grep -q "^key=\*\*\*$" "$T/dry.txt" || fail "dry run body not masked"
"$POSTERN" send "$url/bearer" --auth bearer --auth-param token=tok-123 --dry-run --show-secrets |
  grep -q "^Authorization: Bearer tok-123$" || fail "--show-secrets does not show"
pass "send --dry-run: the request as it will be sent, secrets masked unless --show-secrets"

"$POSTERN" send "$url/apikey/query" --auth apikey --auth-param key=api_key --auth-param value=tok-123 \
  --auth-param in=query --json >"$T/send.json"
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]==200 and d["body"]=="verified apikey query", d; assert "tok-123" not in json.dumps(d), d' \
  "$T/send.json" || fail "send --json: $(cat "$T/send.json")"
pass "send --json: status and body, the key masked in the URL"

start_loopback_http proxy
"$POSTERN" send http://api.example.test/v1 --proxy "http://127.0.0.1:$LOOPBACK_PORT" 2>/dev/null
for _ in $(seq 100); do grep -q "api.example.test" "$T/proxy.log" 2>/dev/null && break; sleep 0.02; done
grep -q "GET http://api.example.test/v1 HTTP/1.1" "$T/proxy.log" || fail "--proxy: $(cat "$T/proxy.log")"
pass "send --proxy sends the absolute-form request to the proxy"

set +e
"$POSTERN" send http://127.0.0.1:9/ 2>"$T/refused.txt"
refused=$?
"$POSTERN" send "$url/x" --auth frobnicate 2>"$T/unknown.txt"
unknown=$?
"$POSTERN" send "$url/x" --auth bearer 2>"$T/noparam.txt"
noparam=$?
"$POSTERN" send "$url/x" -H 'no colon' 2>/dev/null
usage=$?
set -e
[[ $refused == 1 ]] && grep -q "refused" "$T/refused.txt" || fail "refused: $refused $(cat "$T/refused.txt")"
[[ $unknown == 1 ]] && grep -q "use one of: noauth" "$T/unknown.txt" || fail "unknown auth: $(cat "$T/unknown.txt")"
[[ $noparam == 1 ]] && grep -q '"token" is required' "$T/noparam.txt" || fail "missing param: $(cat "$T/noparam.txt")"
[[ $usage == 2 ]] || fail "a bad -H is not a usage error ($usage)"
pass "send: unreachable servers, unknown auth types and missing parameters are clear errors"

# While the runtime runs it owns the jar (it saves cookies.json itself): send goes through its
# control API, so the runtime sees the cookie at once and nothing is lost at its next save.
rm -f "$POSTERN_HOME/data/cookies.json"
for try in 1 2 3 4 5; do
  runtime_port=$((20000 + RANDOM % 20000))
  "$POSTERN" runtime start --port "$runtime_port" --json >"$T/start.json" 2>&1 && break
  "$POSTERN" runtime stop >/dev/null 2>&1 || true
  runtime_port=
done
[[ -n $runtime_port ]] || fail "the runtime did not start: $(cat "$T/start.json")"
"$POSTERN" send "$url/cookie/set" 2>/dev/null >/dev/null
"$POSTERN" cookies list --json >"$T/jar.json"
grep -q '"sid"' "$T/jar.json" || fail "the runtime's jar lacks the cookie: $(cat "$T/jar.json")"
[[ $("$POSTERN" send "$url/cookie/check" 2>/dev/null) == "verified cookie" ]] ||
  fail "the runtime's jar did not send the cookie back"
"$POSTERN" runtime stop >/dev/null
grep -q '"sid"' "$POSTERN_HOME/data/cookies.json" || fail "the runtime did not save the cookie"
pass "with the runtime running, send uses and updates the runtime's jar through its control API"
