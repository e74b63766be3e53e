import Foundation

/// What the hybrid scorer needs to know about one candidate memory.
public struct HybridCandidate: Sendable, Hashable {
    /// The memory's id.
    public var id: Int64
    /// Cosine similarity to the query (-1...1), or nil when unknown (counts as 0).
    public var cosine: Double?
    /// Normalised keyword score in 0...1 (`KeywordHit.normalizedScore`), 0 when not a keyword match.
    public var keyword: Double
    /// When the memory was created.
    public var createdAt: Date
    /// When it was last returned by retrieval, if ever.
    public var lastAccessedAt: Date?
    /// How many times it has been returned by retrieval.
    public var accessCount: Int
    /// How sure the extractor was (0...1).
    public var confidence: Double

    public init(
        id: Int64, cosine: Double?, keyword: Double = 0, createdAt: Date, lastAccessedAt: Date? = nil,
        accessCount: Int = 0, confidence: Double = 1
    ) {
        self.id = id
        self.cosine = cosine
        self.keyword = keyword
        self.createdAt = createdAt
        self.lastAccessedAt = lastAccessedAt
        self.accessCount = accessCount
        self.confidence = confidence
    }
}
