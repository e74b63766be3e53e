/// The five signals of a hybrid score, each in 0...1 (as parts) or multiplied by its weight (as
/// contributions).
public struct HybridComponents: Sendable, Hashable, Codable {
    public var semantic: Double
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

    /// Sum of the five values.
    public var sum: Double { semantic + keyword + recency + frequency + confidence }
}

/// A candidate's hybrid score: the total and its parts.
public struct HybridScore: Sendable, Hashable, Codable {
    /// The memory's id.
    public var id: Int64
    /// Weighted sum of the parts (in 0...1 when the weights sum to 1).
    public var total: Double
    /// Each signal before weighting, in 0...1.
    public var parts: HybridComponents
    /// Each signal times its weight; these add up to `total`.
    public var contributions: HybridComponents

    public init(id: Int64, total: Double, parts: HybridComponents, contributions: HybridComponents) {
        self.id = id
        self.total = total
        self.parts = parts
        self.contributions = contributions
    }
}
