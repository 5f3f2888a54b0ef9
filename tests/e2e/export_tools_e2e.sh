#!/usr/bin/env bash
# Exports checked by the tools users feed them to: a HAR from a real capture store passes
# har-validator (the HAR 1.2 JSON schema that HTTP Archive viewers use), and the Postman
# collection runs in newman against a loopback server, which must receive the methods, paths,
# headers and bodies that were captured. The server is a small node recorder rather than
# loopback_http (lib.sh), because that one logs request lines only and answers before reading
# a body, and the bodies are what this test compares.
# Usage: export_tools_e2e.sh <export_fixture>   (exit 77 = skipped: no node or no npm tools)
set -euo pipefail
FIXTURE=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
tools=$here/chromium/node_modules
command -v node >/dev/null || { echo "SKIP: node is missing"; exit 77; }
[[ -d $tools/har-validator && -x $tools/.bin/newman ]] ||
  { echo "SKIP: run 'npm ci' in tests/e2e/chromium (scripts/test.sh does) for har-validator and newman"; exit 77; }
e2e_init

# The recorder: one JSON line per request (method, target, a few headers, body), then 200 {}.
cat >"$T/recorder.js" <<'JS'
const http = require('http'), fs = require('fs');
const [portFile, log] = process.argv.slice(2);
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const h = request.headers;
    fs.appendFileSync(log, JSON.stringify({
      method: request.method, target: request.url, body: Buffer.concat(chunks).toString('latin1'),
      type: h['content-type'] || '', cookie: h['cookie'] || '', agent: h['user-agent'] || '',
      hop: h['x-hop'] || '' }) + '\n');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
  fs.renameSync(portFile + '.tmp', portFile);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
JS
node "$T/recorder.js" "$T/recorder.port" "$T/requests.log" &
E2E_PIDS+=($!)
for i in $(seq 500); do [[ -s $T/recorder.port ]] && break; sleep 0.01; done
origin=http://127.0.0.1:$(cat "$T/recorder.port") || fail "the recorder did not start"

mkdir -p "$T/out"
"$FIXTURE" "$origin" "$T/out" || fail "export_fixture failed"
[[ $(stat -c %a "$T/out/session.har") == 600 ]] || fail "the HAR file is not owner-only"

node -e '
  const validate = require(process.argv[1]);
  const doc = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
  validate.har(doc).then(() => {
    if (doc.log.entries.length !== 5) throw new Error("expected 5 entries, got " + doc.log.entries.length);
    console.log("har-validator: valid HAR " + doc.log.version + ", " + doc.log.entries.length + " entries");
  }).catch((e) => { console.error(e.message, JSON.stringify(e.errors || [], null, 1)); process.exit(1); });
' "$tools/har-validator" "$T/out/session.har" || fail "har-validator refused the HAR"
pass "the HAR (GET with query and cookies, JSON POST, form POST, binary response, failed GET) is valid HAR 1.2"

"$tools/.bin/newman" run "$T/out/collection.json" --timeout-request 5000 --disable-unicode \
  >"$T/newman.log" 2>&1 || { cat "$T/newman.log"; fail "newman could not run the collection"; }
grep -q "e2e shop" "$T/newman.log" || { cat "$T/newman.log"; fail "newman did not run the session's collection"; }

# What the server received, request by request, against what was captured.
expect=$(cat <<EOF_EXPECT
GET /items?q=a%20b&page=2 body= type= cookie=sid=abc; theme=dark agent=shop-app/1.0 hop=
POST /items body={"name":"cup"} type=application/json cookie= agent=shop-app/1.0 hop=
POST /login body=user=ada&lang=en type=application/x-www-form-urlencoded cookie= agent=shop-app/1.0 hop=
GET /download body= type= cookie= agent=shop-app/1.0 hop=
GET /items/9 body= type= cookie= agent=shop-app/1.0 hop=
EOF_EXPECT
)
got=$(node -e '
  for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
    const r = JSON.parse(line);
    console.log(`${r.method} ${r.target} body=${r.body} type=${r.type} cookie=${r.cookie} agent=${r.agent} hop=${r.hop}`);
  }' "$T/requests.log")
if [[ $got != "$expect" ]]; then
  echo "--- expected:"; echo "$expect"; echo "--- received:"; echo "$got"; cat "$T/newman.log"
  fail "newman did not send what was captured"
fi
pass "newman ran the collection (folders by host and path): the server received the captured methods, paths, queries, headers and bodies; hop-by-hop headers stayed out"
