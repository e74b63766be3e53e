import Foundation

/// A memory ranked by the fused score, with the signals behind it.
public struct RankedMemory: Sendable {
    public let record: MemoryRecord
    public let score: HybridScore
    /// Cosine similarity to the query, from the stored vector (0 when the memory has none).
    public let cosine: Double
    public let access: MemoryAccessStats
}

/// Memories ordered for a query, not yet read from `meta.jsonl`.
package struct RankedCandidates: Sendable {
    /// Every candidate scoring above zero, best first (ties by id).
    package let scores: [HybridScore]
    /// What the search index knows of each candidate (conversation, turn, time, kind).
    package let facts: [Int64: MemoryFacts]
    let cosines: [Int64: Double]

    /// The memories of `scores` whose records read, in that order, at most `limit` of them.
    package func memories(_ scores: some Sequence<HybridScore>, limit: Int = .max, store: UserMemoryStore) throws -> [RankedMemory] {
        var results: [RankedMemory] = []
        for score in scores where results.count < limit {
            guard let record = try store.record(id: score.id) else { continue }
            results.append(RankedMemory(record: record, score: score, cosine: cosines[score.id] ?? 0, access: store.accessStats(score.id)))
        }
        return results
    }
}

/// How candidates are found and ordered.
public struct RankingOptions: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        /// Vector similarity only (the original pipeline).
        case dense
        /// BM25 over the memory texts only.
        case keyword
        /// Both candidate lists, fused by rank, with the time match and priors.
        case hybrid
    }

    public var method: Method = .hybrid
    /// Reciprocal-rank-fusion list weights and prior weights; nil: ``HybridWeights/default``, with the
    /// dense list weighted ``hashedDenseWeight`` when the embedder is the built-in hashed one.
    public var weights: HybridWeights?
    /// Recency half-life in seconds.
    public var halfLife: TimeInterval = 30 * 86_400
    /// The rank offset of reciprocal rank fusion.
    public var rrfK: Double = 5
    /// A memory dated in the period the query names has its relevance multiplied by `1 + timeBoost`.
    public var timeBoost: Double = 1
    /// Candidates taken from each list (at least the number asked for).
    public var candidatePool: Int = 50
    /// Share of the better neighbouring turn's relevance (same conversation, adjacent turn) a memory
    /// gets added to its own: answers often sit next to the turn that matches the question's words.
    public var neighbourWeight: Double = 0.5
    /// The share used instead of ``neighbourWeight`` when the neighbour is the turn just before and it
    /// asks (``MemoryFacts/asks``): the reply to a question carries the answer the question's words point at.
    public var replyWeight: Double = 0.8

    /// Whether hybrid ranking looks at neighbouring turns at all.
    var spreadsToNeighbours: Bool { neighbourWeight > 0 || replyWeight > 0 }

    public init() {}

    /// The dense list's weight for the built-in hashed embedder, whose vectors share words, not
    /// meaning: a weak second keyword signal rather than an equal partner of BM25.
    public static let hashedDenseWeight = 0.25

    /// The weights in use with `embedder`.
    public func resolvedWeights(for embedder: any Embedder) -> HybridWeights {
        if let weights { return weights }
        var weights = HybridWeights.default
        if embedder is BuiltinEmbedder { weights.semantic = Self.hashedDenseWeight }
        return weights
    }

    /// The same options without recency, frequency and confidence priors.
    public func withoutPriors(for embedder: any Embedder) -> RankingOptions {
        var copy = self
        copy.weights = resolvedWeights(for: embedder).withoutPriors
        return copy
    }
}

extension ConversationMemory {
    /// Ranks the user's memories for `query`. Runs inside the user's store turn. Reads access
    /// statistics but never changes them: searching does not change what later searches find.
    package func rank(
        store: UserMemoryStore, userID: String, query: String, queryVector: [Float], limit: Int, maxCosineDistance: Double?,
        kind: String? = nil, method: RankingOptions.Method? = nil, now: Date = Date(), options: RankingOptions? = nil
    ) throws -> [RankedMemory] {
        let ranked = try rankCandidates(
            store: store, query: query, queryVector: queryVector, limit: limit, maxCosineDistance: maxCosineDistance, kind: kind,
            method: method, now: now, options: options)
        return try ranked.memories(ranked.scores, limit: limit, store: store)
    }

