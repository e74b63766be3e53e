import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One user's conversation memory on disk, `STORAGE_DIR/users/<dir>/`:
/// `meta.jsonl` (one ``MemoryRecord`` per line), `vectors.f32` (the vectors in the same order),
/// `faiss.index` (a periodic snapshot of the index), `state.json` (model, dimension, index kind,
/// snapshot size, next memory id), `access.json` (access statistics, see ``noteAccess(ids:at:)``) and
/// `conversations/` (the ``ConversationLog``s). It also owns what is held in memory about the user:
/// the FAISS index, the meta rows, the BM25 keyword index and the access statistics. Lifecycle operations replace `meta.jsonl` and
/// `vectors.f32` together through ``rewrite(_:)``; memory ids are never reused.
///
/// Adding a memory appends to `vectors.f32` and `meta.jsonl` (each flushed with fdatasync) and to the
/// in-memory index; nothing that grows with history is rewritten. The index is saved every
/// `max(snapshotEvery, snapshotFraction × count)` adds and on ``close()``. Loading reads the snapshot,
/// replays the memories it lacks from `vectors.f32`, and rebuilds the index from `vectors.f32` when
/// its ids disagree with `meta.jsonl`.
///
/// Not thread-safe: it is `@unchecked Sendable` so that ``UserMemoryStores``, which serialises every
/// operation on a user, can hand it to tasks. A directory lock (`flock` on `.lock`) keeps a second
/// store object or process out of the same user.
public final class UserMemoryStore: @unchecked Sendable {
    /// How stores are opened.
    public struct Configuration: Sendable {
        /// Model name of the embedder whose vectors this store holds.
        public var embeddingModel: String
        public var embeddingDims: Int
        public var indexKind: MemoryIndex.Kind
        /// HNSW graph degree.
        public var hnswM: Int
        /// HNSW search breadth, nil for the shim's default (64).
        public var efSearch: Int?
        /// Minimum adds between index snapshots.
        public var snapshotEvery: Int
        /// Also wait for this fraction of the store's size in adds before the next snapshot.
        public var snapshotFraction: Double
        /// Receives warnings (counts and file names only, never memory text).
        public var onWarning: @Sendable (String) -> Void

        public init(
            embeddingModel: String, embeddingDims: Int, indexKind: MemoryIndex.Kind = .flat, hnswM: Int = 32,
            efSearch: Int? = nil, snapshotEvery: Int = 500, snapshotFraction: Double = 0.1,
            onWarning: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.embeddingModel = embeddingModel
            self.embeddingDims = embeddingDims
            self.indexKind = indexKind
            self.hnswM = hnswM
            self.efSearch = efSearch
            self.snapshotEvery = snapshotEvery
            self.snapshotFraction = snapshotFraction
            self.onWarning = onWarning
        }

        var spec: EmbeddingSpec { EmbeddingSpec(model: embeddingModel, dims: embeddingDims) }
    }

    /// What opening the store found and did.
    public struct LoadReport: Sendable, Equatable {
        /// Memories in `meta.jsonl`.
        public var memories = 0
        /// Memories added to the snapshot from `vectors.f32`.
        public var replayed = 0
        /// Whether the index was rebuilt because it disagreed with `meta.jsonl` (or was unreadable).
        public var rebuilt = false
        /// Whether a torn last line was cut off `meta.jsonl`.
        public var repairedTornMeta = false
        /// Memories in `meta.jsonl` with no vector (not searchable).
        public var missingVectors = 0
    }

    public let userID: String
    public let directory: URL
    public let configuration: Configuration
    /// The model and dimension of the stored vectors.
    public internal(set) var embedding: EmbeddingSpec
    public internal(set) var loadReport = LoadReport()

    var index: MemoryIndex
    var meta: JSONLinesFile
    var vectors: VectorLog
    var rows: MetaRows
    package var addsSinceSnapshot = 0
    var lockDescriptor: Int32
    var conversationLogs: [String: ConversationLog] = [:]
    var isClosed = false
    var access = AccessLedger()
    /// BM25 and each memory's facts, built on first use (``searchIndex()``), kept in step by every add.
    var lookup: SearchIndex?

    init(
        userID: String, directory: URL, configuration: Configuration, embedding: EmbeddingSpec,
        index: MemoryIndex, meta: JSONLinesFile, vectors: VectorLog, rows: MetaRows, lockDescriptor: Int32
    ) {
        self.userID = userID
        self.directory = directory
        self.configuration = configuration
        self.embedding = embedding
        self.index = index
        self.meta = meta
        self.vectors = vectors
        self.rows = rows
        self.lockDescriptor = lockDescriptor
    }

    deinit { releaseHandles() }

    /// Number of memories (lines in `meta.jsonl`).
    public var count: Int { rows.ids.count }

    /// Number of searchable memories (vectors in the index).
    public var indexedCount: Int { index.count }

    /// Stores a memory with its vector (length = the store's dimension) and returns the record.
    @discardableResult
    public func add(_ draft: MemoryDraft, vector: [Float]) throws -> MemoryRecord {
        try add([(draft, vector)])[0]
    }

    /// Stores several memories with one flush per file.
    @discardableResult
    public func add(_ items: [(draft: MemoryDraft, vector: [Float])]) throws -> [MemoryRecord] {
        try ensureOpen()
        guard !items.isEmpty else { return [] }
        var flat: [Float] = []
        flat.reserveCapacity(items.count * embedding.dims)
        for item in items {
            guard item.vector.count == embedding.dims else {
                throw MemoryStoreError.dimensionMismatch(expected: embedding.dims, got: item.vector.count)
            }
            flat.append(contentsOf: item.vector)
        }
        let firstID = rows.nextID
        let records = items.enumerated().map { offset, item in
            MemoryRecord(memoryID: firstID + Int64(offset), userID: userID, draft: item.draft)
        }
        try append(records, flatVectors: flat)
        return records
    }

