# Build: a Swift 6 image with Debian's FAISS. Not built in CI (no Docker engine there).
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libfaiss-dev libopenblas-dev liblapack-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
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
COPY migrations ./migrations
COPY frontend ./frontend
ENV HOST=0.0.0.0 PORT=8888 STORAGE_DIR=/data
VOLUME /data
EXPOSE 8888
CMD ["personalmem", "serve"]
