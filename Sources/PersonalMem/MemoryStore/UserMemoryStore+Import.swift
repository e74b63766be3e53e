import Foundation

extension UserMemoryStore {
    /// Every memory with its stored (normalised) vector, in `meta.jsonl` order, for consolidation and
    /// export. A memory whose vector was lost (``LoadReport/missingVectors``) comes with an empty vector.
    public func allRecordsWithVectors() throws -> [(record: MemoryRecord, vector: [Float])] {
        try ensureOpen()
        let dims = embedding.dims
        var vectorByID: [Int64: [Float]] = [:]
        vectorByID.reserveCapacity(vectors.count)
        try vectors.forEachBatch { ids, flat in
            for (entry, id) in ids.enumerated() { vectorByID[id] = Array(flat[(entry * dims)..<((entry + 1) * dims)]) }
        }
        return try allRecords().map { ($0, vectorByID[$0.memoryID] ?? []) }
    }

    /// Imports memories keeping their ids (e.g. from an export), with optional access statistics by id.
    ///
    /// Ids must be unique and at least the store's next id (above every id it ever used; any id fits an
    /// empty new store); otherwise ``MemoryStoreError/invalidChange(_:)`` is thrown and nothing is
    /// written. Records are stored in id order under this store's user id.
    public func add(records: [MemoryRecord], vectors newVectors: [[Float]], access stats: [Int64: MemoryAccessStats] = [:]) throws {
        try ensureOpen()
        guard records.count == newVectors.count else {
            throw MemoryStoreError.invalidChange("\(records.count) memories given with \(newVectors.count) vectors")
        }
        guard !records.isEmpty else { return }
        let sorted = zip(records, newVectors).sorted { $0.0.memoryID < $1.0.memoryID }
        let ids = sorted.map(\.0.memoryID)
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw MemoryStoreError.invalidChange("memory ids to import are not unique")
        }
        guard ids[0] >= rows.nextID, ids[0] > 0 else {
            throw MemoryStoreError.invalidChange("memory id \(ids[0]) is not above the ids this store has used (next is \(rows.nextID))")
        }
        var flat: [Float] = []
        flat.reserveCapacity(records.count * embedding.dims)
        for (_, vector) in sorted {
            guard vector.count == embedding.dims else {
                throw MemoryStoreError.dimensionMismatch(expected: embedding.dims, got: vector.count)
            }
            flat.append(contentsOf: vector)
        }
        let owned = sorted.map { record, _ in
            var record = record
            record.userID = userID
            return record
        }
        try append(owned, flatVectors: flat)
        for id in ids {
            if let entry = stats[id], entry != MemoryAccessStats() { access.set(id, entry) }
        }
    }
}
