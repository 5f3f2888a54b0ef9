#!/usr/bin/env bash
# A capture survives the runtime being killed. postern-runtime (started by `postern runtime
# start`) records a session while three curl loops send a steady stream of requests through the
# proxy, each to a path of its own (/item/N), and note when each response had finished. Then
# the runtime gets SIGKILL: no shutdown code runs. Checked:
#   - capture.db, opened read-only with sqlite3, passes PRAGMA integrity_check;
#   - every request whose response finished at least 100 ms before the kill is in the exchanges
#     table (the store commits a batch at most ~50 ms after an exchange ends), with status 200,
#     and nothing is there that was not requested;
#   - the session row still says "running" (nobody stopped it), and its exchange_count (kept by
#     a trigger) equals the rows;
#   - after `postern runtime start` again, `postern capture list` shows the session stopped
#     (recovered at start-up) with the same exchange count, and a new session can start.
# Usage: capture_crash_e2e.sh <postern> <postern-runtime>   (needs POSTERN_LOOPBACK_HTTP, set by
#   ctest; exit 77 = skipped: no sqlite3 or node)
set -euo pipefail
POSTERN=$1
export POSTERN_RUNTIME_BINARY=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
e2e_require_tools sqlite3 node  # node reads the CLI's JSON
e2e_init
now_ms() { local us=${EPOCHREALTIME/./}; echo $((us / 1000)); }  # no fork: bash's own clock
t0=$(now_ms)
elapsed() { echo "$(( $(now_ms) - t0 )) ms"; }

# The origin: loopback_http answering every request with a small 200.
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nitem\n' >"$T/reply"
start_loopback_http origin "$T/reply"
origin=http://127.0.0.1:$LOOPBACK_PORT

runtime_pid() { head -c 32 "$POSTERN_HOME/run/postern-runtime.pid" | tr -dc 0-9; }

start_runtime_cli
pid=$(runtime_pid)
[[ $pid == $(js "$T/start.json" 'd.pid') ]] || fail "the pid file ($pid) is not the runtime's pid"
"$POSTERN" capture start --json --name crash >"$T/session.json" || { cat "$T/session.json"; fail "capture start failed"; }
sid=$(js "$T/session.json" 'd.id')
pass "runtime pid $pid, proxy on 127.0.0.1:$PROXY_PORT, session $sid running ($(elapsed))"

# client K: requests /item/<K*100000+i> through the proxy one after another, and appends
# "<path> <ms since epoch>" to $T/done.K once curl has the whole response. The time is taken
# after curl exits, so it is at or after the real end: the check below can only be stricter.
# The loop ends at the first failure (the proxy is gone) or after 60 s.
client() {
  local k=$1 i=0 code
  while ((SECONDS < 60)); do
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 -x "127.0.0.1:$PROXY_PORT" \
      "$origin/item/$((k * 100000 + i))" 2>/dev/null) || break
    [[ $code == 200 ]] || break
    echo "/item/$((k * 100000 + i)) $(now_ms)" >>"$T/done.$k"
    i=$((i + 1))
  done
}
clients=()
for k in 1 2 3; do
  client "$k" &
  clients+=($!)
  E2E_PIDS+=($!)
done
# Let the stream run until it is well under way (at least 150 responses), then kill mid-stream.
for i in $(seq 300); do
  (( $(cat "$T"/done.* 2>/dev/null | wc -l) >= 150 )) && break
  sleep 0.05
done
before=$(cat "$T"/done.* 2>/dev/null | wc -l)
((before >= 150)) || fail "only $before requests went through the proxy in 15 s"
kill_ms=$(now_ms)
kill -KILL "$pid"
for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$pid" 2>/dev/null || fail "the runtime (pid $pid) survived SIGKILL"
for c in "${clients[@]}"; do wait "$c" || true; done
cat "$T"/done.* | sort >"$T/done"
pass "SIGKILL to pid $pid after $before responses; $(wc -l <"$T/done") in all before the clients saw the proxy gone ($(elapsed))"

