import Foundation

/// What decay and consolidation planning need to know about one stored memory.
public struct MemorySnapshot: Sendable, Hashable {
    public var id: Int64
    public var text: String
    /// The memory's embedding (any scale; normalised before comparing). Vectors of a different
    /// length from the first one, or all zeros, are never treated as duplicates.
    public var vector: [Float]
    public var kind: MemoryKind
    /// 0...1.
    public var confidence: Double
    public var createdAt: Date
    public var lastAccessedAt: Date?
    public var accessCount: Int

    public init(
        id: Int64, text: String, vector: [Float], kind: MemoryKind = .fact, confidence: Double = 1,
        createdAt: Date, lastAccessedAt: Date? = nil, accessCount: Int = 0
    ) {
        self.id = id
        self.text = text
        self.vector = vector
        self.kind = kind
        self.confidence = confidence
        self.createdAt = createdAt
        self.lastAccessedAt = lastAccessedAt
        self.accessCount = accessCount
    }

    /// The later of creation and last access.
    public var lastTouched: Date { max(createdAt, lastAccessedAt ?? createdAt) }
}
