#!/usr/bin/env bash
# What relaying costs on this machine at all: Postern (capture on) beside direct and beside
# nginx as a reverse proxy, which relays with keep-alive on both sides but captures nothing,
# parses no absolute-form targets and (for HTTPS) mints no certificates and takes no CONNECT.
# nginx is the ceiling a capturing proxy can approach, not a peer. Rounds are interleaved so
# that the machine's drift hits every target alike; each cell is the median over rounds.
#
#   bench/ceiling.sh [build dir] [rounds] [seconds per point]
#
# Uses the shared kit's origin and pxload (../shared/bench) and wrk; never part of the tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-3}
seconds=${3:-5}
kit=$root/../shared/bench
export BENCH_WORK=${BENCH_WORK:-/tmp/postern-bench}
postern=$build/cli/postern
pxload=$BENCH_WORK/bin/pxload
bash "$kit/build.sh" >/dev/null
source "$root/bench/lib/nginx_ceiling.sh"
unset http_proxy https_proxy all_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY

work=$(mktemp -d /tmp/postern-ceiling.XXXXXX)
export POSTERN_HOME=$work/home POSTERN_RUNTIME_BINARY=$build/runtime/daemon/postern-runtime
port=15556 http_ceiling=18890 tls_ceiling=18891
origin_cert=$BENCH_WORK/upstream/cert.pem origin_key=$BENCH_WORK/upstream/key.pem

stop_all() {
  "$postern" runtime stop >/dev/null 2>&1 || true
  nginx_ceiling_stop "$work/nginx"
  bash "$kit/lib/upstream.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_all EXIT

bash "$kit/lib/upstream.sh" start >/dev/null
nginx_ceiling_start "$work/nginx" $http_ceiling $tls_ceiling "$origin_cert" "$origin_key"

SSL_CERT_FILE=$origin_cert "$postern" runtime start --port "$port" >/dev/null
"$postern" capture start --name ceiling >/dev/null
ca=$POSTERN_HOME/config/proxy/postern-proxy-ca.crt

# One point: prints its req/s.
wrk_point() {
  wrk -t1 -c16 "-d${seconds}s" -s "$kit/wrk-bench.lua" "$@" | awk '/Requests\/sec/ {print $2}'
}
pxload_point() {
  "$pxload" -c 16 -d "$seconds" -w 1 --expect-bytes 1024 "$@" | sed -n 's/^RESULT .* rps=\([0-9.]*\).*/\1/p'
}
https_to() {  # pxload to an HTTPS origin at a.test:PORT, trusting CA, with extra args
  local port=$1 ca=$2
  shift 2
  pxload_point --cacert "$ca" --connect-to "a.test:$port:127.0.0.1:$port" "$@" "https://a.test:$port/1k"
}

declare -A results
for round in $(seq "$rounds"); do
  results[http_direct]+="$(wrk_point http://127.0.0.1:18080/1k) "
  results[http_nginx]+="$(wrk_point http://127.0.0.1:$http_ceiling/ -- http://127.0.0.1:18080/1k) "
  results[http_postern]+="$(wrk_point http://127.0.0.1:$port/ -- http://127.0.0.1:18080/1k) "
  results[https_direct]+="$(https_to 18443 "$origin_cert") "
  results[https_nginx]+="$(https_to $tls_ceiling "$origin_cert") "
  results[https_postern]+="$(https_to 18443 "$ca" -x 127.0.0.1:$port) "
  echo "round $round done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
echo "| mode (c=16, 1 KiB) | direct req/s | nginx ceiling req/s (× direct) | Postern req/s (× direct) | Postern ÷ ceiling |"
echo "|---|---:|---:|---:|---:|"
for mode in http https; do
  direct=$(median <<<"${results[${mode}_direct]}")
  nginx=$(median <<<"${results[${mode}_nginx]}")
  ours=$(median <<<"${results[${mode}_postern]}")
  tool=wrk
  [[ $mode == https ]] && tool=pxload
  echo "| $mode ($tool) | $direct | $nginx ($(ratio "$nginx" "$direct")) | $ours ($(ratio "$ours" "$direct")) | $(ratio "$ours" "$nginx") |"
done
echo "rounds: $rounds × ${seconds}s; every round's req/s:" >&2
for key in "${!results[@]}"; do echo "  $key: ${results[$key]}" >&2; done
