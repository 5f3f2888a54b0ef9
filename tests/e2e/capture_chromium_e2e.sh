#!/usr/bin/env bash
# Capture sessions seen from a real browser: Debian's headless Chromium loads a shop page over
# HTTPS from a private nginx (shop.test) through postern-runtime, started and driven only by the
# `postern` CLI. The page pulls a CSS file, a JS file, a PNG and two API calls (GET JSON, POST).
# Checked: Chromium trusts the proxy's leaf through a temporary NSS database (and refuses it
# without); the session holds exactly those exchanges with their methods and statuses; the PNG
# keeps status and headers but no body ("media"); body and wire sizes match the files; a
# session with --exclude-static has no CSS/JS/PNG; one with --url-contains /api/ has only the
# API calls.
#
# Name resolution: Chromium sends "CONNECT shop.test:PORT" and the *proxy* resolves the name, so
# Chromium's --host-resolver-rules cannot help (recipe §5) and postern-runtime has no resolve
# override. The script therefore re-runs itself in a private mount namespace whose /etc/hosts is
# a copy with "127.0.0.1 shop.test"; the machine's /etc/hosts is never touched.
# Chromium reaches the proxy through a PAC script that sends only *.test there, not through
# --proxy-server: that would also hand Chromium's own background requests (Google accounts,
# component updates) to the proxy, which would look them up and go out to the network (recipe §5).
# Usage: capture_chromium_e2e.sh <postern> <postern-runtime>
#   (exit 77 = skipped: no node, Chromium, playwright-core, nginx, certutil or namespaces)
set -euo pipefail
POSTERN=$1
export POSTERN_RUNTIME_BINARY=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_require_browser
for tool in nginx certutil; do
  command -v $tool >/dev/null || { echo "SKIP: $tool is missing (scripts/deps.sh installs it)"; exit 77; }
done
[[ -f $here/chromium/node_modules/playwright-core/index.mjs ]] ||
  { echo "SKIP: run 'npm ci' in tests/e2e/chromium for playwright-core"; exit 77; }

if [[ -z ${POSTERN_E2E_PRIVATE_HOSTS:-} ]]; then
  if ((EUID == 0)); then ns=(unshare --mount --propagation private); else ns=(unshare --map-root-user --mount); fi
  "${ns[@]}" true 2>/dev/null || { echo "SKIP: cannot create a private mount namespace"; exit 77; }
  exec "${ns[@]}" env POSTERN_E2E_PRIVATE_HOSTS=1 bash "$0" "$@"
fi
e2e_init
cp /etc/hosts "$T/hosts"
echo "127.0.0.1 shop.test" >>"$T/hosts"
mount --bind "$T/hosts" /etc/hosts
t0=$(date +%s%3N)
elapsed() { echo "$(( $(date +%s%3N) - t0 )) ms"; }

# --- The shop: files with known sizes, served over HTTPS by nginx as shop.test ---------------
www=$T/www
mkdir -p "$www/static" "$www/api"
cat >"$www/index.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>Postern shop</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/site.css">
<script src="/static/app.js"></script>
</head><body><h1>Postern shop</h1><img id="logo" src="/static/logo.png" alt="logo"></body></html>
HTML
# The data: favicon above keeps Chromium from asking for /favicon.ico, so the set is exact.
printf 'body { background: rgb(1, 2, 3); color: white; }\n' >"$www/static/site.css"
cat >"$www/static/app.js" <<'JS'
window.appRan = true;
window.addEventListener('DOMContentLoaded', async () => {
  window.products = await (await fetch('/api/products.json')).json();
  const placed = await fetch('/api/orders', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ product: 7, quantity: 2 }) });
  window.order = { status: placed.status, body: await placed.json() };
  window.shopDone = true;
});
JS
printf '{"products":[{"id":7,"name":"cup","price":4.5},{"id":8,"name":"plate","price":6}]}\n' \
  >"$www/api/products.json"
