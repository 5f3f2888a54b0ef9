# Shared helpers for the e2e scripts: an isolated HOME/POSTERN_HOME, a private TLS server, and
# cleanup by PID. Sourced, not run.
set -euo pipefail

e2e_init() {  # sets T, HOME, POSTERN_HOME; removes T and stops servers on exit
  T=$(mktemp -d /tmp/postern-e2e.XXXXXX)
  export HOME=$T/home POSTERN_HOME=$T/postern TMPDIR=$T/tmp
  unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_RUNTIME_DIR
  # Tests talk only to loopback: no proxy from the caller's environment, and the doctor's
  # connectivity check aimed at a closed loopback port unless a script points it elsewhere.
  unset http_proxy https_proxy all_proxy no_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY NO_PROXY
  mkdir -p "$HOME" "$TMPDIR" "$POSTERN_HOME/config"
  e2e_settings '{"connectivity": {"url": "http://127.0.0.1:9/", "timeout_ms": 2000}}'
  E2E_PIDS=() E2E_MOUNTS=()  # stopped, and unmounted (in a private namespace), on exit
  trap e2e_cleanup EXIT
}

e2e_cleanup() {
  local pid dir
  # A runtime the bridge started for this test: stop it by the PID in its pid file.
  if [[ -n ${POSTERN_HOME:-} && -f $POSTERN_HOME/run/postern-runtime.pid ]]; then
    pid=$(head -c 32 "$POSTERN_HOME/run/postern-runtime.pid" 2>/dev/null | tr -dc 0-9 || true)
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
    # Wait for it to exit (bounded): a runtime still shutting down would write into $T while
    # it is being removed.
    for _ in $(seq 100); do [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  for pid in "${E2E_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  for dir in "${E2E_MOUNTS[@]}"; do umount -l "$dir" 2>/dev/null || true; done
  rm -rf "$T" "${E2E_STORE_COPIES:-}"
}

# js FILE EXPR: EXPR evaluated with `d` = FILE's JSON; strings print bare, the rest as JSON.
js() {
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = eval(process.argv[2]); console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}

# start_runtime_cli: `postern runtime start` ($POSTERN) on a port that looks free; sets
# PROXY_PORT, its answer in $T/start.json. The port can be taken by the time the runtime binds
# it; the runtime then runs without its proxy and `runtime start` exits 1 with
# PROXY_PORT_IN_USE: stop it and try another port.
start_runtime_cli() {
  local try
  for try in 1 2 3 4 5; do
    PROXY_PORT=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && continue
    "$POSTERN" runtime start --port "$PROXY_PORT" --json >"$T/start.json" && return 0
    [[ $(js "$T/start.json" 'd.proxy?.error?.code') == PROXY_PORT_IN_USE ]] ||
      { cat "$T/start.json" "$POSTERN_HOME/run/postern-runtime.log"; fail "postern runtime start failed"; }
    "$POSTERN" runtime stop >/dev/null
  done
  fail "the capture proxy did not get a port"
}

# e2e_settings JSON: writes the runtime's settings.json (read again on every check).
e2e_settings() { printf '%s\n' "$1" >"$POSTERN_HOME/config/settings.json"; }

# start_loopback_http NAME [REPLY_FILE]: a loopback HTTP server (tests/e2e/loopback_http.cpp,
# 204 to every request, or REPLY_FILE's bytes) whose request lines go to $T/NAME.log; sets
# LOOPBACK_PORT. Stopped on exit by PID.
start_loopback_http() {
  local name=$1 i
  "${POSTERN_LOOPBACK_HTTP:?set by ctest}" "$T/$name.port" "$T/$name.log" ${2:+"$2"} &
  E2E_PIDS+=($!)
  for i in $(seq 500); do [[ -s $T/$name.port ]] && break; sleep 0.01; done
  LOOPBACK_PORT=$(cat "$T/$name.port") || fail "loopback_http $name did not start"
}

# control_api_curl PATH CURL_ARGS...: curl to the runtime's control API at PATH, with the address
# and token from $POSTERN_HOME/run/control.json. control_api METHOD PATH [BODY]: one call.
control_api_curl() {
  local control=$POSTERN_HOME/run/control.json path=$1 port token
  shift
  port=$(sed -n 's/.*"port": *\([0-9]*\).*/\1/p' "$control")
  token=$(sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p' "$control")
  curl -sS --fail -H "Authorization: Bearer $token" "$@" "http://127.0.0.1:$port$path"
}
control_api() {
  local body=()
  [[ -n ${3:-} ]] && body=(--data "$3")
  control_api_curl "$2" -X "$1" "${body[@]}"
}

fail() { echo "FAIL: $*" >&2; exit 1; }

# must WHY CMD...: runs CMD with its output kept aside; when it fails, prints that output (and
# the runtime's log, where there is one) and fails with WHY. What went wrong is then in CI's log.
must() {
  local why=$1 out
  shift
  out=$(mktemp "${T:-/tmp}/must.XXXXXX")
  "$@" >"$out" 2>&1 && return 0
  cat "$out" "${POSTERN_HOME:-/nonexistent}"/run/*.log 2>/dev/null || true
  fail "$why"
}
pass() { echo "ok: $*"; }

# start_tls_server CERT KEY: serves HTTPS on 127.0.0.1 with `openssl s_server -www`; sets PORT.
start_tls_server() {
  local cert=$1 key=$2 try
  for try in 1 2 3 4 5; do
    PORT=$((20000 + RANDOM % 20000))
    openssl s_server -quiet -www -accept "127.0.0.1:$PORT" -cert "$cert" -key "$key" \
      >"$T/s_server.log" 2>&1 &
    local pid=$!
    local i
    for i in $(seq 50); do
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then E2E_PIDS+=("$pid"); return 0; fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  fail "could not start openssl s_server"
}

stop_tls_servers() {
  local pid
  for pid in "${E2E_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  E2E_PIDS=()
}

# e2e_private_system_store "$@": call first. Re-runs the calling script in a private mount
# namespace in which the system trust store's folders are private copies, so that nothing a test
# (or a bug in Postern) does can reach this machine's store. Exit 77 when namespaces are not
# available.
e2e_private_system_store() {
  if [[ -n ${POSTERN_E2E_IN_NAMESPACE:-} ]]; then
    local copies
    copies=$(mktemp -d /tmp/postern-e2e-store.XXXXXX)
    E2E_STORE_COPIES=$copies  # removed by e2e_cleanup
    cp -a /usr/local/share/ca-certificates "$copies/local-anchors"
    cp -a /etc/ssl/certs "$copies/etc-ssl-certs"
    cp /etc/ca-certificates.conf "$copies/ca-certificates.conf"
    mount --bind "$copies/local-anchors" /usr/local/share/ca-certificates
    mount --bind "$copies/etc-ssl-certs" /etc/ssl/certs
    mount --bind "$copies/ca-certificates.conf" /etc/ca-certificates.conf
    return 0
  fi
  local ns
  if ((EUID == 0)); then ns=(unshare --mount --propagation private); else ns=(unshare --map-root-user --mount); fi
  "${ns[@]}" true 2>/dev/null || { echo "SKIP: cannot create a private mount namespace"; exit 77; }
  exec "${ns[@]}" env POSTERN_E2E_IN_NAMESPACE=1 bash "$0" "$@"
}

# e2e_require_tools TOOL...: skip (exit 77) when one is missing; scripts/deps.sh installs them.
e2e_require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (scripts/deps.sh installs it)"; exit 77; }
  done
}

# e2e_require_browser: skip (exit 77) without node or Debian's Chromium.
e2e_require_browser() {
  command -v node >/dev/null || { echo "SKIP: node is missing"; exit 77; }
  [[ -x ${POSTERN_CHROMIUM:-/usr/lib/chromium/chromium} ]] || { echo "SKIP: chromium is missing"; exit 77; }
}

# origin_leaf NAME SAN: a leaf $T/nginx/NAME.{crt,key} for SAN ("DNS:localhost,IP:127.0.0.1")
# from the private origin CA $T/origin-ca.pem, which the first call makes.
origin_leaf() {
  local dir=$T/nginx
  mkdir -p "$dir/tmp"
  [[ -f $T/origin-ca.pem ]] ||
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=e2e-origin-ca \
      -keyout "$dir/ca.key" -out "$T/origin-ca.pem" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$dir/$1.key" -out "$dir/$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$2" >"$dir/$1.ext"
  openssl x509 -req -in "$dir/$1.csr" -CA "$T/origin-ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/$1.ext" -out "$dir/$1.crt" 2>/dev/null
}

# launch_nginx PORT SERVER_BLOCK: nginx under $T/nginx with SERVER_BLOCK inside its http block,
# waiting until PORT answers; returns 1 when nginx exits first (a port was taken). Stopped on
# exit by PID.
launch_nginx() {
  local dir=$T/nginx i pid
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 1  # someone else answers there
  # As root, nginx's workers would drop to "nobody", who cannot read the test's 0700 folder.
  cat >"$dir/nginx.conf" <<CONF
$( ((EUID == 0)) && echo "user root;")
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  types { text/html html; image/png png; application/javascript js; text/css css; application/json json; }
  default_type application/octet-stream;
  keepalive_requests 100000;
$2
}
CONF
  nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" &
  pid=$!
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then E2E_PIDS+=("$pid"); return 0; fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  return 1
}

# start_nginx: a private nginx on loopback (its own config, logs and temp folders under $T/nginx,
# docroot $T/www) serving HTTP on $NGINX_HTTP and HTTPS on $NGINX_HTTPS with a certificate for
# localhost/127.0.0.1 from a private origin CA ($T/origin-ca.pem). /1k, /big (100 MiB), /pic.png,
# /app.js, /site.css, /data.json are files; /nocontent answers 204; /echo reads any body and
# answers 200. Stopped on exit by PID.
start_nginx() {
  local dir=$T/nginx try
  mkdir -p "$T/www"
  origin_leaf localhost DNS:localhost,IP:127.0.0.1
  head -c 1024 /dev/urandom >"$T/www/1k"
  truncate -s 100M "$T/www/big"
  printf '\x89PNG\r\n\x1a\nnot-really-an-image' >"$T/www/pic.png"
  printf 'console.log(1);\n' >"$T/www/app.js"
  printf 'body{}\n' >"$T/www/site.css"
  printf '{"ok":true}\n' >"$T/www/data.json"
  for try in 1 2 3 4 5; do
    NGINX_HTTP=$((20000 + RANDOM % 20000)); NGINX_HTTPS=$((NGINX_HTTP + 1))
    launch_nginx "$NGINX_HTTPS" "  server {
    listen 127.0.0.1:$NGINX_HTTP;
    listen 127.0.0.1:$NGINX_HTTPS ssl;
    ssl_certificate $dir/localhost.crt;
    ssl_certificate_key $dir/localhost.key;
    root $T/www;
    location = /nocontent { return 204; }
    location = /echo { client_max_body_size 200m; return 200 \"received\\n\"; }
  }" && return 0
  done
  cat "$dir/error.log" >&2
  fail "could not start nginx"
}
