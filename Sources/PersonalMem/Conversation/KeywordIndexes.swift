import Synchronization

/// One BM25 keyword index per user, built from the user's memory texts the first time the user
/// is searched and kept up to date as memories are added. Callers hold the user's store turn
/// (``UserMemoryStores/withStore(userID:_:)``), so a user's index is never built twice at once.
public final class KeywordIndexes: Sendable {
    private let indexes = Mutex<[String: KeywordIndex]>([:])
    /// Users whose index is kept in memory; past it an arbitrary one is dropped (and rebuilt on
    /// its next search).
    let capacity: Int

    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// The user's index, built from the store when not in memory.
    func index(for userID: String, store: UserMemoryStore) throws -> KeywordIndex {
        if let index = indexes.withLock({ $0[userID] }) { return index }
        var index = KeywordIndex()
        for record in try store.allRecords() { index.add(id: record.memoryID, text: MemoryText.indexed(record)) }
        indexes.withLock { indexes in
            if indexes.count >= capacity, let victim = indexes.keys.first { indexes[victim] = nil }
            indexes[userID] = index
        }
        return index
    }

    /// Adds a memory to the user's index if it is in memory (otherwise the next build reads it).
    func add(_ record: MemoryRecord, for userID: String) {
        indexes.withLock { indexes in indexes[userID]?.add(id: record.memoryID, text: MemoryText.indexed(record)) }
    }

    /// Forgets the user's index (after a rewrite, import, or delete).
    func drop(_ userID: String) {
        _ = indexes.withLock { $0.removeValue(forKey: userID) }
    }
}

extension KeywordIndexes {
    /// Whether the user's index is in memory.
    func contains(_ userID: String) -> Bool {
        indexes.withLock { $0[userID] != nil }
    }
}