order_reply='{"order":42,"state":"placed"}'
printf '%s' "$order_reply" >"$T/order-reply.json"
# A real 48x32 PNG (Chromium must decode it), noisy so that it is a few KiB.
node -e '
  const zlib = require("zlib"), crypto = require("crypto");
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0; });
  const crc = (buf) => { let c = ~0; for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8); return (~c) >>> 0; };
  const chunk = (type, data) => { const head = Buffer.alloc(8); head.writeUInt32BE(data.length);
    head.write(type, 4); const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, sum]); };
  const [w, h] = [48, 32], ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;  // 8-bit RGB
  const rows = []; for (let y = 0; y < h; y++) rows.push(Buffer.from([0]), crypto.randomBytes(w * 3));
  process.stdout.write(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]));
' >"$www/static/logo.png"

# The origin's own CA and a leaf for shop.test; the runtime gets the CA through SSL_CERT_FILE,
# so it verifies the origin as it would any real site.
origin_leaf shop.test DNS:shop.test
nx=$T/nginx
for try in 1 2 3 4 5; do
  SHOP_PORT=$((20000 + RANDOM % 20000))
  launch_nginx "$SHOP_PORT" "  server {
    listen 127.0.0.1:$SHOP_PORT ssl;
    server_name shop.test;
    ssl_certificate $nx/shop.test.crt;
    ssl_certificate_key $nx/shop.test.key;
    root $www;
    location = /api/orders { default_type application/json; return 201 '$order_reply'; }
  }" && break
  SHOP_PORT=
done
[[ -n $SHOP_PORT ]] || { cat "$nx/error.log" >&2; fail "could not start nginx"; }
shop=https://shop.test:$SHOP_PORT
curl -sS --fail --cacert "$T/origin-ca.pem" "$shop/static/site.css" -o /dev/null ||
  fail "nginx does not serve $shop with the origin's certificate (private /etc/hosts?)"
pass "nginx serves $shop with a leaf from its own CA ($(elapsed))"

