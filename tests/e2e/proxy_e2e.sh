#!/usr/bin/env bash
# The capture proxy end to end: the real postern-runtime between real curl (and raw bytes over
# bash's /dev/tcp) and a private nginx, all on loopback. HTTP and intercepted HTTPS, tricky
# HTTP compared byte for byte proxied vs direct, 100 MiB both ways with flat memory, the
# pass-through list, the CA page and the 502 page.
# Usage: proxy_e2e.sh <postern-runtime>     (needs POSTERN_LOOPBACK_HTTP, set by ctest)
set -euo pipefail
RUNTIME=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
command -v nginx >/dev/null || { echo "SKIP: nginx is missing (scripts/deps.sh installs it)"; exit 77; }
e2e_init
start_nginx
origin=127.0.0.1:$NGINX_HTTP
ca=$POSTERN_HOME/config/proxy/postern-proxy-ca.crt

# start_runtime [ARGS]: the runtime on a free port ($PROXY), verifying nginx with its private CA.
start_runtime() {
  local try i
  for try in 1 2 3 4 5; do
    PROXY_PORT=$((20000 + RANDOM % 20000)); PROXY=127.0.0.1:$PROXY_PORT
    SSL_CERT_FILE=$T/origin-ca.pem "$RUNTIME" --runtime-dir "$POSTERN_HOME/run" \
      --config-dir "$POSTERN_HOME/config" --data-dir "$POSTERN_HOME/data" --port "$PROXY_PORT" "$@" \
      >>"$T/runtime.log" 2>&1 &
    RUNTIME_PID=$!
    for i in $(seq 100); do
      kill -0 "$RUNTIME_PID" 2>/dev/null || break
      if (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null; then return 0; fi
      sleep 0.05
    done
    kill "$RUNTIME_PID" 2>/dev/null || true; wait "$RUNTIME_PID" 2>/dev/null || true
  done
  cat "$T/runtime.log"; fail "the runtime did not start"
}
stop_runtime() { kill "$RUNTIME_PID"; wait "$RUNTIME_PID" 2>/dev/null || true; }
trap 'kill ${RUNTIME_PID:-0} 2>/dev/null || true; e2e_cleanup' EXIT

# raw PORT FILE OUT: sends FILE's bytes to 127.0.0.1:PORT and keeps everything until close.
raw() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  cat "$2" >&3
  timeout 20 cat <&3 >"$3" || true
  exec 3<&-
}
# same_bytes NAME REQUEST_TEMPLATE: the request (TARGET_PREFIX replaced by nothing directly, by
# http://origin through the proxy) gets the same response bytes both ways, hop-by-hop fields
# and Date aside.
same_bytes() {
  local name=$1 template=$2 port=${3:-$NGINX_HTTP}
  printf "${template//TARGET_PREFIX/}" >"$T/$name.direct.req"
  printf "${template//TARGET_PREFIX/http://127.0.0.1:$port}" >"$T/$name.proxied.req"
  raw "$port" "$T/$name.direct.req" "$T/$name.direct"
  raw "$PROXY_PORT" "$T/$name.proxied.req" "$T/$name.proxied"
  for side in direct proxied; do
    LC_ALL=C grep -a -v -i -E '^(date|connection|keep-alive): ' "$T/$name.$side" >"$T/$name.$side.cmp" || true
  done
  [[ -s $T/$name.direct.cmp ]] || fail "$name: no direct response"
  cmp -s "$T/$name.direct.cmp" "$T/$name.proxied.cmp" ||
    { diff <(cat -A "$T/$name.direct.cmp") <(cat -A "$T/$name.proxied.cmp") | head -20; fail "$name: proxied bytes differ from direct"; }
  pass "$name: proxied response identical to direct ($(wc -c <"$T/$name.direct") bytes)"
}
peak_rss_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$RUNTIME_PID/status"; }

start_runtime
[[ -s $ca ]] || fail "the runtime did not create the proxy CA"