    /// ``rank(store:userID:query:queryVector:limit:maxCosineDistance:kind:method:now:options:)`` before
    /// any memory is read from `meta.jsonl`: the caller reads only those it uses.
    package func rankCandidates(
        store: UserMemoryStore, query: String, queryVector: [Float], limit: Int, maxCosineDistance: Double?,
        kind: String? = nil, method: RankingOptions.Method? = nil, now: Date = Date(), options: RankingOptions? = nil
    ) throws -> RankedCandidates {
        guard limit > 0, store.count > 0 else { return RankedCandidates(scores: [], facts: [:], cosines: [:]) }
        let options = options ?? ranking
        let method = method ?? options.method
        // Fetch wider than `limit` when filtering by kind, so the filter still leaves enough.
        let pool = min(store.count, max(limit, options.candidatePool) * (kind == nil ? 1 : 4))
        let lookup = try store.searchIndex()
        var facts: [Int64: MemoryFacts] = [:]
        var cosines: [Int64: Double] = [:]
        if method != .keyword {
            for hit in try store.nearest(vector: queryVector, k: pool) {
                guard let found = lookup.facts[hit.id] else { continue }
                cosines[hit.id] = Double(hit.score)
                facts[hit.id] = found
            }
        }
        var bm25: [Int64: Double] = [:]
        let keywordScoring = method == .dense ? nil : lookup.keywords.scoring(query: query)
        if let keywordScoring {
            for hit in keywordScoring.top(pool) {
                guard let found = lookup.facts[hit.id] else { continue }
                bm25[hit.id] = hit.score
                facts[hit.id] = found
            }
        }
        let period = method == .hybrid && options.timeBoost > 0 ? QueryTime.parse(query, now: now) : nil
        if method == .hybrid {
            if options.spreadsToNeighbours { addNeighbours(of: Array(facts.keys), lookup: lookup, into: &facts) }
            try completeSignals(
                candidates: Array(facts.keys), queryVector: queryVector, store: store, keywords: keywordScoring,
                cosines: &cosines, bm25: &bm25)
        }
        if let kind { facts = facts.filter { $0.value.kind == kind } }

        let candidates = facts.values.map { (memory: MemoryFacts) -> HybridCandidate in
            let id = memory.memoryID
            let access = store.accessStats(id)
            // A memory beyond the distance limit takes no place in the dense list.
            var cosine = cosines[id]
            if let value = cosine, let maxCosineDistance, 1 - value > maxCosineDistance { cosine = nil }
            return HybridCandidate(
                id: id, cosine: cosine, bm25: bm25[id] ?? 0, time: period?.fit(memory.ts) ?? 0, createdAt: memory.ts,
                lastAccessedAt: access.lastAccess, accessCount: access.count, confidence: memory.confidence)
        }
        let weights: HybridWeights =
            switch method {
            case .dense: .semanticOnly
            case .keyword: .keywordOnly
            case .hybrid: options.resolvedWeights(for: embedder)
            }
        let scorer = HybridScorer(weights: weights, rrfK: options.rrfK, timeBoost: options.timeBoost, halfLife: options.halfLife)
        var scores = scorer.score(candidates, now: now)
        if method == .hybrid, options.spreadsToNeighbours {
            scores = NeighbourContext.spread(scores, facts: facts, weight: options.neighbourWeight, replyWeight: options.replyWeight)
        }
        let ranked = scores.filter { $0.total > 0 }.sorted { (a: HybridScore, b: HybridScore) -> Bool in
            a.total != b.total ? a.total > b.total : a.id < b.id
        }
        return RankedCandidates(scores: ranked, facts: facts, cosines: cosines)
    }

    /// Gives every candidate its real cosine (with its stored vector) and BM25 score.
    private func completeSignals(
        candidates: [Int64], queryVector: [Float], store: UserMemoryStore, keywords: KeywordScoring?,
        cosines: inout [Int64: Double], bm25: inout [Int64: Double]
    ) throws {
        let withoutCosine = candidates.filter { cosines[$0] == nil }
        if !withoutCosine.isEmpty, queryVector.count == store.embedding.dims {
            cosines.merge(try store.cosines(query: queryVector, ids: withoutCosine)) { found, _ in found }
        }
        guard let keywords else { return }
        for id in candidates where bm25[id] == nil {
            let score = keywords.score(of: id)
            if score > 0 { bm25[id] = score }
        }
    }

    /// Adds the memories of the turns just before and after each candidate (same conversation).
    private func addNeighbours(of ids: [Int64], lookup: SearchIndex, into facts: inout [Int64: MemoryFacts]) {
        for id in ids {
            guard let memory = facts[id] else { continue }
            for neighbourID in [id - 1, id + 1] where facts[neighbourID] == nil {
                if let neighbour = lookup.facts[neighbourID], NeighbourContext.adjacent(memory, neighbour) {
                    facts[neighbourID] = neighbour
                }
            }
        }
    }

    /// `GET /users/{id}/memories/search`: the best `topK` memories for `query`, optionally of one
    /// kind. Searching reads access statistics but does not count as an access.
    public func search(userID: String, query: String, topK: Int, kind: String?, now: Date = Date()) async throws -> [RankedMemory] {
        let vector = try await embedder.embed([query]).first ?? []
        return try await stores.withStoreOffloaded(userID: userID) { store in
            try rank(
                store: store, userID: userID, query: query, queryVector: vector, limit: topK, maxCosineDistance: defaults.maxCosineDistance,
                kind: kind, now: now)
        }
    }
}
