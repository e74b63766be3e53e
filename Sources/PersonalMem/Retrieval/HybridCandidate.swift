import Foundation

/// What the hybrid scorer needs to know about one candidate memory.
public struct HybridCandidate: Sendable, Hashable {
    /// The memory's id.
    public var id: Int64
    /// Cosine similarity to the query (-1...1), computed from the stored vector for every candidate
    /// (also those found by keywords only); nil only when the memory has no vector.
    public var cosine: Double?
    /// Raw BM25 score of the memory for the query (0 when it shares no term with it).
    public var bm25: Double
    /// How well the memory's date fits a time named in the query, 0...1 (0 when none is named).
    public var time: Double
    /// When the memory was created.
    public var createdAt: Date
    /// When it was last put into a chat prompt, if ever.
    public var lastAccessedAt: Date?
    /// How many times it has been put into a chat prompt.
    public var accessCount: Int
    /// How sure the extractor was (0...1).
    public var confidence: Double

    public init(
        id: Int64, cosine: Double?, bm25: Double = 0, time: Double = 0, createdAt: Date, lastAccessedAt: Date? = nil,
        accessCount: Int = 0, confidence: Double = 1
    ) {
        self.id = id
        self.cosine = cosine
        self.bm25 = bm25
        self.time = time
        self.createdAt = createdAt
        self.lastAccessedAt = lastAccessedAt
        self.accessCount = accessCount
        self.confidence = confidence
    }
}
