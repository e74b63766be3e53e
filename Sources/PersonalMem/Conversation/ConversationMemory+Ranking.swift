import Foundation

/// A memory ranked by the hybrid score, with the signals behind it.
public struct RankedMemory: Sendable {
    public let record: MemoryRecord
    public let score: HybridScore
    /// Cosine similarity to the query (0 for a memory found by keywords only).
    public let cosine: Double
    public let access: MemoryAccessStats
}

/// How candidates are found and ordered.
public struct RankingOptions: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        /// Vector similarity only (the original pipeline).
        case dense
        /// BM25 over the memory texts only.
        case keyword
        /// Both candidate lists, ordered by the hybrid score.
        case hybrid
    }

    public var method: Method = .hybrid
    public var weights: HybridWeights = .default
    /// Recency half-life in seconds.
    public var halfLife: TimeInterval = 30 * 86_400

    public init() {}
}

extension ConversationMemory {
    /// Ranks the user's memories for `query`. Runs inside the user's store turn.
    func rank(
        store: UserMemoryStore, userID: String, query: String, queryVector: [Float], limit: Int, maxCosineDistance: Double?,
        kind: String? = nil, method: RankingOptions.Method? = nil, now: Date = Date()
    ) throws -> [RankedMemory] {
        guard limit > 0, store.count > 0 else { return [] }
        let method = method ?? ranking.method
        // Fetch wider than `limit` when filtering by kind, so the filter still leaves enough.
        let fetch = kind == nil ? limit : min(store.count, limit * 4)
        var cosines: [Int64: Double] = [:]
        var records: [Int64: MemoryRecord] = [:]
        if method != .keyword {
            for hit in try store.search(vector: queryVector, k: fetch) {
                if let maxCosineDistance, Double(1 - hit.score) > maxCosineDistance { continue }
                cosines[hit.record.memoryID] = Double(hit.score)
                records[hit.record.memoryID] = hit.record
            }
        }
        var keywordScores: [Int64: Double] = [:]
        if method != .dense {
            let index = try keywordIndexes.index(for: userID, store: store)
            for hit in index.search(query: query, limit: fetch) { keywordScores[hit.id] = hit.normalizedScore }
            if !cosines.isEmpty {
                for (id, score) in index.normalizedScores(query: query, for: Array(cosines.keys)) { keywordScores[id] = max(keywordScores[id] ?? 0, score) }
            }
            for id in keywordScores.keys where records[id] == nil { records[id] = try store.record(id: id) }
        }
        let candidates = records.values.filter { kind == nil || $0.kind == kind }.map { record in
            let access = store.accessStats(record.memoryID)
            return HybridCandidate(
                id: record.memoryID, cosine: cosines[record.memoryID], keyword: keywordScores[record.memoryID] ?? 0, createdAt: record.ts,
                lastAccessedAt: access.lastAccess, accessCount: access.count, confidence: record.confidence)
        }
        let weights: HybridWeights =
            switch method {
            case .dense: .semanticOnly
            case .keyword: .keywordOnly
            case .hybrid: ranking.weights
            }
        let scorer = HybridScorer(weights: weights, halfLife: ranking.halfLife)
        return scorer.rank(candidates, now: now, limit: limit).compactMap { score in
            guard let record = records[score.id] else { return nil }
            return RankedMemory(record: record, score: score, cosine: cosines[score.id] ?? 0, access: store.accessStats(score.id))
        }
    }

    /// `GET /users/{id}/memories/search`: the best `topK` memories for `query`, optionally of one
    /// kind; each counts as an access.
    public func search(userID: String, query: String, topK: Int, kind: String?) async throws -> [RankedMemory] {
        let vector = try await embedder.embed([query]).first ?? []
        return try await stores.withStore(userID: userID) { store in
            let ranked = try rank(
                store: store, userID: userID, query: query, queryVector: vector, limit: topK, maxCosineDistance: defaults.maxCosineDistance,
                kind: kind)
            store.noteAccess(ids: ranked.map(\.record.memoryID))
            return ranked
        }
    }
}
