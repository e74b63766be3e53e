#!/usr/bin/env bash
# Hot-user write benchmark (not a test): WRITERS concurrent clients (50) each send BATCHES (200)
# batch writes, one after another, to the same user on a loopback server. Prints requests/s, p50/p99
# latency and the status counts, then checks that nothing was lost: the history rows equal the
# events the 2xx answers acknowledged, and every writer's field holds its last value.
# Usage: bench/hot-user.sh            (BIN=path/to/personalmem to use another build; release by default)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/setup.sh"
cd "$ROOT"
WRITERS="${WRITERS:-50}"
BATCHES="${BATCHES:-200}"

ensure_packages "${BUILD_PACKAGES[@]}" curl
start_local_postgres personalmem_bench
if [ -z "${BIN:-}" ]; then
  swift build -c release --product personalmem 2>&1 | grep -E "error:|Build complete" || true
  BIN="$ROOT/.build/release/personalmem"
fi
"$BIN" migrate >/dev/null

PORT=18988
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
WORK="$(mktemp -d)"
PORT=$PORT HOST=127.0.0.1 STORAGE_DIR="$WORK/storage" LOG_LEVEL=error "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done

USER_ID="hot-$(date +%s)-$$"
RESULT=$(python3 - "$PORT" "$USER_ID" "$WRITERS" "$BATCHES" <<'PY'
import http.client, json, sys, threading, time
port, user, writers, batches = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lock = threading.Lock()
latencies, statuses, acknowledged = [], {}, [0]

def writer(w):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for b in range(batches):
        body = json.dumps({f"note_w{w}": f"batch {b}", "hobbies": [f"hobby {b % 20}"]})
        started = time.perf_counter()
        connection.request("POST", f"/users/{user}/memories/batch", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        events = len(json.loads(data).get("events", [])) if response.status < 300 else 0
        with lock:
            latencies.append(elapsed)
            statuses[response.status] = statuses.get(response.status, 0) + 1
            acknowledged[0] += events
    connection.close()

threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
started = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
total = time.perf_counter() - started
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(json.dumps({"requests": len(latencies), "seconds": round(total, 2), "rps": round(len(latencies) / total),
                  "p50_ms": round(pick(0.50), 1), "p99_ms": round(pick(0.99), 1),
                  "statuses": statuses, "acknowledged_events": acknowledged[0]}))
PY
)
echo "$RESULT"
PSQL=(psql "$DATABASE_URL" -qtA -v ON_ERROR_STOP=1)
HISTORY=$("${PSQL[@]}" -c "SELECT count(*) FROM profile_history WHERE user_id = '$USER_ID'")
ACKED=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["acknowledged_events"])' "$RESULT")
LAST=$("${PSQL[@]}" -c "SELECT count(*) FROM users, generate_series(0, $WRITERS - 1) AS w
  WHERE user_id = '$USER_ID' AND profile ->> ('note_w' || w) = 'batch $((BATCHES - 1))'")
echo "history rows: $HISTORY, acknowledged events: $ACKED, writers holding their last value: $LAST of $WRITERS"
"${PSQL[@]}" -c "DELETE FROM users WHERE user_id = '$USER_ID'; DELETE FROM profile_history WHERE user_id = '$USER_ID'" >/dev/null
[ "$HISTORY" = "$ACKED" ] && [ "$LAST" = "$WRITERS" ] || { echo "LOST OR EXTRA WRITES" >&2; exit 1; }
