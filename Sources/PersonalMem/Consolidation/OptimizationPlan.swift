import Foundation

/// One memory folded into a merge, as recorded in the merged memory's provenance.
public struct MergeProvenance: Sendable, Hashable, Codable {
    public var id: Int64
    public var text: String
    public var createdAt: Date
    /// Cosine similarity to the kept memory (1 for the kept memory itself).
    public var similarity: Double

    public init(id: Int64, text: String, createdAt: Date, similarity: Double) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.similarity = similarity
    }
}

/// Merge a group of near-duplicates into the kept memory: update it with these attributes and
/// delete `mergedIDs`. The kept memory's text and vector are unchanged, so nothing needs
/// re-embedding.
public struct MergePlan: Sendable, Hashable, Codable {
    /// The memory that stays (the one whose text is kept).
    public var keepID: Int64
    public var keepText: String
    /// The other memories of the group, to delete.
    public var mergedIDs: [Int64]
    public var kind: MemoryKind
    /// Sum of the group's access counts.
    public var accessCount: Int
    /// Highest confidence in the group.
    public var confidence: Double
    /// Earliest creation in the group.
    public var createdAt: Date
    /// Latest access in the group, if any.
    public var lastAccessedAt: Date?
    /// Every memory of the group, kept one first, then by creation.
    public var provenance: [MergeProvenance]

    /// The kept memory and the merged ones.
    public var allIDs: [Int64] { [keepID] + mergedIDs }
}

/// A memory to delete because it has faded.
public struct RemovalPlan: Sendable, Hashable, Codable {
    public var id: Int64
    public var decayScore: Double
    /// Time since creation, in seconds.
    public var age: TimeInterval
    public var accessCount: Int

    public init(id: Int64, decayScore: Double, age: TimeInterval, accessCount: Int) {
        self.id = id
        self.decayScore = decayScore
        self.age = age
        self.accessCount = accessCount
    }
}

/// What an optimisation would do; the caller applies it (or shows it, for a dry run).
public struct OptimizationPlan: Sendable, Hashable {
    public var merges: [MergePlan]
    /// Removals by ascending id. No id is both merged and removed: a group whose merged memory has
    /// faded is removed whole instead of merged.
    public var removals: [RemovalPlan]
    /// Every input memory's decay score before merging.
    public var decayScores: [Int64: Double]
    /// Vector comparisons made.
    public var comparisons: Int
    /// Whether candidates were bucketed by vector hashes (so a few duplicates may be missed).
    public var usedBuckets: Bool
    /// Whether the comparison budget ran out (duplicates among the rest were not looked for).
    public var truncated: Bool

    public init(
        merges: [MergePlan] = [], removals: [RemovalPlan] = [], decayScores: [Int64: Double] = [:],
        comparisons: Int = 0, usedBuckets: Bool = false, truncated: Bool = false
    ) {
        self.merges = merges
        self.removals = removals
        self.decayScores = decayScores
        self.comparisons = comparisons
        self.usedBuckets = usedBuckets
        self.truncated = truncated
    }

    /// Whether the plan changes nothing.
    public var isEmpty: Bool { merges.isEmpty && removals.isEmpty }

    /// Ids deleted by merges and removals together.
    public var deletedIDs: Set<Int64> {
        Set(merges.flatMap(\.mergedIDs)).union(removals.map(\.id))
    }
}