# --- The store as the kill left it (read-only: nothing may repair it before the runtime does) -
db=$POSTERN_HOME/data/capture.db
[[ -f $db ]] || fail "no $db"
sql() { sqlite3 -readonly -bail "$db" "$@"; }
integrity=$(sql 'PRAGMA integrity_check;') || fail "sqlite3 cannot open $db read-only"
[[ $integrity == ok ]] || { echo "$integrity" | head -20; fail "integrity_check: not ok"; }
sql "SELECT CAST(path AS TEXT) FROM exchanges WHERE session_id = $sid;" | sort >"$T/stored"
stored=$(wc -l <"$T/stored")
# Every response that ended at least 100 ms before the kill must be stored.
awk -v limit=$((kill_ms - 100)) '$2 <= limit { print $1 }' "$T/done" | sort >"$T/required"
missing=$(comm -23 "$T/required" "$T/stored")
[[ -z $missing ]] || {
  echo "kill at $kill_ms; missing (path, response finished at):"
  grep -F -w -f <(echo "$missing") "$T/done" | head -20
  fail "$(echo "$missing" | wc -l) of $(wc -l <"$T/required") responses finished >= 100 ms before the kill are not in the store"
}
# Nothing that was never requested, and nothing half-done.
cut -d' ' -f1 "$T/done" | sort >"$T/requested_done"
phantom=$(comm -13 "$T/requested_done" "$T/stored")
[[ -z $phantom ]] || fail "stored paths nobody requested: $phantom"
[[ $(sql "SELECT count(*) FROM exchanges WHERE session_id = $sid AND (status IS NOT 200 OR error != CAST('' AS BLOB));") == 0 ]] ||
  fail "stored exchanges that are not a clean 200"
[[ $(sql "SELECT state || ' ' || exchange_count FROM sessions WHERE id = $sid;") == "running $stored" ]] ||
  fail "session row: $(sql "SELECT state, exchange_count FROM sessions WHERE id = $sid;") (expected running, $stored)"
# How close to the kill the store got: when curl noted the newest stored response (after the
# kill is possible: the note comes after curl exits), and how many responses curl got that were
# not stored (all of them within the last 100 ms, or the check above would have failed).
newest=$(grep -F -w -f "$T/stored" "$T/done" | sort -k2,2n | tail -1 | cut -d' ' -f2)
lost=$(comm -13 "$T/stored" <(cut -d' ' -f1 "$T/done" | sort) | wc -l)
pass "capture.db after SIGKILL: integrity ok; all $(wc -l <"$T/required") responses that ended >= 100 ms before the kill are stored ($stored stored, the newest noted at kill$(printf '%+d' $((newest - kill_ms))) ms; $lost later ones not stored); the session row still says running ($(elapsed))"

# --- Start again: the runtime stops the session the crash left running ------------------------
start_runtime_cli
pid2=$(runtime_pid)
[[ -n $pid2 && $pid2 != "$pid" ]] || fail "the second runtime has no pid of its own"
"$POSTERN" capture list --json >"$T/list.json" || { cat "$T/list.json"; fail "capture list failed"; }
[[ $(js "$T/list.json" "(({state, exchange_count, stopped_at}) => \`\${state} \${exchange_count} \${stopped_at !== null}\`)(d.sessions.find((s) => s.id === $sid))") == \
  "stopped $stored true" ]] || { cat "$T/list.json"; fail "capture list: session $sid is not stopped with $stored exchanges"; }
"$POSTERN" capture show "$sid" --per-page 1 --json >"$T/show.json"
[[ $(js "$T/show.json" 'd.total') == "$stored" ]] || { cat "$T/show.json"; fail "capture show: not $stored exchanges"; }
"$POSTERN" capture start --json --name after-crash >"$T/session2.json" || { cat "$T/session2.json"; fail "no new session after recovery"; }
curl -sS --fail -o /dev/null -x "127.0.0.1:$PROXY_PORT" "$origin/after" || fail "the restarted proxy does not relay"
pass "after a restart (pid $pid2): capture list shows session $sid stopped with $stored exchanges; a new session starts and the proxy relays ($(elapsed))"

must "postern runtime stop failed" "$POSTERN" runtime stop
for i in $(seq 50); do kill -0 "$pid2" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$pid2" 2>/dev/null || fail "the runtime (pid $pid2) still runs after postern runtime stop"
echo "capture crash e2e: all passed in $(elapsed)"
