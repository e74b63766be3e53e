#!/usr/bin/env bash
# Answer-to-searchable benchmark (not a test): TURNS chats (100), one after another, to one user on a
# loopback server whose model is the fake OpenAI server (tests/fake-openai) and whose embedder is the
# built-in one. For each turn: the chat request's latency, then the time from its answer until
# GET /users/{id}/memories/search finds the turn's unique word (polled every 5 ms), i.e. until its
# record_turn job (summary, embedding, index) has run. Prints p50/p95 of both.
# Usage: bench/answer-to-searchable.sh   (BIN=path/to/personalmem, FAKE=path/to/fake-openai; release by default)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/setup.sh"
cd "$ROOT"
TURNS="${TURNS:-100}"

start_local_postgres personalmem_bench
if [ -z "${BIN:-}" ]; then
  for product in personalmem fake-openai; do
    swift build -c release --product "$product" 2>&1 | grep -E "error:|Build complete" || true
  done
  BIN="$ROOT/.build/release/personalmem"
fi
FAKE="${FAKE:-$(dirname "$BIN")/fake-openai}"
"$BIN" migrate >/dev/null

WORK="$(mktemp -d)"
FAKE_PORT=18990
while ! port_free "$FAKE_PORT"; do FAKE_PORT=$((FAKE_PORT + 1)); done
"$FAKE" "$FAKE_PORT" >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
PORT=$((FAKE_PORT + 1))
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
PORT=$PORT HOST=127.0.0.1 STORAGE_DIR="$WORK/storage" LOG_LEVEL=error EMBEDDER=hash \
  LLM_BASE_URL="http://127.0.0.1:$FAKE_PORT/v1" LLM_MODEL=fake-model "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $FAKE_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

python3 - "$PORT" "ats-$(date +%s)-$$" "$TURNS" <<'PY'
import http.client, json, sys, time
port, user, turns = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
def call(method, path, body=None):
    connection.request(method, path, json.dumps(body) if body is not None else None, {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"null")
answer, searchable, missing = [], [], 0
for turn in range(turns):
    word = f"lighthouse{turn}marker"
    body = {"model": "any", "user": user, "metadata": {"use_gate": False, "use_rerank": False},
            "messages": [{"role": "user", "content": f"Note {turn}: I painted the {word} today"}]}
    started = time.perf_counter()
    status, reply = call("POST", "/v1/chat/completions", body)
    answered = time.perf_counter()
    assert status == 200 and reply["memory"]["indexing"] == "queued", (status, reply)
    answer.append(answered - started)
    while True:
        _, found = call("GET", f"/users/{user}/memories/search?q={word}&top_k=1")
        if found["results"] and word in found["results"][0]["summary"]:
            searchable.append(time.perf_counter() - answered)
            break
        if time.perf_counter() - answered > 30:
            missing += 1
            break
        time.sleep(0.005)
pick = lambda values, q: sorted(values)[min(len(values) - 1, int(q * len(values)))] * 1000
print(f"{turns} turns, fake model, built-in embedder:")
print(f"  chat request (fake model call included): p50 {pick(answer, .5):.1f} ms, p95 {pick(answer, .95):.1f} ms")
print(f"  answer -> searchable: p50 {pick(searchable, .5):.1f} ms, p95 {pick(searchable, .95):.1f} ms, not found in 30 s: {missing}")
PY
