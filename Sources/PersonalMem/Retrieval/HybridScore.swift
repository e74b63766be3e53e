/// The raw signals of a candidate, each in 0...1.
public struct HybridComponents: Sendable, Hashable, Codable {
    /// Cosine similarity clamped to 0...1.
    public var semantic: Double
    /// BM25 score relative to the best candidate's.
    public var keyword: Double
    public var recency: Double
    public var frequency: Double
    public var confidence: Double

    public init(semantic: Double, keyword: Double, recency: Double, frequency: Double, confidence: Double) {
        self.semantic = semantic
        self.keyword = keyword
        self.recency = recency
        self.frequency = frequency
        self.confidence = confidence
    }
}

/// A candidate's fused score and what it is made of.
public struct HybridScore: Sendable, Hashable, Codable {
    /// The memory's id.
    public var id: Int64
    /// `relevance × (1 + prior)`: what the ranking sorts by.
    public var total: Double
    /// Reciprocal rank fusion of the dense and keyword ranks.
    public var fused: Double
    /// `fused × (1 + timeBoost × time)`.
    public var relevance: Double
    /// The bounded prior (0...``HybridWeights/priorCap``).
    public var prior: Double
    /// 1-based rank among the candidates by cosine (nil when the dense list is not used or it has no vector).
    public var denseRank: Int?
    /// 1-based rank among the candidates by BM25 (nil when not used or no shared term).
    public var keywordRank: Int?
    /// Cosine similarity (-1...1; 0 without a vector).
    public var cosine: Double
    /// Raw BM25 score.
    public var bm25: Double
    /// Fit to a time named in the query, 0...1.
    public var time: Double
    /// The signals in 0...1.
    public var parts: HybridComponents

    public init(
        id: Int64, total: Double, fused: Double, relevance: Double, prior: Double, denseRank: Int?, keywordRank: Int?,
        cosine: Double, bm25: Double, time: Double, parts: HybridComponents
    ) {
        self.id = id
        self.total = total
        self.fused = fused
        self.relevance = relevance
        self.prior = prior
        self.denseRank = denseRank
        self.keywordRank = keywordRank
        self.cosine = cosine
        self.bm25 = bm25
        self.time = time
        self.parts = parts
    }
}
