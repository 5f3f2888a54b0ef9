#!/usr/bin/env bash
# The capture proxy beside its peers, in one interleaved run of the shared kit
# (../shared/bench: nginx origin, direct, tinyproxy, mitmdump, pxload/wrk), with a debug
# session capturing every exchange into the real store. Never part of the test suite.
#
#   bench/proxy_bench.sh [build dir] [anchors.sh options...]
#   e.g. bench/proxy_bench.sh build --rounds 1 --duration 5 --conc 1,16,128 --sizes 1k,1m
#
# Needs nginx-light, tinyproxy, mitmproxy and wrk (apt-get), and libcurl for pxload.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd); shift || true
kit=$root/../shared/bench
export BENCH_WORK=${BENCH_WORK:-/tmp/postern-bench}
postern=$build/cli/postern
[[ -x $postern && -x $build/runtime/daemon/postern-runtime ]] || { echo "build first: scripts/build.sh" >&2; exit 1; }

bash "$kit/build.sh" >/dev/null
# The origin's self-signed certificate is made by its first start; the runtime must trust it.
bash "$kit/lib/upstream.sh" start >/dev/null && bash "$kit/lib/upstream.sh" stop >/dev/null
origin_cert=$BENCH_WORK/upstream/cert.pem

home=$(mktemp -d /tmp/postern-bench-home.XXXXXX)
export POSTERN_HOME=$home POSTERN_RUNTIME_BINARY=$build/runtime/daemon/postern-runtime
unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY
port=15555
# A ceiling for HTTP, not a peer: nginx as a reverse proxy to the origin (keep-alive both
# sides, no capture, no interception). It shows what relaying costs on this machine at all;
# a capturing forward proxy does strictly more per request. nginx cannot CONNECT, so HTTP only.
ceiling=$home/nginx-ceiling ceiling_port=18890
start_ceiling() {
  mkdir -p "$ceiling/tmp"
  cat >"$ceiling/nginx.conf" <<CONF
worker_processes 1;
pid $ceiling/nginx.pid;
error_log $ceiling/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $ceiling/tmp/body;
  proxy_temp_path $ceiling/tmp/proxy;
  fastcgi_temp_path $ceiling/tmp/fastcgi;
  uwsgi_temp_path $ceiling/tmp/uwsgi;
  scgi_temp_path $ceiling/tmp/scgi;
  keepalive_requests 10000000;
  upstream origin { server 127.0.0.1:18080; keepalive 256; }
  server {
    listen 127.0.0.1:$ceiling_port;
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
  nginx -c "$ceiling/nginx.conf" -p "$ceiling" -e "$ceiling/error.log"
  for _ in $(seq 50); do [[ -s $ceiling/nginx.pid ]] && break; sleep 0.1; done
}
stop_ceiling() {
  [[ -s $ceiling/nginx.pid ]] && kill "$(cat "$ceiling/nginx.pid")" 2>/dev/null || true
}
cleanup() {
  "$postern" runtime stop >/dev/null 2>&1 || true
  stop_ceiling
  rm -rf "$home"
}
trap cleanup EXIT
SSL_CERT_FILE=$origin_cert "$postern" runtime start --port "$port"
"$postern" capture start --name bench
pid=$(head -c 32 "$home/run/postern-runtime.pid" | tr -dc 0-9)
ca=$home/config/proxy/postern-proxy-ca.crt

start_ceiling
ceiling_worker=$(pgrep -P "$(cat "$ceiling/nginx.pid")" | head -1)

bash "$kit/anchors.sh" --add "label=postern,proxy=127.0.0.1:$port,ca=$ca,pid=$pid" \
  --add "label=nginx-ceiling,proxy=127.0.0.1:$ceiling_port,pid=$ceiling_worker,modes=http" "$@"
"$postern" capture status
