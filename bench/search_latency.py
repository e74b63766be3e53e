#!/usr/bin/env python3
"""Search latency over HTTP (not a test): imports one user holding N synthetic memories into a
running server (embedded by the server itself), then times GET /users/{id}/memories/search one
request at a time over a kept-alive connection, query embedding included, and prints p50/p95.
With SERVER_PID set (a server on this machine) it also prints the server's CPU time per search, which a
busy machine inflates far less than wall time.
Usage: [SERVER_PID=PID] bench/search_latency.py BASE_URL [memories] [queries]"""
import http.client, json, os, random, sys, time, urllib.parse, uuid


def server_cpu_seconds():
    """utime + stime of SERVER_PID in seconds, or None without it."""
    pid = os.environ.get("SERVER_PID")
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

base = urllib.parse.urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8888")
memories = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 500
rng = random.Random(7)
people = ["Anna", "Ben", "Chloe", "Dev", "Ema", "Farid", "Grace", "Hugo"]
verbs = ["visited", "painted", "cooked", "bought", "read about", "talked about", "planned", "fixed"]
things = ["a lighthouse", "the garden", "a pottery class", "a red bicycle", "a jazz concert", "the budget",
          "a trip to Lisbon", "a puppy", "the kitchen", "a marathon", "a chess club", "a birthday cake"]
user = f"bench-search-{uuid.uuid4().hex[:8]}"
rows = []
for i in range(memories):
    ts = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00.000Z"
    text = f"{rng.choice(people)} {rng.choice(verbs)} {rng.choice(things)} with {rng.choice(people)} (note {i})."
    rows.append({"record": {"memory_id": i + 1, "user_id": user, "conv_id": f"c{i // 40}", "turn_id": i % 40 + 1,
                            "ts": ts, "summary": text, "raw_user": text, "raw_assistant": "", "speaker": rng.choice(people)},
                 "access_count": 0, "last_access": None, "vector": ""})
export = {"format": "personalmem-export-1", "user_id": user, "exported_at": "2025-01-01T00:00:00.000Z", "profile": {},
          "history": [], "conversations": [], "embedding_model": "none", "embedding_dims": 0, "memories": rows}
connection = http.client.HTTPConnection(base.hostname, base.port or 80, timeout=600)
started = time.time()
connection.request("POST", f"/users/{user}/import", json.dumps(export), {"Content-Type": "application/json"})
reply = connection.getresponse(); body = reply.read()
if reply.status != 200:
    sys.exit(f"import failed: {reply.status} {body[:300]!r}")
print(f"imported {memories} memories in {time.time() - started:.1f} s")
questions = [f"What did {rng.choice(people)} do with {rng.choice(things)} last month?" for _ in range(queries)]
times = []
cpu_start = None
for index, question in enumerate(questions + questions[:50]):  # the first 50 warm up
    if index == 50:
        cpu_start = server_cpu_seconds()
    path = f"/users/{user}/memories/search?q={urllib.parse.quote(question)}&top_k=10"
    t0 = time.perf_counter()
    connection.request("GET", path)
    reply = connection.getresponse(); reply.read()
    elapsed = (time.perf_counter() - t0) * 1000
    if reply.status != 200:
        sys.exit(f"search failed: {reply.status}")
    if index >= 50:
        times.append(elapsed)
times.sort()
pick = lambda p: times[min(len(times) - 1, int(len(times) * p))]
print(f"search over HTTP, {memories} memories, {len(times)} queries, top_k 10: p50 {pick(0.5):.2f} ms, p95 {pick(0.95):.2f} ms, p99 {pick(0.99):.2f} ms")
cpu_end = server_cpu_seconds()
if cpu_start is not None and cpu_end is not None:
    print(f"server CPU per search: {(cpu_end - cpu_start) * 1000 / len(times):.2f} ms")
connection.request("DELETE", f"/users/{user}/memories"); connection.getresponse().read()
