import Foundation

/// Combines semantic similarity, keyword match, recency, access frequency and confidence into one
/// score per candidate memory.
///
/// - semantic: the cosine similarity clamped to 0...1.
/// - keyword: the normalised BM25 score as given (clamped to 0...1).
/// - recency: `0.5^(age / halfLife)`, where age runs from the later of creation and last access
///   (or from creation only, see `RecencyReference`) to `now`; future dates count as age 0.
/// - frequency: `1 - exp(-n / 5)` by default (independent of the other candidates), or
///   `log(1 + n) / log(1 + maxN)` over the batch.
/// - confidence: clamped to 0...1.
public struct HybridScorer: Sendable, Hashable {
    /// Which date recency is measured from.
    public enum RecencyReference: String, Sendable, Hashable, Codable {
        /// The later of creation and last access: memories in use stay fresh.
        case lastTouched
        /// Creation only.
        case created
    }

    /// How the access count becomes a 0...1 frequency.
    public enum FrequencyCurve: Sendable, Hashable {
        /// `1 - exp(-n / scale)`.
        case saturating(scale: Double)
        /// `log(1 + n) / log(1 + maxN)`, maxN over the scored batch.
        case logRelativeToBatch
    }

    public var weights: HybridWeights
    /// Age at which recency is 0.5 (default 30 days).
    public var halfLife: TimeInterval
    public var recencyReference: RecencyReference
    public var frequencyCurve: FrequencyCurve

    public init(
        weights: HybridWeights = .default, halfLife: TimeInterval = 30 * 86_400,
        recencyReference: RecencyReference = .lastTouched, frequencyCurve: FrequencyCurve = .saturating(scale: 5)
    ) {
        self.weights = weights
        self.halfLife = halfLife
        self.recencyReference = recencyReference
        self.frequencyCurve = frequencyCurve
    }

    /// `0.5^(age / halfLife)`; 1 for age ≤ 0, and 1 for every age when `halfLife` is not positive.
    public static func recency(age: TimeInterval, halfLife: TimeInterval) -> Double {
        guard halfLife > 0, halfLife.isFinite, age > 0 else { return 1 }
        return pow(0.5, age / halfLife)
    }

    /// Scores each candidate, in input order.
    public func score(_ candidates: [HybridCandidate], now: Date) -> [HybridScore] {
        let maxAccess = candidates.reduce(0) { Swift.max($0, $1.accessCount) }
        return candidates.map { score($0, now: now, maxAccessCount: maxAccess) }
    }

    /// Scores the candidates and returns the best `limit`, best first (ties by ascending id).
    public func rank(_ candidates: [HybridCandidate], now: Date, limit: Int = .max) -> [HybridScore] {
        let scored = score(candidates, now: now).sorted {
            $0.total != $1.total ? $0.total > $1.total : $0.id < $1.id
        }
        return Array(scored.prefix(Swift.max(0, limit)))
    }

    /// Scores one candidate; `maxAccessCount` is only used by `.logRelativeToBatch`.
    public func score(_ candidate: HybridCandidate, now: Date, maxAccessCount: Int = 0) -> HybridScore {
        let reference: Date
        switch recencyReference {
        case .created: reference = candidate.createdAt
        case .lastTouched: reference = Swift.max(candidate.createdAt, candidate.lastAccessedAt ?? candidate.createdAt)
        }
        let parts = HybridComponents(
            semantic: Self.unit(candidate.cosine ?? 0),
            keyword: Self.unit(candidate.keyword),
            recency: Self.recency(age: now.timeIntervalSince(reference), halfLife: halfLife),
            frequency: frequency(Swift.max(0, candidate.accessCount), maxCount: Swift.max(maxAccessCount, candidate.accessCount)),
            confidence: Self.unit(candidate.confidence)
        )
        let contributions = HybridComponents(
            semantic: parts.semantic * weights.semantic,
            keyword: parts.keyword * weights.keyword,
            recency: parts.recency * weights.recency,
            frequency: parts.frequency * weights.frequency,
            confidence: parts.confidence * weights.confidence
        )
        return HybridScore(id: candidate.id, total: contributions.sum, parts: parts, contributions: contributions)
    }

    private func frequency(_ count: Int, maxCount: Int) -> Double {
        guard count > 0 else { return 0 }
        switch frequencyCurve {
        case .saturating(let scale):
            guard scale > 0 else { return 1 }
            return 1 - exp(-Double(count) / scale)
        case .logRelativeToBatch:
            guard maxCount > 0 else { return 0 }
            return log1p(Double(count)) / log1p(Double(maxCount))
        }
    }

    /// Clamps to 0...1; NaN becomes 0.
    static func unit(_ value: Double) -> Double {
        guard value.isFinite else { return value == .infinity ? 1 : 0 }
        return Swift.min(1, Swift.max(0, value))
    }
}
