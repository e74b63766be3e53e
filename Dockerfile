# Build: a Swift 6 image with Debian's FAISS. Not built in CI (no Docker engine there).
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libfaiss-dev libopenblas-dev liblapack-dev python3-pip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The in-process embedding model (all-MiniLM-L6-v2, Apache-2.0), fetched and checksummed as scripts/run does.
COPY scripts/lib ./scripts/lib
RUN bash -c 'source scripts/lib/setup.sh && EMBEDDER_MODEL_DIR=/models/all-MiniLM-L6-v2 ensure_minilm_model'
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product personalmem --static-swift-stdlib

# Run: the binary, its migrations and page, and the BLAS/LAPACK/OpenMP libraries static FAISS needs.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0 liblapack3 libgomp1 libstdc++6 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/.build/release/personalmem /usr/local/bin/personalmem
COPY --from=build /models/all-MiniLM-L6-v2 ./models/all-MiniLM-L6-v2
COPY migrations ./migrations
COPY frontend ./frontend
ENV HOST=0.0.0.0 PORT=8888 STORAGE_DIR=/data EMBEDDER_MODEL_DIR=/app/models/all-MiniLM-L6-v2
VOLUME /data
EXPOSE 8888
CMD ["personalmem", "serve"]
