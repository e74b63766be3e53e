import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UserMemoryStore {
    /// Replaces every vector (one per memory, in ``allRecords()`` order) and adopts a new embedding model.
    ///
    /// Writes `vectors.f32`, then `faiss.index`, then `state.json`, each atomically. If interrupted, the
    /// store refuses to open (mismatch or inconsistent files) until ``reembed(userID:layout:configuration:embedder:batchSize:)``
    /// is run again, which needs only `meta.jsonl`.
    public func replaceAllVectors(model: String, dims: Int, vectors newVectors: [[Float]]) throws {
        try ensureOpen()
        guard newVectors.count == count else {
            throw MemoryStoreError.corrupt("\(newVectors.count) vectors given for \(count) memories")
        }
        var flat: [Float] = []
        flat.reserveCapacity(count * dims)
        for vector in newVectors {
            guard vector.count == dims else { throw MemoryStoreError.dimensionMismatch(expected: dims, got: vector.count) }
            flat.append(contentsOf: vector)
        }
        vectors.closeHandle()
        let spec = EmbeddingSpec(model: model, dims: dims)
        index = try Self.writeReplacement(
            in: directory, spec: spec, configuration: configuration, ids: rows.ids, flatVectors: flat, nextMemoryID: rows.nextID)
        vectors = try VectorLog(url: file(.vectors), dims: dims)
        embedding = spec
        addsSinceSnapshot = 0
    }

    /// Re-embeds a user's memories (their summaries) with `embedder` and adopts its model, needing only
    /// `meta.jsonl`: use it after changing the embedding model, or to finish an interrupted re-embedding.
    /// The user's store must not be open. Returns the number of memories embedded.
    @discardableResult
    public static func reembed(
        userID: String, layout: UserDirectory, configuration: Configuration, embedder: some Embedder, batchSize: Int = 64
    ) async throws -> Int {
        let directory = try layout.directory(forUser: userID)
        try DurableFile.createDirectory(directory)
        let lock = try acquireLock(directory)
        defer {
            flock(lock, LOCK_UN)
            DurableFile.closeDescriptor(lock)
        }
        try RewriteCommit.recover(in: directory)
        let keptNextID = (try? MemoryStoreState.read(from: file(.state, in: directory)))??.nextMemoryID
        let meta = try JSONLinesFile(url: file(.meta, in: directory))
        defer { meta.closeHandle() }
        try meta.repair()
        var records: [MemoryRecord] = []
        try meta.forEachLine { _, line in
            if let record = try? MemoryRecord.read(line: line) { records.append(record) }
        }
        var flat: [Float] = []
        var dims = embedder.dims ?? 0
        for start in stride(from: 0, to: records.count, by: max(1, batchSize)) {
            let batch = records[start..<min(records.count, start + max(1, batchSize))]
            let embedded = try await embedder.embed(batch.map(\.summary))
            guard embedded.count == batch.count else { throw MemoryStoreError.corrupt("embedder returned \(embedded.count) vectors for \(batch.count) texts") }
            for vector in embedded {
                if dims == 0 { dims = vector.count }
                guard vector.count == dims else { throw MemoryStoreError.dimensionMismatch(expected: dims, got: vector.count) }
                flat.append(contentsOf: vector)
            }
        }
        guard dims > 0 else { throw MemoryStoreError.corrupt("embedder reported no dimension") }
        _ = try writeReplacement(
            in: directory, spec: EmbeddingSpec(model: embedder.model, dims: dims), configuration: configuration,
            ids: records.map(\.memoryID), flatVectors: flat,
            nextMemoryID: max(keptNextID ?? 1, (records.map(\.memoryID).max() ?? 0) + 1))
        return records.count
    }

    /// Writes `vectors.f32`, `faiss.index` and `state.json` for a complete new set of vectors.
    static func writeReplacement(
        in directory: URL, spec: EmbeddingSpec, configuration: Configuration, ids: [Int64], flatVectors: [Float],
        nextMemoryID: Int64
    ) throws -> MemoryIndex {
        var normalised = flatVectors
        VectorMath.normaliseRows(&normalised, dims: spec.dims)
        let index = try MemoryIndex(dims: spec.dims, kind: configuration.indexKind, hnswM: configuration.hnswM)
        try index.add(ids: ids, flatVectors: normalised)
        if let ef = configuration.efSearch { index.setEfSearch(ef) }
        try VectorLog.write(to: file(.vectors, in: directory), dims: spec.dims, ids: ids, vectors: normalised)
        try index.save(to: file(.index, in: directory))
        try MemoryStoreState(embeddingModel: spec.model, embeddingDims: spec.dims, indexKind: index.kind, snapshotCount: index.count,
            nextMemoryID: nextMemoryID)
            .write(to: file(.state, in: directory))
        return index
    }
}
