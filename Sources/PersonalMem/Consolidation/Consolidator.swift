import Foundation

/// Plans an optimisation of one user's memories: decay scores, merges of near-duplicates and
/// removals of faded ones. Pure: it reads snapshots and returns an `OptimizationPlan`.
public struct Consolidator: Sendable {
    public var policy: DecayPolicy
    public var options: ConsolidationOptions

    public init(policy: DecayPolicy = DecayPolicy(), options: ConsolidationOptions = ConsolidationOptions()) {
        self.policy = policy
        self.options = options
    }

    /// The plan for `memories` at `now`.
    ///
    /// Groups are formed greedily in order of creation (then id), so the oldest memory of a cluster
    /// is its seed and every member is within the threshold of it. A group's merged memory takes the
    /// summed access count, highest confidence, earliest creation and latest access; if that merged
    /// memory would itself be removable, the whole group is removed instead.
    public func plan(_ memories: [MemorySnapshot], now: Date) -> OptimizationPlan {
        let ordered = memories.sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }
        var plan = OptimizationPlan()
        for memory in ordered { plan.decayScores[memory.id] = policy.decayScore(of: memory, now: now) }

        let found = DuplicateFinder(options: options).groups(vectors: ordered.map(\.vector), kinds: ordered.map(\.kind))
        plan.comparisons = found.comparisons
        plan.usedBuckets = found.usedBuckets
        plan.truncated = found.truncated

        var grouped = Set<Int>()
        for group in found.groups {
            grouped.formUnion(group)
            let merge = mergePlan(group.map { ordered[$0] })
            let combined = MemorySnapshot(
                id: merge.keepID, text: merge.keepText, vector: [], kind: merge.kind, confidence: merge.confidence,
                createdAt: merge.createdAt, lastAccessedAt: merge.lastAccessedAt, accessCount: merge.accessCount
            )
            if policy.isRemovable(combined, now: now) {
                for member in group { plan.removals.append(removal(ordered[member], now: now)) }
            } else {
                plan.merges.append(merge)
            }
        }
        for (index, memory) in ordered.enumerated() where !grouped.contains(index) && policy.isRemovable(memory, now: now) {
            plan.removals.append(removal(memory, now: now))
        }
        plan.removals.sort { $0.id < $1.id }
        return plan
    }

    private func removal(_ memory: MemorySnapshot, now: Date) -> RemovalPlan {
        RemovalPlan(
            id: memory.id, decayScore: policy.decayScore(of: memory, now: now),
            age: now.timeIntervalSince(memory.createdAt), accessCount: memory.accessCount
        )
    }

    /// Merges a group (at least two memories).
    func mergePlan(_ group: [MemorySnapshot]) -> MergePlan {
        let keep: MemorySnapshot
        switch options.keptText {
        case .longest:
            keep = group.max { a, b in
                a.text.count != b.text.count ? a.text.count < b.text.count : (a.createdAt, b.id) < (b.createdAt, a.id)
            }!
        case .mostRecent:
            keep = group.max { a, b in
                a.createdAt != b.createdAt ? a.createdAt < b.createdAt : (a.text.count, b.id) < (b.text.count, a.id)
            }!
        }
        let others = group.filter { $0.id != keep.id }.sorted {
            $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id
        }
        let provenance = ([keep] + others).map {
            MergeProvenance(id: $0.id, text: $0.text, createdAt: $0.createdAt, similarity: $0.id == keep.id ? 1 : Self.cosine($0.vector, keep.vector))
        }
        return MergePlan(
            keepID: keep.id, keepText: keep.text, mergedIDs: others.map(\.id), kind: keep.kind,
            accessCount: group.reduce(0) { $0 + max(0, $1.accessCount) },
            confidence: group.map(\.confidence).max() ?? keep.confidence,
            createdAt: group.map(\.createdAt).min() ?? keep.createdAt,
            lastAccessedAt: group.compactMap(\.lastAccessedAt).max(),
            provenance: provenance
        )
    }

    /// Cosine similarity of two vectors (0 when lengths differ or either is all zeros).
    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var dot: Double = 0, na: Double = 0, nb: Double = 0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            na += Double(a[i]) * Double(a[i])
            nb += Double(b[i]) * Double(b[i])
        }
        guard na > 0, nb > 0 else { return 0 }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}