# --- The runtime, through the CLI -------------------------------------------------------------
# A port that looks free can be taken by the time the runtime binds it. The runtime then runs
# without its proxy and `runtime start` exits 1 with PROXY_PORT_IN_USE: stop it, try another.
for try in 1 2 3 4 5; do
  PROXY_PORT=$((20000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && { PROXY_PORT=; continue; }  # taken
  SSL_CERT_FILE=$T/origin-ca.pem "$POSTERN" runtime start --port "$PROXY_PORT" --json >"$T/start.json" && break
  [[ $(js "$T/start.json" 'd.proxy?.error?.code') == PROXY_PORT_IN_USE ]] ||
    { cat "$T/start.json" "$POSTERN_HOME/run/postern-runtime.log"; fail "postern runtime start failed"; }
  "$POSTERN" runtime stop >/dev/null
  PROXY_PORT=
done
[[ -n $PROXY_PORT ]] || fail "the capture proxy did not get a port"
runtime_pid=$(js "$T/start.json" 'd.pid')
ca=$(js "$T/start.json" 'd.proxy.ca_file')
[[ $(js "$T/start.json" 'd.proxy.listening && d.proxy.intercept && d.proxy.verify_upstream') == true && -s $ca ]] ||
  { cat "$T/start.json"; fail "the proxy does not intercept HTTPS with verified upstreams"; }
pass "postern runtime start: pid $runtime_pid, proxy on 127.0.0.1:$PROXY_PORT ($(elapsed))"

# browse ok|cert_error OUT: one page load in a fresh headless Chromium (capture_chromium.mjs).
browse() {
  node "$here/capture_chromium.mjs" "$PROXY_PORT" "$shop/" "$1" >"$2" 2>"$2.stderr" ||
    { cat "$2" "$2.stderr"; fail "Chromium: the load did not go as expected ($1)"; }
}

# --- Trust: Chromium reads the NSS DB in $HOME/.pki/nssdb when that folder exists (recipe §4) --
nssdb=$HOME/.pki/nssdb
mkdir -p "$nssdb"
certutil -d "sql:$nssdb" -N --empty-password
browse cert_error "$T/untrusted.json"
"$POSTERN" runtime status --json >"$T/status-untrusted.json"
(( $(js "$T/status-untrusted.json" 'd.proxy.client_tls_failures') >= 1 )) ||
  fail "the proxy did not count Chromium's refusal of its leaf"
pass "without the proxy CA in NSS: net::ERR_CERT_AUTHORITY_INVALID, and the proxy counts the refusal ($(elapsed))"
certutil -d "sql:$nssdb" -A -t "C,," -n postern-e2e-proxy-ca -i "$ca"

# --- Session 1: everything --------------------------------------------------------------------
# start_session OUT [FILTERS]: a running session; prints its id.
start_session() {
  local out=$1
  shift
  "$POSTERN" capture start --json "$@" >"$out" || { cat "$out"; fail "capture start $* failed"; }
  [[ $(js "$out" 'd.state') == running ]] || { cat "$out"; fail "the session is not running"; }
  js "$out" 'd.id'
}
# stop_and_list ID COUNT DIR: stops the session, waits until it holds COUNT exchanges (the store
# commits in batches ~50 ms apart), then saves each exchange as DIR/<exchange id>.json.
stop_and_list() {
  local id=$1 count=$2 dir=$3 i eid
  "$POSTERN" capture stop --json >"$dir.stop.json" || { cat "$dir.stop.json"; fail "capture stop failed"; }
  for i in $(seq 100); do
    "$POSTERN" capture show "$id" --per-page 1000 --json >"$dir.show.json"
    (( $(js "$dir.show.json" 'd.total') >= count )) && break
    sleep 0.05
  done
  sleep 0.2  # anything beyond COUNT would be committed by now too
  "$POSTERN" capture show "$id" --per-page 1000 --json >"$dir.show.json"
  mkdir -p "$dir"
  for eid in $(js "$dir.show.json" 'd.items.map((e) => e.id).join(" ")'); do
    "$POSTERN" capture exchange "$eid" --json >"$dir/$eid.json"
  done
}
# describe DIR: one line per exchange, sorted: session, method, URL, status, TLS, the request
# body sent, Content-Type and Content-Length as recorded, the body size, the wire size minus the
# head (status line and headers, counted as docs/store.md says), and the stored body against the
# file served (www/<path>, or the fixed order reply): "same", "differs", or "omitted:<reason>"
# (with "+bytes" if an omitted body still has bytes).
describe() {
  node -e '
    const fs = require("fs"), path = require("path");
    const [dir, www, orderReply] = process.argv.slice(1);
    const lines = [];
    for (const name of fs.readdirSync(dir)) {
      const e = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
      const header = (n) => e.response_headers.find((h) => h.name.toLowerCase() === n)?.value ?? "-";
      const len = (s) => Buffer.byteLength(s);
      const head = len(e.http_version) + 5 + len(e.reason) + 2 + 2 +
        e.response_headers.reduce((sum, h) => sum + len(h.name) + 2 + len(h.value) + 2, 0);
      const body = e.response_body;
      const bytes = body.text !== undefined ? Buffer.from(body.text) : Buffer.from(body.base64 ?? "", "base64");
      const file = e.path === "/api/orders" ? orderReply : path.join(www, e.path === "/" ? "index.html" : e.path);
      const stored = body.omitted_reason ? "omitted:" + body.omitted_reason + (bytes.length ? "+bytes" : "")
        : bytes.equals(fs.readFileSync(file)) ? "same" : "differs";
      lines.push(`session=${e.session_id} ${e.method} ${e.url} ${e.status} tls=${e.tls} sent=${e.request_body.text || "-"}` +
        ` type=${header("content-type")} length=${header("content-length")}` +
        ` body=${body.size} wire-head=${e.response_size - head} stored=${stored}`);
    }
    console.log(lines.sort().join("\n"));
  ' "$1" "$www" "$T/order-reply.json"
}
# expect_line METHOD PATH STATUS TYPE FILE [STORED] [SENT]: the describe line (without the
# session) for FILE served whole.
expect_line() {
  local size
  size=$(stat -c %s "$5")
  echo "$1 $shop$2 $3 tls=true sent=${7:--} type=$4 length=$size body=$size wire-head=$size stored=${6:-same}"
}
# same_lines NAME SESSION EXPECTED DIR: the session's exchanges are exactly EXPECTED.
same_lines() {
  local got expected
  got=$(describe "$4")
  expected=$(sed "s/^/session=$2 /" <<<"$3" | LC_ALL=C sort)  # the order of node's sort()
  [[ $got == "$expected" ]] || { echo "--- expected:"; echo "$expected"; echo "--- captured:"; echo "$got"; fail "$1"; }
  sed 's/^/    /' <<<"$got"
}

html_line=$(expect_line GET / 200 text/html "$www/index.html")
css_line=$(expect_line GET /static/site.css 200 text/css "$www/static/site.css")
js_line=$(expect_line GET /static/app.js 200 application/javascript "$www/static/app.js")
png_line=$(expect_line GET /static/logo.png 200 image/png "$www/static/logo.png" omitted:media)
api_line=$(expect_line GET /api/products.json 200 application/json "$www/api/products.json")
order_line=$(expect_line POST /api/orders 201 application/json "$T/order-reply.json" same '{"product":7,"quantity":2}')

s1=$(start_session "$T/s1.start.json" --name "chromium all")
browse ok "$T/page1.json"
# What Chromium itself saw: a leaf for shop.test from the Postern CA, and every part of the page.
[[ $(js "$T/page1.json" 'd.issuer.startsWith("Postern Proxy CA")') == true && $(js "$T/page1.json" 'd.subject') == shop.test ]] ||
  { cat "$T/page1.json"; fail "Chromium did not get the proxy's leaf for shop.test"; }
[[ $(js "$T/page1.json" '[d.title, d.background, d.script, d.image, d.products.products[0].name, d.order]') == \
  '["Postern shop","rgb(1, 2, 3)",true,[48,32],"cup",{"status":201,"body":{"order":42,"state":"placed"}}]' ]] ||
  { cat "$T/page1.json"; fail "the page did not load whole in Chromium"; }
pass "Chromium loaded $shop/ over $(js "$T/page1.json" 'd.protocol') with no certificate error: leaf for shop.test from the Postern CA; CSS applied, JS ran, PNG decoded (48x32), both API calls answered ($(elapsed))"
stop_and_list "$s1" 6 "$T/s1"
same_lines "session $s1 does not hold the page's six exchanges as served" "$s1" \
  "$(printf '%s\n' "$html_line" "$css_line" "$js_line" "$png_line" "$api_line" "$order_line")" "$T/s1"
pass "session $s1: html, css, js, png, GET json and POST (201) with their methods and statuses; bodies and wire sizes match the files; the PNG kept status and headers, its body omitted (media) ($(elapsed))"

# --- Session 2: --exclude-static --------------------------------------------------------------
s2=$(start_session "$T/s2.start.json" --name "chromium no static" --exclude-static)
browse ok "$T/page2.json"
stop_and_list "$s2" 3 "$T/s2"
same_lines "session $s2 (--exclude-static) holds static files or misses others" "$s2" \
  "$(printf '%s\n' "$html_line" "$api_line" "$order_line")" "$T/s2"
pass "session $s2 (--exclude-static): the page and both API calls, no CSS, JS or PNG ($(elapsed))"

# --- Session 3: --url-contains /api/ ----------------------------------------------------------
s3=$(start_session "$T/s3.start.json" --name "chromium api" --url-contains /api/)
browse ok "$T/page3.json"
stop_and_list "$s3" 2 "$T/s3"
same_lines "session $s3 (--url-contains /api/) holds more or less than the API calls" "$s3" \
  "$(printf '%s\n' "$api_line" "$order_line")" "$T/s3"
pass "session $s3 (--url-contains /api/): only the two API calls ($(elapsed))"

# --- The history, then stop by the CLI --------------------------------------------------------
"$POSTERN" capture list --json >"$T/list.json"
[[ $(js "$T/list.json" 'd.sessions.map((s) => `${s.id}:${s.state}:${s.exchange_count}`).join(" ")') == \
  "$s3:stopped:2 $s2:stopped:3 $s1:stopped:6" ]] || { cat "$T/list.json"; fail "capture list is not the three sessions"; }
must "postern runtime stop failed" "$POSTERN" runtime stop
for i in $(seq 50); do kill -0 "$runtime_pid" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$runtime_pid" 2>/dev/null || fail "the runtime (pid $runtime_pid) still runs after postern runtime stop"
pass "capture list shows the three stopped sessions; postern runtime stop ended pid $runtime_pid ($(elapsed))"
echo "capture chromium e2e: all passed in $(elapsed)"
