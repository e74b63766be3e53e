import Foundation

/// How memories lose value over time, and when one is worth removing.
///
/// Decay score, in 0...1:
/// `min(1, 0.5^(idle / halfLife(kind)) × (0.5 + 0.5 × confidence) × (1 + 0.5 × ln(1 + accessCount)))`,
/// where idle is the time since the later of creation and last access. A memory is removable when
/// its kind is not protected, its decay score is below `removalThreshold`, it was created at least
/// `minimumAge` ago and it was accessed at most `maxAccessCountForRemoval` times.
public struct DecayPolicy: Sendable, Hashable {
    /// Idle time that halves a memory's score, before the kind's multiplier (default 30 days).
    public var halfLife: TimeInterval
    /// Per-kind multipliers of `halfLife` (kinds not listed use 1). By default instructions and
    /// constraints fade four times slower, preferences and entities twice as slow.
    public var halfLifeMultipliers: [MemoryKind: Double]
    /// Decay score below which a memory may be removed (default 0.05).
    public var removalThreshold: Double
    /// Memories younger than this are never removed (default 30 days).
    public var minimumAge: TimeInterval
    /// Memories accessed more often than this are never removed (default 1).
    public var maxAccessCountForRemoval: Int
    /// Kinds never removed by decay (default none).
    public var protectedKinds: Set<MemoryKind>

    public init(
        halfLife: TimeInterval = 30 * 86_400,
        halfLifeMultipliers: [MemoryKind: Double] = [.instruction: 4, .constraint: 4, .preference: 2, .entity: 2],
        removalThreshold: Double = 0.05, minimumAge: TimeInterval = 30 * 86_400,
        maxAccessCountForRemoval: Int = 1, protectedKinds: Set<MemoryKind> = []
    ) {
        self.halfLife = halfLife
        self.halfLifeMultipliers = halfLifeMultipliers
        self.removalThreshold = removalThreshold
        self.minimumAge = minimumAge
        self.maxAccessCountForRemoval = maxAccessCountForRemoval
        self.protectedKinds = protectedKinds
    }

    /// The half-life for one kind.
    public func halfLife(for kind: MemoryKind) -> TimeInterval {
        halfLife * (halfLifeMultipliers[kind] ?? 1)
    }

    /// The memory's decay score at `now`, in 0...1.
    public func decayScore(of memory: MemorySnapshot, now: Date) -> Double {
        let idle = now.timeIntervalSince(memory.lastTouched)
        let recency = HybridScorer.recency(age: idle, halfLife: halfLife(for: memory.kind))
        let confidence = 0.5 + 0.5 * HybridScorer.unit(memory.confidence)
        let reinforcement = 1 + 0.5 * log1p(Double(max(0, memory.accessCount)))
        return min(1, recency * confidence * reinforcement)
    }

    /// Whether the memory is old, faded and little used enough to remove.
    public func isRemovable(_ memory: MemorySnapshot, now: Date) -> Bool {
        !protectedKinds.contains(memory.kind)
            && now.timeIntervalSince(memory.createdAt) >= minimumAge
            && memory.accessCount <= maxAccessCountForRemoval
            && decayScore(of: memory, now: now) < removalThreshold
    }
}
