/// How much each signal counts in a fused memory ranking (see ``HybridScorer``).
///
/// `semantic` and `keyword` weigh the two ranked lists in the reciprocal rank fusion (dense cosine
/// order and BM25 order). `recency`, `frequency` and `confidence` are the weights of the small priors
/// that multiply the relevance by `1 + prior`; their sum is capped at ``priorCap`` so that a prior can
/// only reorder memories whose relevance is within 10 % of each other.
public struct HybridWeights: Sendable, Hashable, Codable {
    public var semantic: Double
    public var keyword: Double
    public var recency: Double
    public var frequency: Double
    public var confidence: Double

    /// The largest total prior weight: `1 + prior` never exceeds `1 + priorCap`.
    public static let priorCap = 0.1

    public init(
        semantic: Double = 0.7, keyword: Double = 1, recency: Double = 0.03,
        frequency: Double = 0.01, confidence: Double = 0.01
    ) {
        self.semantic = semantic
        self.keyword = keyword
        self.recency = recency
        self.frequency = frequency
        self.confidence = confidence
    }

    /// 0.7 dense, 1 keyword; priors 0.03 recency, 0.01 frequency, 0.01 confidence (at most +5 %).
    public static let `default` = HybridWeights()
    /// Dense similarity only (for evaluation baselines).
    public static let semanticOnly = HybridWeights(semantic: 1, keyword: 0, recency: 0, frequency: 0, confidence: 0)
    /// BM25 only (for evaluation baselines).
    public static let keywordOnly = HybridWeights(semantic: 0, keyword: 1, recency: 0, frequency: 0, confidence: 0)

    /// The same list weights without priors (for evaluation data whose "now" is far from its dates).
    public var withoutPriors: HybridWeights {
        HybridWeights(semantic: semantic, keyword: keyword, recency: 0, frequency: 0, confidence: 0)
    }

    /// Sum of the three prior weights, capped at ``priorCap``.
    public var priorSum: Double { Swift.min(Self.priorCap, recency + frequency + confidence) }

    /// Whether every weight is finite and non-negative and at least one list weight is positive.
    public var isValid: Bool {
        let all = [semantic, keyword, recency, frequency, confidence]
        return all.allSatisfy { $0.isFinite && $0 >= 0 } && semantic + keyword > 0
    }

    /// The prior weights scaled down so that they sum to at most ``priorCap`` (list weights unchanged).
    public func capped() -> HybridWeights {
        let total = recency + frequency + confidence
        guard total > Self.priorCap, total.isFinite else { return self }
        let scale = Self.priorCap / total
        return HybridWeights(
            semantic: semantic, keyword: keyword, recency: recency * scale, frequency: frequency * scale, confidence: confidence * scale)
    }
}
