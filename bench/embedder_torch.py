#!/usr/bin/env python3
"""The PyTorch side of bench/embedder.sh: the same model, sentences and measurements as
`personalmem bench-embedder`, with sentence-transformers on the CPU.

usage: embedder_torch.py MODEL_DIR SENTENCES_FILE BATCH_SIZE THREADS QUERIES
"""
import statistics
import sys
import time

import torch
from sentence_transformers import SentenceTransformer


def main() -> None:
    folder, path, batch_size, threads, queries = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    with open(path, encoding="utf-8") as handle:
        texts = [line.rstrip("\n") for line in handle if line.strip()]
    start = time.perf_counter()
    model = SentenceTransformer(folder, device="cpu")
    load = time.perf_counter() - start
    with torch.inference_mode():
        model.encode(texts[:batch_size], batch_size=batch_size, normalize_embeddings=True)  # warm-up
        start, cpu_start = time.perf_counter(), time.process_time()
        model.encode(texts, batch_size=batch_size, normalize_embeddings=True)
        batch, batch_cpu = time.perf_counter() - start, time.process_time() - cpu_start
        query_texts = [texts[(i * 7919) % len(texts)] for i in range(queries)]
        for text in query_texts[:20]:
            model.encode([text], normalize_embeddings=True)
        latencies, cpu = [], []
        for text in query_texts:
            start, cpu_start = time.perf_counter(), time.process_time()
            model.encode([text], normalize_embeddings=True)
            latencies.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
    latencies.sort()
    cpu.sort()
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(f"torch  model load {load * 1000:.0f} ms; torch {torch.__version__}, {threads} thread(s)")
    print(f"torch  batch: {len(texts) / batch:.1f} sentences/s (batch {batch_size}); "
          f"{len(texts) / batch_cpu:.1f} sentences per CPU-second")
    print(f"torch  one query: p50 {statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms ({queries} queries); "
          f"CPU time p50 {statistics.median(cpu):.2f} ms, p95 {cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))]:.2f} ms")


if __name__ == "__main__":
    main()
