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
# nginx relaying without capture: the HTTP ceiling of this machine, not a peer (lib/nginx_ceiling.sh).
source "$root/bench/lib/nginx_ceiling.sh"
ceiling=$home/nginx-ceiling ceiling_port=18890
cleanup() {
  "$postern" runtime stop >/dev/null 2>&1 || true
  nginx_ceiling_stop "$ceiling"
  rm -rf "$home"
}
trap cleanup EXIT
SSL_CERT_FILE=$origin_cert "$postern" runtime start --port "$port"
"$postern" capture start --name bench
pid=$(head -c 32 "$home/run/postern-runtime.pid" | tr -dc 0-9)
ca=$home/config/proxy/postern-proxy-ca.crt

nginx_ceiling_start "$ceiling" "$ceiling_port"
ceiling_worker=$(nginx_ceiling_worker "$ceiling")

bash "$kit/anchors.sh" --add "label=postern,proxy=127.0.0.1:$port,ca=$ca,pid=$pid" \
  --add "label=nginx-ceiling,proxy=127.0.0.1:$ceiling_port,pid=$ceiling_worker,modes=http" "$@"
"$postern" capture status
