/// How near-duplicate memories are found and merged.
public struct ConsolidationOptions: Sendable, Hashable {
    /// Which text a merged memory keeps.
    public enum KeptText: String, Sendable, Hashable, Codable {
        /// The longest text (ties: the most recent).
        case longest
        /// The most recently created text (ties: the longest).
        case mostRecent
    }

    /// Cosine similarity at or above which two memories are duplicates (default 0.92).
    public var similarityThreshold: Double
    /// Only merge memories of the same kind (default true).
    public var requireSameKind: Bool
    public var keptText: KeptText
    /// Up to this many memories every pair is compared; above it, memories are first bucketed by
    /// random-hyperplane hashes of their vectors and only bucket-mates are compared (default 2000).
    public var exactComparisonLimit: Int
    /// Hash tables used when bucketing (more tables, fewer missed duplicates; default 10).
    public var bucketTables: Int
    /// Hyperplanes per table (more bits, smaller buckets, more missed duplicates; at most 16).
    /// Nil (the default) picks 8, or more for large inputs so buckets hold about 32 memories.
    public var bucketBits: Int?
    /// Stop comparing after this many vector comparisons and mark the plan truncated
    /// (default 20 million).
    public var maxComparisons: Int

    public init(
        similarityThreshold: Double = 0.92, requireSameKind: Bool = true, keptText: KeptText = .longest,
        exactComparisonLimit: Int = 2000, bucketTables: Int = 10, bucketBits: Int? = nil,
        maxComparisons: Int = 20_000_000
    ) {
        self.similarityThreshold = similarityThreshold
        self.requireSameKind = requireSameKind
        self.keptText = keptText
        self.exactComparisonLimit = exactComparisonLimit
        self.bucketTables = bucketTables
        self.bucketBits = bucketBits
        self.maxComparisons = maxComparisons
    }
}
