import Foundation

/// A lifecycle change to one user's memories (consolidation, forgetting, re-typing), applied by
/// ``UserMemoryStore/rewrite(_:)`` as one crash-safe step.
public struct MemoryRewritePlan: Sendable {
    /// A new memory, typically merged from others, with its vector and starting access statistics
    /// (for a merge: the combined statistics of its sources, see ``MemoryAccessStats/combined(with:)``).
    public struct Addition: Sendable {
        public var draft: MemoryDraft
        public var vector: [Float]
        public var access: MemoryAccessStats

        public init(draft: MemoryDraft, vector: [Float], access: MemoryAccessStats = MemoryAccessStats()) {
            self.draft = draft
            self.vector = vector
            self.access = access
        }
    }

    /// Memories to delete (ids not in the store are ignored). Their access statistics are dropped.
    public var remove: Set<Int64>
    /// Existing memories with changed attributes (same id, vector kept); the user id is the store's.
    public var update: [MemoryRecord]
    /// New memories; they get fresh ids above every id the store ever used.
    public var add: [Addition]

    public init(remove: Set<Int64> = [], update: [MemoryRecord] = [], add: [Addition] = []) {
        self.remove = remove
        self.update = update
        self.add = add
    }

    public var isEmpty: Bool { remove.isEmpty && update.isEmpty && add.isEmpty }
}

/// What ``UserMemoryStore/rewrite(_:)`` did.
public struct MemoryRewriteResult: Sendable, Hashable {
    /// Ids that were in the store and are gone.
    public var removed: [Int64]
    /// Ids whose attributes were replaced.
    public var updated: [Int64]
    /// The new memories, with their ids, in plan order.
    public var added: [MemoryRecord]
}
