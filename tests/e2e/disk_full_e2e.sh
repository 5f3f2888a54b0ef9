#!/usr/bin/env bash
# Capturing onto a disk that fills up. The runtime's data folder is an 8 MiB tmpfs (in a private
# mount namespace, so nothing leaves this test) with a 4 MiB ballast file in it; curl sends
# 256 KiB responses through the proxy while a session records them. Checked:
#   - the proxy relays every request, whole, before, while and after the disk is full;
#   - `postern capture status` says DISK_FULL, how many exchanges were not stored, and the fix
#     (right at the limit a small batch may still fit, so "ok" itself may flip back and forth);
#   - the runtime's log says it when storing starts to fail and when it works again (not once
#     per failed batch), and so does its event stream (`event: storage`, for capture windows);
#   - what was stored before the disk filled stays readable, and capture.db passes
#     integrity_check;
#   - after the ballast is deleted (the user frees space), new exchanges are stored again and
#     the status is clean, with no restart.
# Usage: disk_full_e2e.sh <postern> <postern-runtime>   (needs POSTERN_LOOPBACK_HTTP, set by
#   ctest; exit 77 = skipped: no sqlite3, node or mount namespace)
set -euo pipefail
POSTERN=$1
export POSTERN_RUNTIME_BINARY=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_require_tools sqlite3 node  # node reads the CLI's JSON
e2e_private_system_store "$@"  # a private mount namespace: the tmpfs below is seen only here
e2e_init
data=$POSTERN_HOME/data
mkdir -p "$data"
mount -t tmpfs -o size=8m,mode=0700 postern-e2e-full "$data" || { echo "SKIP: cannot mount a tmpfs"; exit 77; }
E2E_MOUNTS+=("$data")
head -c $((4 * 1024 * 1024)) /dev/zero >"$data/ballast"

# The origin: every response 256 KiB, so a few exchanges fill the disk.
body_size=$((256 * 1024))
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n' "$body_size"
  printf 'Connection: close\r\n\r\n'; head -c "$body_size" /dev/zero | tr '\0' 'p'; } >"$T/reply"
start_loopback_http origin "$T/reply"
origin=http://127.0.0.1:$LOOPBACK_PORT

# send FIRST LAST: requests /item/FIRST..LAST through the proxy; each must arrive whole.
send() {
  local i size
  for ((i = $1; i <= $2; i++)); do
    size=$(curl -sS --fail --max-time 10 -o /dev/null -w '%{size_download}' -x "127.0.0.1:$PROXY_PORT" \
      "$origin/item/$i") || fail "request $i through the proxy failed"
    [[ $size == "$body_size" ]] || fail "request $i: $size bytes arrived, not $body_size"
  done
}
status() { "$POSTERN" capture status --json >"$T/status.json"; js "$T/status.json" "$1"; }
stored() { "$POSTERN" capture show "$sid" --per-page 1 --json >"$T/show.json"; js "$T/show.json" d.total; }
# health_log: the runtime's storage lines as "failing"/"stored" words, in order. Right at the
# limit a batch can still fit after one failed (a checkpoint made room), so the two may
# alternate; what must not happen is one line per failed batch.
health_log() {
  sed -n -e 's/.*capture: exchanges cannot be stored until this is fixed.*/failing/p' \
    -e 's/.*capture: exchanges are stored again.*/stored/p' "$POSTERN_HOME/run/postern-runtime.log" | tr '\n' ' '
}
alternates() { [[ " $1" =~ ^(\ failing\ stored)*(\ failing)?\ $ ]]; }

start_runtime_cli
# The event stream a capture window listens to, from before the disk fills to after it recovers.
control_api_curl /v1/events -N --max-time 120 >"$T/events.txt" 2>&1 &
E2E_PIDS+=($!)
# storage_events: the `ok` of each `event: storage`, in order ("false true ...").
storage_events() { grep -A1 '^event: storage' "$T/events.txt" | sed -n 's/^data: .*"ok":\([a-z]*\).*/\1/p' | tr '\n' ' '; }
must "capture start failed" "$POSTERN" capture start --name full-disk
sid=$(status d.session.id)
[[ $(status d.storage.ok) == true ]] || { cat "$T/status.json"; fail "storage is not ok before anything happened"; }
send 1 2
"$POSTERN" capture status >/dev/null  # lets the writer's 50 ms pass
for _ in $(seq 50); do [[ $(stored) == 2 ]] && break; sleep 0.1; done
[[ $(stored) == 2 ]] || fail "the first two exchanges were not stored"
pass "session $sid stores 256 KiB exchanges on an 8 MiB tmpfs (4 MiB ballast)"

# Fill the disk: 60 more exchanges (15 MiB of bodies) cannot all fit.
send 3 62
for _ in $(seq 50); do [[ $(status d.storage.last_error?.code) == DISK_FULL ]] && break; sleep 0.1; done
[[ $(status d.storage.last_error?.code) == DISK_FULL ]] || { cat "$T/status.json"; fail "capture status does not say DISK_FULL"; }
not_stored=$(status d.storage.not_stored)
((not_stored > 0)) || { cat "$T/status.json"; fail "no exchange counted as not stored"; }
[[ $(status d.storage.last_error.remedy) == *"free disk space"* ]] || { cat "$T/status.json"; fail "no remedy"; }
"$POSTERN" capture status >"$T/status.txt"
grep -q "^! .*not.* stored" "$T/status.txt" || { cat "$T/status.txt"; fail "the text status does not warn"; }
said=$(health_log)
[[ $said == failing* ]] && alternates "$said" ||
  { cat "$POSTERN_HOME/run/postern-runtime.log"; fail "the log does not say it once per change: $said"; }
for _ in $(seq 50); do [[ $(storage_events) == false* ]] && break; sleep 0.1; done
[[ $(storage_events) == false* ]] || { cat "$T/events.txt" | cut -c1-200; fail "no storage event says the disk is full"; }
grep -A1 '^event: storage' "$T/events.txt" | grep -q '"code":"DISK_FULL"' || fail "the storage event does not say DISK_FULL"
before=$(stored)
((before >= 2)) || fail "the exchanges stored before the disk filled are gone ($before)"
echo "--- postern capture status, disk full:"; cat "$T/status.txt"
pass "disk full: all 62 requests relayed whole; status DISK_FULL ($not_stored not stored, $before stored and readable); the log says: $said"

# The user frees space: the next exchanges are stored, with no restart.
rm "$data/ballast"
send 63 65
for _ in $(seq 50); do [[ $(status d.storage.ok) == true ]] && break; sleep 0.1; done
[[ $(status d.storage.ok) == true ]] || { cat "$T/status.json"; fail "storage did not recover after space was freed"; }
after=$(stored)
((after >= before + 3)) || fail "after freeing space: $after stored, expected at least $((before + 3))"
said=$(health_log)
[[ $said =~ stored\ $ ]] && alternates "$said" ||
  { cat "$POSTERN_HOME/run/postern-runtime.log"; fail "the log does not say it recovered: $said"; }
events=$(storage_events)
[[ $events == *"true " && $(wc -w <<<"$events") == $(wc -w <<<"$said") ]] ||
  fail "the storage events ($events) do not follow the log ($said)"
must "capture stop failed" "$POSTERN" capture stop
integrity=$(sqlite3 -readonly "$data/capture.db" 'PRAGMA integrity_check;')
[[ $integrity == ok ]] || { echo "$integrity" | head; fail "integrity_check after the full disk: not ok"; }
pass "space freed: storing resumed without a restart ($after stored); capture.db integrity ok; events: $events"
must "postern runtime stop failed" "$POSTERN" runtime stop
