import Foundation

extension UserMemoryStore {
    /// Cosine similarity of `query` with each of the given memories' vectors: from the index, which
    /// holds them in memory, and from `vectors.f32` for any it lacks. Memories without a vector are left out.
    public func cosines(query: [Float], ids: [Int64]) throws -> [Int64: Double] {
        try ensureOpen()
        guard query.count == embedding.dims else { throw MemoryStoreError.dimensionMismatch(expected: embedding.dims, got: query.count) }
        var result = try index.cosines(query: query, ids: ids).mapValues(Double.init)
        let missing = ids.filter { result[$0] == nil }
        if !missing.isEmpty {
            var normalised = query
            VectorMath.normaliseRows(&normalised, dims: normalised.count)
            for (id, vector) in try storedVectors(ids: missing) where vector.count == normalised.count {
                var dot: Float = 0
                for d in 0..<vector.count { dot += vector[d] * normalised[d] }
                result[id] = Double(dot)
            }
        }
        return result
    }

    /// The stored (normalised) vectors of the given memories, by id, read from `vectors.f32`.
    /// Memories without a vector are left out. Used to give every ranking candidate its real cosine.
    private func storedVectors(ids: [Int64]) throws -> [Int64: [Float]] {
        try ensureOpen()
        var result: [Int64: [Float]] = [:]
        var misplaced: Set<Int64> = []
        for id in ids where result[id] == nil {
            // `vectors.f32` is kept in `meta.jsonl` order, so a memory's row is normally its entry.
            guard let row = rows.row(of: id), row < vectors.count else {
                misplaced.insert(id)
                continue
            }
            let entry = try vectors.entries(row..<(row + 1))
            if entry.ids.first == id { result[id] = entry.vectors } else { misplaced.insert(id) }
        }
        if !misplaced.isEmpty {
            let dims = embedding.dims
            try vectors.forEachBatch { batchIDs, flat in
                for (position, id) in batchIDs.enumerated() where misplaced.contains(id) {
                    result[id] = Array(flat[(position * dims)..<((position + 1) * dims)])
                }
            }
        }
        return result
    }
}