# HTTP and HTTPS through the proxy.
curl -sS --fail -x "$PROXY" "http://$origin/1k" -o "$T/1k.http"
cmp -s "$T/1k.http" "$T/www/1k" || fail "HTTP body differs"
pass "HTTP GET through the proxy"
curl -sS --fail -v --cacert "$ca" -x "$PROXY" "https://localhost:$NGINX_HTTPS/1k" -o "$T/1k.https" 2>"$T/https.log"
cmp -s "$T/1k.https" "$T/www/1k" || fail "HTTPS body differs"
grep -q "issuer: .*CN=Postern Proxy CA" "$T/https.log" || { cat "$T/https.log"; fail "HTTPS was not intercepted with a Postern leaf"; }
grep -q "subject: CN=localhost" "$T/https.log" || fail "the leaf is not named after the SNI"
pass "HTTPS intercepted: leaf for localhost issued by the Postern CA, body intact"
curl -sS --fail --cacert "$ca" -x "$PROXY" "https://localhost:$NGINX_HTTPS/1k" "https://localhost:$NGINX_HTTPS/data.json" \
  -o /dev/null -o /dev/null -w '%{num_connects}\n' >"$T/connects"
[[ $(( $(paste -sd+ "$T/connects") )) == 1 ]] || fail "keep-alive: curl opened more than one connection for two requests"
pass "keep-alive inside an intercepted tunnel (2 requests, 1 connection)"

