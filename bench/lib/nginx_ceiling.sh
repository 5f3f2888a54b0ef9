# nginx as a reverse proxy to the shared kit's origin: keep-alive on both sides, no capture, no
# absolute-form targets, no CONNECT, no minting. It is the ceiling of relaying on this machine,
# which a capturing proxy can approach but not pass. Sourced by proxy_bench.sh and ceiling.sh.
#
#   nginx_ceiling_start DIR HTTP_PORT [TLS_PORT CERT KEY]   (TLS: terminate, then HTTPS upstream)
#   nginx_ceiling_stop DIR
#   nginx_ceiling_worker DIR                                 (the worker's pid, for RSS and CPU)

nginx_ceiling_start() {
  local dir=$1 http_port=$2 tls_port=${3:-} cert=${4:-} key=${5:-} tls_server=""
  mkdir -p "$dir/tmp"
  if [[ -n $tls_port ]]; then
    tls_server="
  upstream origin_tls { server 127.0.0.1:18443; keepalive 256; }
  server {
    listen 127.0.0.1:$tls_port ssl;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    location / {
      proxy_pass https://origin_tls; proxy_http_version 1.1; proxy_set_header Connection \"\";
      proxy_ssl_session_reuse on; proxy_ssl_server_name on; proxy_ssl_name a.test;
    }
  }"
  fi
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 10000000;
  upstream origin { server 127.0.0.1:18080; keepalive 256; }
  server {
    listen 127.0.0.1:$http_port;
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }$tls_server
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log"
  local _
  for _ in $(seq 50); do [[ -s $dir/nginx.pid ]] && return 0; sleep 0.1; done
  echo "nginx did not start: $(cat "$dir/error.log")" >&2
  return 1
}

nginx_ceiling_stop() {
  [[ -s $1/nginx.pid ]] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
}

nginx_ceiling_worker() {
  pgrep -P "$(cat "$1/nginx.pid")" | head -1
}
