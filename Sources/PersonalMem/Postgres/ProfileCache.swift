import Synchronization

/// Profiles kept in memory so reads rarely wait on the database. Writes in this instance put the
/// new version in; writes elsewhere reach it as invalidations (PostgreSQL NOTIFY). A copy read
/// from the database is only stored when no invalidation raced with that read, and a newer
/// version is never replaced by an older one. It also keeps each user's generation as last read
/// (see ``userGeneration(_:)``), dropped by the same invalidations.
public final class ProfileCache: Sendable {
    private struct State {
        var entries: [String: ProfileSnapshot] = [:]
        /// Insertion order for eviction: oldest first (a simple FIFO is enough here).
        var order: [String] = []
        var orderStart = 0
        var generation: UInt64 = 0
        /// Recently deleted users with the version below which nothing may be cached for them again,
        /// oldest first (bounded: a late snapshot arrives microseconds after its delete, not thousands
        /// of deletes later).
        var floors: [String: Int64] = [:]
        var floorOrder: [String] = []
        var userGenerations: [String: Int64] = [:]
    }

    /// Deleted users whose floor is remembered.
    static let floorCapacity = 4096

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public func get(_ userID: String) -> ProfileSnapshot? {
        state.withLock { $0.entries[userID] }
    }

    /// A token to pass to `store(_:ifUnchangedSince:)` after a database read.
    public func generation() -> UInt64 {
        state.withLock { $0.generation }
    }

    /// Stores a snapshot read from the database, unless an invalidation happened since `generation`.
    public func store(_ snapshot: ProfileSnapshot, ifUnchangedSince generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            Self.put(snapshot, into: &state, capacity: capacity)
        }
    }

    /// Stores a snapshot this instance has just committed, unless a newer one is already there.
    public func storeCommitted(_ snapshot: ProfileSnapshot) {
        state.withLock { state in
            if let floor = state.floors[snapshot.userID], snapshot.version < floor { return }
            if let current = state.entries[snapshot.userID], current.version > snapshot.version { return }
            Self.put(snapshot, into: &state, capacity: capacity)
        }
    }

    /// A change committed somewhere (this instance included) drops the user's copy unless the copy
    /// is already at the change's version or newer: this instance's own writes put their snapshot in
    /// before or after their notice arrives, and a notice must not throw it away again. Versions of
    /// one user grow in commit order (every write checks the version it read), so a copy at or above
    /// the notice's version holds that change.
    /// A delete's notice always drops the copy and the kept generation: a write after the delete may
    /// have put in a copy newer than the delete, while the generation kept here is from before it.
    public func invalidate(_ notice: ProfileChangeNotice) {
        guard let version = notice.version, !notice.deleted else { return invalidate(notice.userID) }
        state.withLock { state in
            if let current = state.entries[notice.userID], current.version >= version { return }
            Self.drop(notice.userID, from: &state)
        }
    }

    public func invalidate(_ userID: String) {
        state.withLock { state in Self.drop(userID, from: &state) }
    }

    /// Drops the user's copy and kept generation, and refuses reads in flight (``store(_:ifUnchangedSince:)``).
    private static func drop(_ userID: String, from state: inout State) {
        state.generation &+= 1
        state.entries[userID] = nil
        state.userGenerations[userID] = nil
    }

    /// Drops the user's copy after a delete and refuses any snapshot older than `floor` (a version
    /// taken by the delete), so a write that committed before the delete cannot put its copy back.
    public func invalidate(_ userID: String, below floor: Int64) {
        state.withLock { state in
            Self.drop(userID, from: &state)
            if state.floors.updateValue(floor, forKey: userID) == nil { state.floorOrder.append(userID) }
            if state.floorOrder.count > Self.floorCapacity {
                let count = state.floorOrder.count - Self.floorCapacity / 2
                for userID in state.floorOrder.prefix(count) { state.floors[userID] = nil }
                state.floorOrder.removeFirst(count)
            }
        }
    }

    public func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            state.orderStart = 0
            state.userGenerations.removeAll(keepingCapacity: true)
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }

    // MARK: - Generations

    /// The user's generation (``ProfileRepository/generation(_:)``) as last read here, unless the user
    /// was invalidated since. A delete commits the raised generation before it invalidates (here, or
    /// in other instances by NOTIFY), so a copy is never above the committed generation; for a
    /// moment after another instance's delete it may be below it, and a chat that uses it then
    /// stores nothing, as one that began before the delete would (``forgetUserGeneration(_:)``).
    public func userGeneration(_ userID: String) -> Int64? {
        state.withLock { $0.userGenerations[userID] }
    }

    /// Keeps a generation read from the database, unless an invalidation happened since `token`
    /// (``generation()``, taken before the read).
    public func storeUserGeneration(_ generation: Int64, of userID: String, ifUnchangedSince token: UInt64) {
        guard capacity > 0 else { return }
        state.withLock { state in
            guard state.generation == token else { return }
            if state.userGenerations.count >= capacity { state.userGenerations.removeAll(keepingCapacity: true) }
            state.userGenerations[userID] = generation
        }
    }

    /// Drops the user's generation, e.g. when a write expecting it was refused (it has moved).
    public func forgetUserGeneration(_ userID: String) {
        state.withLock { state in
            state.generation &+= 1
            state.userGenerations[userID] = nil
        }
    }

    private static func put(_ snapshot: ProfileSnapshot, into state: inout State, capacity: Int) {
        guard capacity > 0 else { return }
        if state.entries.updateValue(snapshot, forKey: snapshot.userID) == nil {
            state.order.append(snapshot.userID)
        }
        while state.entries.count > capacity, state.orderStart < state.order.count {
            let oldest = state.order[state.orderStart]
            state.orderStart += 1
            state.entries[oldest] = nil
        }
        if state.orderStart > 4096, state.orderStart * 2 > state.order.count {
            // Drop evicted and stale keys from the queue now and then.
            state.order = state.order[state.orderStart...].filter { state.entries[$0] != nil }
            state.orderStart = 0
        }
    }
}
