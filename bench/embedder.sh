#!/usr/bin/env bash
# In-process all-MiniLM-L6-v2 (Swift) beside the same model in PyTorch (sentence-transformers), on the
# same sentences: batch sentences/s and one-query latency p50/p95. Results go to docs/benchmarks.md.
#
#   bench/embedder.sh [SENTENCES=2000] [THREADS=2]
#
# Needs a release build (swift build -c release --product personalmem) and, for the PyTorch side, a
# virtualenv outside the repository: python3 -m venv /tmp/stenv && /tmp/stenv/bin/pip install torch
# sentence-transformers (STENV=/path/to/venv to use another). Without it only the Swift side runs.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/setup.sh"
cd "$ROOT"
count="${1:-2000}" threads="${2:-2}" batch=64 queries=300
ensure_minilm_model
sentences="$(mktemp)"
trap 'rm -f "$sentences"' EXIT
python3 bench/embedder_sentences.py "$count" >"$sentences"
say "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$ROOT/.build/release/personalmem" bench-embedder --model-dir "$EMBEDDER_MODEL_DIR" --sentences "$sentences" \
  --batch-size "$batch" --threads "$threads" --queries "$queries"
python="${STENV:-/tmp/stenv}/bin/python"
if [ -x "$python" ]; then
  HF_HUB_OFFLINE=1 OMP_NUM_THREADS="$threads" "$python" bench/embedder_torch.py "$EMBEDDER_MODEL_DIR" "$sentences" "$batch" "$threads" "$queries" 2>/dev/null
else
  say "no PyTorch virtualenv at ${STENV:-/tmp/stenv}: PyTorch side skipped"
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
