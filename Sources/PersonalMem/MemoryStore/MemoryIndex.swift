import CFaissShim
import Foundation

/// A FAISS index of L2-normalised vectors under explicit 64-bit ids, scored by inner product (= cosine).
///
/// Not thread-safe: a `MemoryIndex` is `@unchecked Sendable` only so that an owner which serialises
/// every access (such as ``UserMemoryStore`` under ``UserMemoryStores``) can move it between tasks.
public final class MemoryIndex: @unchecked Sendable {
    /// The index layout: exact search, or an HNSW graph (approximate, faster for large users).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case flat
        case hnsw

        var shimValue: Int32 { self == .hnsw ? Int32(PM_INDEX_HNSW) : Int32(PM_INDEX_FLAT) }
    }

    private var handle: OpaquePointer

    /// Vector dimension.
    public let dims: Int
    /// Index layout.
    public let kind: Kind

    /// Creates an empty index. `hnswM` is the HNSW graph degree (ignored for `.flat`).
    public init(dims: Int, kind: Kind = .flat, hnswM: Int = 32) throws {
        guard dims > 0, dims <= Int(Int32.max) else { throw MemoryIndexError.invalidArgument("dimension must be positive") }
        var out: OpaquePointer?
        try MemoryIndexError.check(pm_index_new(Int32(dims), kind.shimValue, Int32(hnswM), &out))
        guard let out else { throw MemoryIndexError.faiss("index creation returned no handle") }
        self.handle = out
        self.dims = dims
        self.kind = kind
    }

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.dims = Int(pm_index_dims(handle))
        self.kind = pm_index_kind(handle) == Int32(PM_INDEX_HNSW) ? .hnsw : .flat
    }

    deinit { pm_index_free(handle) }

    /// Number of vectors in the index.
    public var count: Int { Int(pm_index_count(handle)) }

    /// The ids in the index, in insertion order.
    public func ids() throws -> [Int64] {
        let n = count
        guard n > 0 else { return [] }
        var ids = [Int64](repeating: 0, count: n)
        try ids.withUnsafeMutableBufferPointer { try MemoryIndexError.check(pm_index_ids(handle, $0.baseAddress)) }
        return ids
    }

    /// Adds vectors (normalised here) under the given ids. Ids should be unique in the index.
    public func add(ids: [Int64], vectors: [[Float]]) throws {
        guard ids.count == vectors.count else { throw MemoryIndexError.invalidArgument("\(ids.count) ids for \(vectors.count) vectors") }
        var flat: [Float] = []
        flat.reserveCapacity(ids.count * dims)
        for vector in vectors {
            guard vector.count == dims else { throw MemoryIndexError.invalidArgument("vector has \(vector.count) dimensions, index has \(dims)") }
            flat.append(contentsOf: vector)
        }
        try add(ids: ids, flatVectors: flat)
    }

    /// Adds vectors given back to back in one array (`ids.count * dims` floats), normalising each.
    public func add(ids: [Int64], flatVectors: [Float]) throws {
        guard flatVectors.count == ids.count * dims else {
            throw MemoryIndexError.invalidArgument("\(flatVectors.count) floats for \(ids.count) vectors of \(dims) dimensions")
        }
        guard !ids.isEmpty else { return }
        var normalised = flatVectors
        VectorMath.normaliseRows(&normalised, dims: dims)
        try normalised.withUnsafeBufferPointer { vectors in
            try ids.withUnsafeBufferPointer { idBuffer in
                try MemoryIndexError.check(pm_index_add(handle, Int64(ids.count), vectors.baseAddress, idBuffer.baseAddress))
            }
        }
    }

    /// The `k` nearest ids by cosine similarity, best first. Empty slots (fewer than `k` vectors) are dropped.
    public func search(query: [Float], k: Int) throws -> [(id: Int64, score: Float)] {
        guard query.count == dims else { throw MemoryIndexError.invalidArgument("query has \(query.count) dimensions, index has \(dims)") }
        guard k > 0, count > 0 else { return [] }
        var normalised = query
        VectorMath.normaliseRows(&normalised, dims: dims)
        let limit = min(k, count)
        var scores = [Float](repeating: 0, count: limit)
        var ids = [Int64](repeating: -1, count: limit)
        try normalised.withUnsafeBufferPointer { q in
            try scores.withUnsafeMutableBufferPointer { s in
                try ids.withUnsafeMutableBufferPointer { i in
                    try MemoryIndexError.check(pm_index_search(handle, Int64(limit), q.baseAddress, s.baseAddress, i.baseAddress))
                }
            }
        }
        return zip(ids, scores).filter { $0.0 >= 0 }.map { (id: $0.0, score: $0.1) }
    }

    /// Cosine similarity of `query` (normalised here) with the stored vector of each of `ids` that is in
    /// the index; ids not in it are left out.
    public func cosines(query: [Float], ids: [Int64]) throws -> [Int64: Float] {
        guard query.count == dims else { throw MemoryIndexError.invalidArgument("query has \(query.count) dimensions, index has \(dims)") }
        guard !ids.isEmpty else { return [:] }
        var normalised = query
        VectorMath.normaliseRows(&normalised, dims: dims)
        var scores = [Float](repeating: 0, count: ids.count)
        var found = [UInt8](repeating: 0, count: ids.count)
        try normalised.withUnsafeBufferPointer { q in
            try ids.withUnsafeBufferPointer { i in
                try scores.withUnsafeMutableBufferPointer { s in
                    try found.withUnsafeMutableBufferPointer { f in
                        try MemoryIndexError.check(
                            pm_index_inner_products(handle, q.baseAddress, Int64(ids.count), i.baseAddress, s.baseAddress, f.baseAddress))
                    }
                }
            }
        }
        var result: [Int64: Float] = [:]
        for (position, id) in ids.enumerated() where found[position] != 0 { result[id] = scores[position] }
        return result
    }

    /// Removes the given ids and returns how many were present.
    ///
    /// Flat indexes remove in place. An HNSW graph cannot drop nodes, so the shim rebuilds it from the
    /// vectors it holds (same parameters): O(n log n) per call, so remove in batches.
    @discardableResult
    public func remove(ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        var removed: Int64 = 0
        try ids.withUnsafeBufferPointer { try MemoryIndexError.check(pm_index_remove(handle, Int64(ids.count), $0.baseAddress, &removed)) }
        return Int(removed)
    }

    /// HNSW search breadth (higher: better recall, slower). Ignored for flat indexes.
    /// Threads FAISS may use per call, process-wide (0 keeps the OpenMP default).
    public static func setThreads(_ threads: Int) {
        pm_set_threads(Int32(clamping: threads))
    }

    /// Exact searches of one query go through BLAS instead of FAISS's own loops (process-wide).
    public static func useBLASForSingleQueries() {
        pm_use_blas_for_single_queries()
    }

    public func setEfSearch(_ ef: Int) {
        pm_index_set_ef_search(handle, Int32(clamping: ef))
    }

    /// Writes the index atomically: a temporary file in the same directory, fsync, rename, fsync of the directory.
    public func save(to url: URL) throws {
        try DurableFile.replace(url) { temporary in
            try MemoryIndexError.check(temporary.path.withCString { pm_index_write(handle, $0) })
        }
    }

    /// Reads an index written by ``save(to:)``.
    public static func load(from url: URL) throws -> MemoryIndex {
        var out: OpaquePointer?
        try MemoryIndexError.check(url.path.withCString { pm_index_read($0, &out) })
        guard let out else { throw MemoryIndexError.io("index read returned no handle") }
        return MemoryIndex(handle: out)
    }
}
