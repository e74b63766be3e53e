#!/usr/bin/env bash
# Load benchmark of the profile API (not a test): seeds USERS users with ~15 fields each, starts
# the release build on loopback, drives it with wrk over random users, and prints requests/s and
# p50/p99 latency and the server's CPU time per request (user + system, from /proc/PID/stat) per
# route at 8 and 64 connections, plus the server's idle and loaded memory.
# Usage: bench/profile-load.sh [seconds-per-run]   (USERS=100000 by default; ONLY=reads or
# ONLY=writes runs one half; BIN=path/to/personalmem uses another build, release by default)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/setup.sh"
cd "$ROOT"
DURATION="${1:-10}"
USERS="${USERS:-100000}"

ensure_packages "${BUILD_PACKAGES[@]}" wrk curl
start_local_postgres personalmem_bench
if [ -z "${BIN:-}" ]; then
  swift build -c release --product personalmem 2>&1 | grep -E "error:|Compiling personalmem|Build complete" || true
  BIN="$ROOT/.build/release/personalmem"
fi
"$BIN" migrate >/dev/null

PSQL=(psql "$DATABASE_URL" -qtA -v ON_ERROR_STOP=1)
if [ "$("${PSQL[@]}" -c "SELECT count(*) FROM users WHERE user_id LIKE 'bench-%'")" -lt "$USERS" ]; then
  say "seeding $USERS users"
  "${PSQL[@]}" -c "DELETE FROM users WHERE user_id LIKE 'bench-%'"
  "${PSQL[@]}" -c "
    INSERT INTO users (user_id, profile)
    SELECT 'bench-' || i, jsonb_build_object(
      'name', 'User ' || i, 'age', 18 + i % 60, 'gender', CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END,
      'city', (ARRAY['Berlin','Oslo','Lyon','Austin','Osaka'])[1 + i % 5], 'hometown', 'Town ' || (i % 97),
      'company', 'Company ' || (i % 1000), 'role', (ARRAY['engineer','teacher','nurse','designer'])[1 + i % 4],
      'education', 'BSc', 'skills', jsonb_build_array('Go', 'SQL', 'skill' || (i % 50)),
      'programming_languages', jsonb_build_array('Swift', 'Python'), 'likes', jsonb_build_array('jazz', 'tea', 'item' || (i % 30)),
      'dislikes', jsonb_build_array('noise'), 'hobbies', jsonb_build_array('chess', 'hiking'),
      'diet', 'vegetarian', 'languages', jsonb_build_array('English', 'German'))
    FROM generate_series(1, $USERS) AS i"
fi

PORT=18888
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
WORK="$(mktemp -d)"
PORT=$PORT STORAGE_DIR="$WORK/storage" LOG_LEVEL=error "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
rss() { echo "$(( $(ps -o rss= -p "$SERVER") / 1024 )) MiB"; }
IDLE=$(rss)

cat >"$WORK/get.lua" <<LUA
local route = os.getenv("ROUTE")
request = function()
  return wrk.format("GET", "/users/bench-" .. math.random(1, $USERS) .. route)
end
LUA
cat >"$WORK/batch.lua" <<LUA
request = function()
  local id = math.random(1, $USERS)
  local body = '{"city": "City' .. math.random(1, 1000) .. '", "hobbies": ["h' .. math.random(1, 50) .. '"]}'
  return wrk.format("POST", "/users/bench-" .. id .. "/memories/batch", {["Content-Type"] = "application/json"}, body)
end
LUA
cat >"$WORK/messages.lua" <<LUA
local lines = {"My name is Sam and I love jazz", "I moved to Lisbon last month", "I also like green tea",
  "I don't like loud music", "What's the weather like?", "I work at Acme as a designer", "我喜欢爬山和游泳"}
request = function()
  local id = math.random(1, $USERS)
  local body = '{"user_id": "bench-' .. id .. '", "message": "' .. lines[math.random(1, #lines)] .. '"}'
  return wrk.format("POST", "/messages", {["Content-Type"] = "application/json"}, body)
end
LUA

cat >"$WORK/warm.lua" <<LUA
local next_id = 0
request = function()
  next_id = next_id % $USERS + 1
  return wrk.format("GET", "/users/bench-" .. next_id .. "/memories/raw")
end
LUA

TICKS=$(getconf CLK_TCK)
# The server's user + system CPU time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat,
# counted after the command name, which may hold spaces).
cpu_ticks() { sed 's/^.*) //' "/proc/$SERVER/stat" | awk '{print $12 + $13}'; }

run() {  # name connections script [route]
  local out before after
  before=$(cpu_ticks)
  out=$(ROUTE="${4:-}" wrk -t2 -c"$2" -d"${DURATION}s" --latency -s "$WORK/$3" "http://127.0.0.1:$PORT" 2>&1)
  after=$(cpu_ticks)
  local rps p50 p99 errors requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.3f ms", t / hz * 1000 / n; else print "-" }')
  printf '| %-22s | %4s | %10s | %9s | %9s | %6s | %11s |\n' "$1" "$2" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu"
}

# Reads are served from the profile cache once a user has been read; warm it as a chatbot's steady
# traffic would, then measure.
wrk -t2 -c16 -d"$((USERS / 2500 + 5))s" -s "$WORK/warm.lua" "http://127.0.0.1:$PORT" >/dev/null
WARM=$(rss)

echo "PersonalMem profile API, $USERS users, ${DURATION}s per run, wrk -t2, server and PostgreSQL on this machine ($(nproc) cores)"
echo
echo "| route                  | conn | requests/s | p50       | p99       | non-2xx | server CPU/request |"
echo "|------------------------|------|------------|-----------|-----------|---------|--------------------|"
# Reads first: every write invalidates that user's cached copy.
ONLY="${ONLY:-}"
for c in 8 64; do
  [ "$ONLY" = writes ] && break
  run "GET context/text" "$c" get.lua /context/text
  run "GET memories/raw" "$c" get.lua /memories/raw
done
for c in 8 64; do
  [ "$ONLY" = reads ] && break
  run "POST memories/batch" "$c" batch.lua
  run "POST /messages (builtin)" "$c" messages.lua
done
echo
echo "server memory: idle $IDLE, cache warm ($USERS profiles) $WARM, after load $(rss)"