    /// Appends records (ids increasing, from ``MetaRows/nextID``) and their vectors (normalised here).
    func append(_ records: [MemoryRecord], flatVectors: [Float]) throws {
        var flat = flatVectors
        VectorMath.normaliseRows(&flat, dims: embedding.dims)
        let ids = records.map(\.memoryID)
        let lines = try records.map { try JSONLine.encode($0) }

        let vectorCount = vectors.count
        try vectors.append(ids: ids, vectors: flat)
        if let last = ids.last { rows.nextID = max(rows.nextID, last + 1) }
        let offsets: [UInt64]
        do {
            offsets = try meta.append(lines)
        } catch {
            try? vectors.truncate(toCount: vectorCount)
            throw error
        }
        for (row, id) in ids.enumerated() { rows.append(id: id, offset: offsets[row], length: lines[row].count) }
        try index.add(ids: ids, flatVectors: flat)
        if lookup != nil {
            for record in records { lookup?.add(record) }
        }

        addsSinceSnapshot += records.count
        if addsSinceSnapshot >= max(configuration.snapshotEvery, Int(Double(count) * configuration.snapshotFraction)) {
            do {
                try snapshot()
            } catch {
                configuration.onWarning("index snapshot failed for \(directory.lastPathComponent): \(error)")
            }
        }
    }

    /// The `k` memories most similar to `vector`, best first, with cosine scores.
    public func search(vector: [Float], k: Int) throws -> [ScoredMemory] {
        try nearest(vector: vector, k: k).compactMap { hit in
            try record(id: hit.id).map { ScoredMemory(record: $0, score: hit.score) }
        }
    }

    /// The ids of the `k` vectors most similar to `vector`, best first, with cosine scores (no record read).
    public func nearest(vector: [Float], k: Int) throws -> [(id: Int64, score: Float)] {
        try ensureOpen()
        guard vector.count == embedding.dims else { throw MemoryStoreError.dimensionMismatch(expected: embedding.dims, got: vector.count) }
        return try index.search(query: vector, k: k)
    }

    /// One memory by id, read from `meta.jsonl`.
    public func record(id: Int64) throws -> MemoryRecord? {
        try ensureOpen()
        guard let row = rows.row(of: id) else { return nil }
        let line = try meta.line(at: rows.offsets[row], length: Int(rows.lengths[row]))
        return try? MemoryRecord.read(line: line)
    }

    /// Every memory in `meta.jsonl` order (for re-embedding and export).
    public func allRecords() throws -> [MemoryRecord] {
        try ensureOpen()
        var records: [MemoryRecord] = []
        records.reserveCapacity(count)
        try meta.forEachLine { _, line in
            if let record = try? MemoryRecord.read(line: line) { records.append(record) }
        }
        return records
    }

    /// Saves the index (atomically), records its size in `state.json` and flushes access statistics.
    public func snapshot() throws {
        try ensureOpen()
        try index.save(to: file(.index))
        try currentState().write(to: file(.state))
        addsSinceSnapshot = 0
        try flushAccess()
    }

    /// Saves a snapshot if anything was added since the last one and flushes access statistics, then
    /// releases files and the lock.
    public func close() throws {
        guard !isClosed else { return }
        defer {
            releaseHandles()
            isClosed = true
        }
        var failure: (any Error)?
        if addsSinceSnapshot > 0 {
            do { try snapshot() } catch { failure = error }
        }
        do { try flushAccess() } catch { failure = failure ?? error }
        if let failure { throw failure }
    }

    /// Removes the user's whole directory (memories, vectors, index, conversations). The store is closed.
    public func deleteAll() throws {
        releaseHandles()
        isClosed = true
        try Self.removeDirectory(directory)
    }

    /// A conversation's log (kept open while the store is).
    public func conversation(_ conversationID: String) throws -> ConversationLog {
        try ensureOpen()
        if let log = conversationLogs[conversationID] { return log }
        if conversationLogs.count >= 32 {
            conversationLogs.values.forEach { $0.close() }
            conversationLogs.removeAll()
        }
        let log = try ConversationLog(userDirectory: directory, conversationID: conversationID)
        conversationLogs[conversationID] = log
        return log
    }

    /// Whether the conversation has a log (one open here has: opening a log creates it).
    public func hasConversation(_ conversationID: String) throws -> Bool {
        try ensureOpen()
        if conversationLogs[conversationID] != nil { return true }
        return try conversations().contains { $0.conversationID == conversationID }
    }

    /// The user's conversations, oldest first.
    public func conversations() throws -> [ConversationInfo] {
        try ensureOpen()
        return try ConversationLog.list(userDirectory: directory)
    }

    func ensureOpen() throws {
        if isClosed { throw MemoryStoreError.closed }
    }

    func currentState() -> MemoryStoreState {
        MemoryStoreState(
            embeddingModel: embedding.model, embeddingDims: embedding.dims, indexKind: index.kind, snapshotCount: index.count,
            nextMemoryID: rows.nextID)
    }

    func releaseHandles() {
        lookup = nil
        meta.closeHandle()
        vectors.closeHandle()
        conversationLogs.values.forEach { $0.close() }
        conversationLogs.removeAll()
        if lockDescriptor >= 0 {
            flock(lockDescriptor, LOCK_UN)
            DurableFile.closeDescriptor(lockDescriptor)
            lockDescriptor = -1
        }
    }
}
