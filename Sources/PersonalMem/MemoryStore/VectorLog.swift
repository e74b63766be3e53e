import Foundation

#if _endian(big)
#error("vectors.f32 is little-endian; add byte swapping for big-endian hosts")
#endif

/// `vectors.f32`: every memory's normalised vector, appended in `meta.jsonl` order, so the index can be
/// rebuilt without the embedder. Layout: a 16-byte header (`PMVEC001`, UInt32 dims, UInt32 0), then
/// entries of Int64 memory id + `dims` Float32, all little-endian. A torn last entry is cut off on open.
/// Not thread-safe; owned by one store.
final class VectorLog {
    static let headerSize = 16
    private static let magic = Array("PMVEC001".utf8)

    let dims: Int
    private let file: AppendOnlyFile
    /// Number of whole entries.
    private(set) var count: Int

    var entrySize: Int { 8 + 4 * dims }

    /// Opens or creates the file. Throws ``MemoryStoreError/corrupt(_:)`` when its header names another dimension.
    init(url: URL, dims: Int) throws {
        self.dims = dims
        file = try AppendOnlyFile(url: url)
        count = 0
        if file.size < UInt64(Self.headerSize) {
            try file.truncate(to: 0)
            try file.append(Self.header(dims: dims))
            return
        }
        let header = try file.read(offset: 0, length: Self.headerSize)
        guard Array(header[0..<8]) == Self.magic else { throw MemoryStoreError.corrupt("vectors.f32 has no valid header") }
        let stored = header[8..<12].withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
        guard stored == dims else {
            throw MemoryStoreError.corrupt("vectors.f32 holds \(stored)-dimension vectors, state.json says \(dims); re-embed this user")
        }
        let body = file.size - UInt64(Self.headerSize)
        count = Int(body / UInt64(entrySize))
        if body % UInt64(entrySize) != 0 { try file.truncate(to: offset(of: count)) }
    }

    /// Appends entries (`vectors` holds `ids.count * dims` floats) and flushes.
    func append(ids: [Int64], vectors: [Float]) throws {
        precondition(vectors.count == ids.count * dims)
        try file.append(Self.encode(ids: ids, vectors: vectors, dims: dims))
        count += ids.count
    }

    /// The id of entry `index`.
    func id(at index: Int) throws -> Int64 {
        let bytes = try file.read(offset: offset(of: index), length: 8)
        guard bytes.count == 8 else { throw MemoryStoreError.corrupt("vectors.f32 is shorter than expected") }
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
    }

    /// Entries `range`, ids and vectors back to back.
    func entries(_ range: Range<Int>) throws -> (ids: [Int64], vectors: [Float]) {
        guard !range.isEmpty else { return ([], []) }
        let bytes = try file.read(offset: offset(of: range.lowerBound), length: range.count * entrySize)
        guard bytes.count == range.count * entrySize else { throw MemoryStoreError.corrupt("vectors.f32 is shorter than expected") }
        var ids: [Int64] = []
        var vectors: [Float] = []
        ids.reserveCapacity(range.count)
        vectors.reserveCapacity(range.count * dims)
        bytes.withUnsafeBytes { raw in
            for entry in 0..<range.count {
                let base = entry * entrySize
                ids.append(raw.loadUnaligned(fromByteOffset: base, as: Int64.self))
                for d in 0..<dims { vectors.append(raw.loadUnaligned(fromByteOffset: base + 8 + 4 * d, as: Float.self)) }
            }
        }
        return (ids, vectors)
    }

    /// Calls `body` with consecutive batches of entries, first to last.
    func forEachBatch(size: Int = 4096, _ body: ([Int64], [Float]) throws -> Void) throws {
        var start = 0
        while start < count {
            let end = min(count, start + size)
            let batch = try entries(start..<end)
            try body(batch.ids, batch.vectors)
            start = end
        }
    }

    /// Keeps only the first `newCount` entries.
    func truncate(toCount newCount: Int) throws {
        try file.truncate(to: offset(of: newCount))
        count = newCount
    }

    func closeHandle() { file.closeHandle() }

    /// Atomically writes a complete file (used for re-embedding and repair).
    static func write(to url: URL, dims: Int, ids: [Int64], vectors: [Float]) throws {
        try DurableFile.replace(url, with: Data(fileBytes(dims: dims, ids: ids, vectors: vectors)))
    }

    /// The bytes of a complete file holding these entries.
    static func fileBytes(dims: Int, ids: [Int64], vectors: [Float]) -> [UInt8] {
        precondition(vectors.count == ids.count * dims)
        var data = header(dims: dims)
        data.append(contentsOf: encode(ids: ids, vectors: vectors, dims: dims))
        return data
    }

    private func offset(of index: Int) -> UInt64 { UInt64(Self.headerSize) + UInt64(index) * UInt64(entrySize) }

    private static func header(dims: Int) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: UInt32(dims)) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(0)) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private static func encode(ids: [Int64], vectors: [Float], dims: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * (8 + 4 * dims))
        for (row, id) in ids.enumerated() {
            withUnsafeBytes(of: id) { bytes.append(contentsOf: $0) }
            vectors[(row * dims)..<((row + 1) * dims)].withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}
