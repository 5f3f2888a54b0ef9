#!/usr/bin/env bash
# Renders every window of postern-wizard under a private Xvfb into docs/screenshots/*.png (the
# README shows them). The wizard's --tour walks the real windows with their real buttons and does
# a real install into a temporary home (HOME and POSTERN_HOME), NSS store only, then resets it.
# Usage: scripts/screenshots.sh [build-dir] [--scale 2]   (--scale 2 renders at 200% into @2x files)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
scale=1
[[ ${2:-} == --scale ]] && scale=${3:-2}
wizard=$build/wizard/gui/postern-wizard
for tool in Xvfb import "$wizard"; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool not found (scripts/deps.sh, build)" >&2; exit 1; }
done
out=$root/docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
cleanup() {
  # A runtime the tour started and did not stop (a failed tour) must not outlive its home.
  local pid_file=$work/home/postern/run/postern-runtime.pid
  [[ -f $pid_file ]] && kill "$(head -1 "$pid_file" | tr -dc 0-9)" 2>/dev/null || true
  [[ -n ${app_pid:-} ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n ${origin_pid:-} ]] && { kill "$origin_pid" 2>/dev/null || true; wait "$origin_pid" 2>/dev/null || true; }
  [[ -n ${xvfb_pid:-} ]] && { kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# A display of our own: -displayfd picks a free number (others run Xvfb here too).
fifo=$work/displayfd
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 "$((1280 * scale))x$((900 * scale))x24" -nolisten tcp -noreset 3>"$fifo" >/dev/null 2>&1 &
xvfb_pid=$!
read -r -t 10 display <"$fifo"
export DISPLAY=":$display"

shots=$work/shots
mkdir -p "$shots" "$work/home"

# A sample origin on loopback for the capture window's shots: the tour sends a few requests
# through the runtime's proxy to it (JSON, a Set-Cookie, CSS, a PNG, a 404, a 201 and a 204).
cat >"$work/origin.py" <<'PY'
import http.server, json
class Origin(http.server.BaseHTTPRequestHandler):
    def reply(self, status, kind, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api/users":
            users = [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}]
            self.reply(200, "application/json", json.dumps(users).encode(),
                       [("Set-Cookie", "session=3f9a2c; Path=/; HttpOnly")])
        elif path.startswith("/api/orders/") or path == "/api/health":
            self.reply(200, "application/json", b'{"id":7,"item":"book","qty":2,"status":"paid"}')
        elif path.endswith(".css"):
            self.reply(200, "text/css", b"body{font-family:sans-serif}")
        elif path.endswith(".png"):
            self.reply(200, "image/png", bytes.fromhex("89504e470d0a1a0a") + bytes(64))
        else:
            self.reply(404, "application/json", b'{"error":"not found"}')
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.reply(201, "application/json", b'{"id":7,"status":"created"}',
                   [("Location", "/api/orders/7")])
    def do_DELETE(self):
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Origin)
print(server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/origin.py" >"$work/origin.port" 2>/dev/null &
origin_pid=$!
for _ in $(seq 50); do [[ -s $work/origin.port ]] && break; sleep 0.1; done
origin="http://127.0.0.1:$(head -1 "$work/origin.port")"
# Everything the tour installs stays in the temporary home; the proxy port avoids 5555.
env HOME="$work/home" POSTERN_HOME="$work/home/postern" XDG_CONFIG_HOME= XDG_DATA_HOME= \
  XDG_RUNTIME_DIR= NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GDK_SCALE="$scale" \
  POSTERN_TOUR_ORIGIN="$origin" \
  POSTERN_BRIDGE_BINARY="$build/runtime/bridge/postern-bridge" \
  POSTERN_RUNTIME_BINARY="$build/runtime/daemon/postern-runtime" \
  timeout "${POSTERN_TOUR_TIMEOUT:-600}" "$wizard" --tour="$shots" --ca-stores=nss --port=18095 >"$work/tour.log" 2>&1 &
app_pid=$!
status=0
wait "$app_pid" || status=$?
app_pid=
if ((status != 0)); then
  echo "screenshots: the tour failed (exit $status); shots taken: $(ls "$shots")" >&2
  tail -20 "$work/tour.log" >&2
  exit "$status"
fi
suffix=""
((scale != 1)) && suffix="@${scale}x"
for png in "$shots"/*.png; do
  name=$(basename "$png" .png)
  cp "$png" "$out/$name$suffix.png"
done
ls "$out"
