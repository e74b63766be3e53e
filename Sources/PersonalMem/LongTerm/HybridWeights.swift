/// How much each signal counts in a hybrid memory score.
///
/// The defaults are the Long-Form Memory System's 0.4 semantic / 0.3 recency / 0.2 frequency /
/// 0.1 confidence with a keyword (BM25) weight of 0.2 added and the rest scaled to make room:
/// 0.35 / 0.2 keyword / 0.25 / 0.1 / 0.1, summing to 1.
public struct HybridWeights: Sendable, Hashable, Codable {
    public var semantic: Double
    public var keyword: Double
    public var recency: Double
    public var frequency: Double
    public var confidence: Double

    public init(
        semantic: Double = 0.35, keyword: Double = 0.2, recency: Double = 0.25,
        frequency: Double = 0.1, confidence: Double = 0.1
    ) {
        self.semantic = semantic
        self.keyword = keyword
        self.recency = recency
        self.frequency = frequency
        self.confidence = confidence
    }

    /// 0.35 semantic, 0.2 keyword, 0.25 recency, 0.1 frequency, 0.1 confidence.
    public static let `default` = HybridWeights()
    /// Dense similarity only (for evaluation baselines).
    public static let semanticOnly = HybridWeights(semantic: 1, keyword: 0, recency: 0, frequency: 0, confidence: 0)
    /// BM25 only (for evaluation baselines).
    public static let keywordOnly = HybridWeights(semantic: 0, keyword: 1, recency: 0, frequency: 0, confidence: 0)

    /// Sum of the weights.
    public var sum: Double { semantic + keyword + recency + frequency + confidence }

    /// Whether every weight is finite and non-negative and at least one is positive.
    public var isValid: Bool {
        let all = [semantic, keyword, recency, frequency, confidence]
        return all.allSatisfy { $0.isFinite && $0 >= 0 } && sum > 0
    }

    /// The weights scaled to sum to 1 (unchanged when the sum is 0).
    public func normalized() -> HybridWeights {
        let total = sum
        guard total > 0, total.isFinite else { return self }
        return HybridWeights(
            semantic: semantic / total, keyword: keyword / total, recency: recency / total,
            frequency: frequency / total, confidence: confidence / total
        )
    }
}
