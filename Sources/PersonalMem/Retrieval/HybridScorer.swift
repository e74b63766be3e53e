import Foundation

/// Ranks candidate memories by reciprocal rank fusion of their dense and keyword ranks, then applies
/// a time match and small bounded priors.
///
///     fused     = semantic / (rrfK + denseRank) + keyword / (rrfK + keywordRank)
///     relevance = fused × (1 + timeBoost × time)
///     prior     = recency·w_r + frequency·w_f + confidence·w_c      (weights sum ≤ 0.1)
///     total     = relevance × (1 + prior)
///
/// Ranks are 1-based over the scored batch: by cosine (every candidate that has a vector) and by
/// BM25 (every candidate with a positive score; one with none adds nothing from that list). Fusing
/// ranks needs no calibration between cosine and BM25 scales. Because the priors multiply by at most
/// 1.1, a memory can only overtake one whose relevance is within 10 % of its own.
///
/// - recency: `0.5^(age / halfLife)`, age from the later of creation and last access (or from
///   creation only, see `RecencyReference`) to `now`; future dates count as age 0.
/// - frequency: `1 - exp(-n / frequencyScale)` for `n` prompt uses.
/// - confidence: clamped to 0...1.
public struct HybridScorer: Sendable, Hashable {
    /// Which date recency is measured from.
    public enum RecencyReference: String, Sendable, Hashable, Codable {
        /// The later of creation and last access: memories in use stay fresh.
        case lastTouched
        /// Creation only.
        case created
    }

    public var weights: HybridWeights
    /// The rank offset of reciprocal rank fusion (60 in the original paper; 5 here, which favours the
    /// top of each list).
    public var rrfK: Double
    /// How much a full time match multiplies relevance by, minus one.
    public var timeBoost: Double
    /// Age at which recency is 0.5 (default 30 days).
    public var halfLife: TimeInterval
    public var recencyReference: RecencyReference
    /// Uses at which frequency reaches `1 - 1/e`.
    public var frequencyScale: Double

    public init(
        weights: HybridWeights = .default, rrfK: Double = 5, timeBoost: Double = 1, halfLife: TimeInterval = 30 * 86_400,
        recencyReference: RecencyReference = .lastTouched, frequencyScale: Double = 5
    ) {
        self.weights = weights.capped()
        self.rrfK = rrfK
        self.timeBoost = timeBoost
        self.halfLife = halfLife
        self.recencyReference = recencyReference
        self.frequencyScale = frequencyScale
    }

    /// `0.5^(age / halfLife)`; 1 for age ≤ 0, and 1 for every age when `halfLife` is not positive.
    public static func recency(age: TimeInterval, halfLife: TimeInterval) -> Double {
        guard halfLife > 0, halfLife.isFinite, age > 0 else { return 1 }
        return pow(0.5, age / halfLife)
    }

    /// Scores each candidate, in input order.
    public func score(_ candidates: [HybridCandidate], now: Date) -> [HybridScore] {
        let denseRanks = Self.ranks(candidates.map { $0.cosine.flatMap { $0.isFinite ? $0 : nil } }, ids: candidates.map(\.id))
        let keywordRanks = Self.ranks(candidates.map { $0.bm25 > 0 && $0.bm25.isFinite ? $0.bm25 : nil }, ids: candidates.map(\.id))
        let maxBM25 = candidates.reduce(0.0) { Swift.max($0, $1.bm25.isFinite ? $1.bm25 : 0) }
        return candidates.indices.map { i in
            score(candidates[i], denseRank: denseRanks[i], keywordRank: keywordRanks[i], maxBM25: maxBM25, now: now)
        }
    }

    /// Scores the candidates and returns the best `limit`, best first (ties by ascending id).
    public func rank(_ candidates: [HybridCandidate], now: Date, limit: Int = .max) -> [HybridScore] {
        let scored = score(candidates, now: now).sorted {
            $0.total != $1.total ? $0.total > $1.total : $0.id < $1.id
        }
        return Array(scored.prefix(Swift.max(0, limit)))
    }

    private func score(_ candidate: HybridCandidate, denseRank: Int?, keywordRank: Int?, maxBM25: Double, now: Date) -> HybridScore {
        var fused = 0.0
        if let denseRank, weights.semantic > 0 { fused += weights.semantic / (rrfK + Double(denseRank)) }
        if let keywordRank, weights.keyword > 0 { fused += weights.keyword / (rrfK + Double(keywordRank)) }
        let time = Self.unit(candidate.time)
        let relevance = fused * (1 + Swift.max(0, timeBoost) * time)

        let reference: Date
        switch recencyReference {
        case .created: reference = candidate.createdAt
        case .lastTouched: reference = Swift.max(candidate.createdAt, candidate.lastAccessedAt ?? candidate.createdAt)
        }
        let count = Double(Swift.max(0, candidate.accessCount))
        let parts = HybridComponents(
            semantic: Self.unit(candidate.cosine ?? 0),
            keyword: maxBM25 > 0 ? Self.unit(candidate.bm25 / maxBM25) : 0,
            recency: Self.recency(age: now.timeIntervalSince(reference), halfLife: halfLife),
            frequency: count > 0 ? (frequencyScale > 0 ? 1 - exp(-count / frequencyScale) : 1) : 0,
            confidence: Self.unit(candidate.confidence)
        )
        let prior = Swift.min(
            HybridWeights.priorCap,
            weights.recency * parts.recency + weights.frequency * parts.frequency + weights.confidence * parts.confidence)
        return HybridScore(
            id: candidate.id, total: relevance * (1 + prior), fused: fused, relevance: relevance, prior: prior,
            denseRank: weights.semantic > 0 ? denseRank : nil, keywordRank: weights.keyword > 0 ? keywordRank : nil,
            cosine: candidate.cosine.flatMap { $0.isFinite ? $0 : nil } ?? 0, bm25: candidate.bm25, time: time, parts: parts)
    }

    /// 1-based ranks by descending value (ties by ascending id); nil where the value is nil.
    static func ranks(_ values: [Double?], ids: [Int64]) -> [Int?] {
        let order = values.indices.filter { values[$0] != nil }.sorted { a, b in
            values[a]! != values[b]! ? values[a]! > values[b]! : ids[a] < ids[b]
        }
        var result = [Int?](repeating: nil, count: values.count)
        for (position, index) in order.enumerated() { result[index] = position + 1 }
        return result
    }

    /// Clamps to 0...1; NaN becomes 0.
    static func unit(_ value: Double) -> Double {
        guard value.isFinite else { return value == .infinity ? 1 : 0 }
        return Swift.min(1, Swift.max(0, value))
    }
}
