/// One keyword search result.
public struct KeywordHit: Sendable, Hashable {
    /// The document's id (a memory id).
    public var id: Int64
    /// The raw BM25 score (greater than 0).
    public var score: Double
    /// `score` divided by the best score for the query, in 0...1 (the top hit scores 1), for fusion
    /// with other signals.
    public var normalizedScore: Double

    public init(id: Int64, score: Double, normalizedScore: Double) {
        self.id = id
        self.score = score
        self.normalizedScore = normalizedScore
    }
}