# Tricky HTTP, byte for byte.
same_bytes get 'GET TARGET_PREFIX/1k HTTP/1.1\r\nHost: '"$origin"'\r\nConnection: close\r\n\r\n'
same_bytes head 'HEAD TARGET_PREFIX/1k HTTP/1.1\r\nHost: '"$origin"'\r\nConnection: close\r\n\r\n'
etag=$(curl -sS -I "http://$origin/1k" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
same_bytes not_modified 'GET TARGET_PREFIX/1k HTTP/1.1\r\nHost: '"$origin"'\r\nIf-None-Match: '"$etag"'\r\nConnection: close\r\n\r\n'
grep -q "^HTTP/1.1 304" "$T/not_modified.proxied" || fail "no 304"
same_bytes no_content 'GET TARGET_PREFIX/nocontent HTTP/1.1\r\nHost: '"$origin"'\r\nConnection: close\r\n\r\n'
same_bytes pipelined 'GET TARGET_PREFIX/data.json HTTP/1.1\r\nHost: '"$origin"'\r\n\r\nGET TARGET_PREFIX/1k HTTP/1.1\r\nHost: '"$origin"'\r\nConnection: close\r\n\r\n'
[[ $(grep -ac "^HTTP/1.1 200" "$T/pipelined.proxied") == 2 ]] || fail "pipelined: not two responses"
big_header=$(head -c 6000 /dev/zero | tr '\0' a)
same_bytes large_header 'GET TARGET_PREFIX/data.json HTTP/1.1\r\nHost: '"$origin"'\r\nX-Large: '"$big_header"'\r\nConnection: close\r\n\r\n'
same_bytes chunked_request 'POST TARGET_PREFIX/echo HTTP/1.1\r\nHost: '"$origin"'\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n'
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Checksum: abc123\r\n\r\n' >"$T/trailers.reply"
start_loopback_http trailers "$T/trailers.reply"
same_bytes chunked_trailers 'GET TARGET_PREFIX/t HTTP/1.1\r\nHost: 127.0.0.1:'"$LOOPBACK_PORT"'\r\nConnection: close\r\n\r\n' "$LOOPBACK_PORT"
grep -aq "X-Checksum: abc123" "$T/chunked_trailers.proxied" || fail "trailers lost"
head -c 4096 /dev/urandom >"$T/upload"
curl -sS -v -x "$PROXY" -H "Expect: 100-continue" --data-binary @"$T/upload" "http://$origin/echo" -o "$T/continue.body" 2>"$T/continue.log"
grep -q "HTTP/1.1 100 Continue" "$T/continue.log" || fail "100-continue: no interim response"
[[ $(cat "$T/continue.body") == received ]] || fail "100-continue: no final response"
pass "Expect: 100-continue answered with 100, then the final response"
printf 'POST http://%s/echo HTTP/1.1\r\nHost: %s\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' "$origin" "$origin" >"$T/smuggle.req"
raw "$PROXY_PORT" "$T/smuggle.req" "$T/smuggle"
grep -aq "^HTTP/1.1 400" "$T/smuggle" || fail "Content-Length + Transfer-Encoding was not refused"
pass "Content-Length with Transfer-Encoding refused with 400"

# 100 MiB each way, streamed: the runtime's peak memory barely moves.
before=$(peak_rss_kb)
curl -sS --fail -x "$PROXY" "http://$origin/big" -o "$T/big.down"
[[ $(stat -c %s "$T/big.down") == 104857600 ]] || fail "100 MiB download truncated"
rm -f "$T/big.down"
curl -sS --fail -x "$PROXY" -T "$T/www/big" -X POST "http://$origin/echo" -o /dev/null
after=$(peak_rss_kb)
growth=$(( (after - before) / 1024 ))
((growth < 32)) || fail "peak RSS grew by $growth MiB over 100 MiB each way"
pass "100 MiB down and 100 MiB up streamed; peak RSS ${before} kB -> ${after} kB (+$growth MiB)"

# Capture on, keeping 64 MiB of each body: 8 downloads of 8 MiB at once. The kept copies wait in
# spool files, not in memory (docs/store.md), and come out of the store whole.
head -c 8M /dev/urandom >"$T/www/8m"
control_api POST /v1/capture/start '{"name":"big bodies","options":{"body_limit":67108864}}' >/dev/null
before=$(peak_rss_kb)
downloads=()
for i in 1 2 3 4 5 6 7 8; do
  curl -sS --fail -x "$PROXY" "http://$origin/8m?n=$i" -o "$T/8m.$i" & downloads+=($!)
done
for pid in "${downloads[@]}"; do wait "$pid" || fail "a download through the capturing proxy failed"; done
after=$(peak_rss_kb)
control_api POST /v1/capture/stop >/dev/null  # commits what is queued
growth=$(( (after - before) / 1024 ))
((growth < 32)) || fail "capturing 8 x 8 MiB at once grew peak RSS by $growth MiB"
if command -v sqlite3 >/dev/null; then
  db=$POSTERN_HOME/data/capture.db  # wire strings are stored as BLOBs: compare them as BLOBs
  [[ $(sqlite3 -readonly "$db" "SELECT count(*) FROM exchanges WHERE path = CAST('/8m' AS BLOB)
        AND length(response_body) = 8388608 AND response_body_truncated = 0") == 8 ]] ||
    { sqlite3 -readonly "$db" "SELECT path, query, status, length(response_body),
        response_body_size, response_body_truncated, response_body_omitted FROM exchanges";
      fail "the session does not hold eight whole 8 MiB responses"; }
  sqlite3 -readonly "$db" "SELECT writefile('$T/stored.8m', response_body) FROM exchanges
        WHERE query = CAST('n=3' AS BLOB)" >/dev/null
  cmp -s "$T/stored.8m" "$T/www/8m" || fail "a stored 8 MiB body differs from what was served"
fi
[[ -z $(ls -A "$POSTERN_HOME/data/spool") ]] || fail "spool files were left behind"
pass "capture keeping 64 MiB per body: 8 x 8 MiB at once, peak RSS +$growth MiB, bodies stored whole, spool empty"

# The CA page, the 502 page.
curl -sS --fail -x "$PROXY" http://postern.proxy/ca.pem -o "$T/ca.pem"
cmp -s "$T/ca.pem" "$ca" || fail "http://postern.proxy/ca.pem is not the CA"
curl -sS --fail -x "$PROXY" http://postern.proxy/ca.der | openssl x509 -inform DER -noout -subject | grep -q "Postern Proxy CA" ||
  fail "ca.der is not the CA in DER"
pass "http://postern.proxy/ serves the CA (PEM and DER)"
closed=$((NGINX_HTTP + 2))
code=$(curl -sS -x "$PROXY" "http://127.0.0.1:$closed/" -o "$T/502.html" -w '%{http_code}')
[[ $code == 502 ]] && grep -q "refused the connection" "$T/502.html" || fail "no 502 page naming the refusal"
pass "a refused origin gets a 502 page that says so"

# Pass-through: the same HTTPS request, now end to end with the origin's own certificate.
stop_runtime
start_runtime --pass-through localhost
curl -sS --fail --cacert "$T/origin-ca.pem" -x "$PROXY" "https://localhost:$NGINX_HTTPS/1k" -o "$T/1k.tunnel"
cmp -s "$T/1k.tunnel" "$T/www/1k" || fail "pass-through body differs"
if curl -sS --cacert "$ca" -x "$PROXY" "https://localhost:$NGINX_HTTPS/1k" -o /dev/null 2>/dev/null; then
  fail "a pass-through host was intercepted"
fi
pass "pass-through hosts keep the origin's certificate (not intercepted)"
stop_runtime
echo "proxy e2e: all passed"
