import NIOPosix

/// Hands out one ``UserMemoryStore`` per user: operations on one user run one at a time, in arrival
/// order, while different users run in parallel. At most `maxOpenStores` stores stay open; the least
/// recently used idle one is closed (snapshot and access statistics saved) when another has to open.
public actor UserMemoryStores {
    private final class Entry {
        var store: UserMemoryStore?
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var lastUsed: UInt64 = 0
        var isIdle: Bool { !locked && waiters.isEmpty }
    }

    public nonisolated let layout: UserDirectory
    public nonisolated let configuration: UserMemoryStore.Configuration
    public nonisolated let maxOpenStores: Int
    /// Passes of work under way per user; a delete revokes them (see ``UserFence``).
    public nonisolated let fence = UserFence()

    private var entries: [String: Entry] = [:]
    private var closing: [String: (token: UInt64, task: Task<Void, Never>)] = [:]
    private var clock: UInt64 = 0

    public init(layout: UserDirectory, configuration: UserMemoryStore.Configuration, maxOpenStores: Int = 64) {
        self.layout = layout
        self.configuration = configuration
        self.maxOpenStores = max(1, maxOpenStores)
    }

    /// Number of stores currently open.
    public var openStoreCount: Int { entries.values.filter { $0.store != nil }.count }

    /// Runs `body` with the user's store while holding the user's turn; nothing else touches this
    /// user's files until it returns. Do not call back into the same user from `body` (that deadlocks).
    /// With a `pass` (work that began earlier), throws ``UserDeleted`` without touching anything
    /// when the user was deleted since the pass was taken.
    public func withStore<T: Sendable>(
        userID: String, pass: UserPass? = nil, _ body: @Sendable (UserMemoryStore) async throws -> T
    ) async throws -> T {
        let entry = await acquire(userID)
        do {
            if let pass, !fence.isValid(pass) { throw UserDeleted() }
            let store: UserMemoryStore
            if let open = entry.store {
                store = open
            } else {
                store = try await Self.offload { [layout, configuration] in
                    try UserMemoryStore.open(userID: userID, layout: layout, configuration: configuration)
                }
                entry.store = store
                evictIfNeeded()
            }
            let result = try await body(store)
            release(userID, entry)
            return result
        } catch {
            release(userID, entry)
            throw error
        }
    }

    /// ``withStore(userID:pass:_:)`` for blocking work (file appends with fdatasync, FAISS calls):
    /// `body` runs on NIO's thread pool, not on Swift's cooperative pool, still under the user's turn.
    public func withStoreOffloaded<T: Sendable>(
        userID: String, pass: UserPass? = nil, _ body: @escaping @Sendable (UserMemoryStore) throws -> T
    ) async throws -> T {
        try await withStore(userID: userID, pass: pass) { store in try await Self.offload { try body(store) } }
    }

    /// Runs blocking work on NIO's thread pool.
    public static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// Whether the user's store is open with its keyword index built (for tests; opens nothing).
    public func hasKeywordIndex(_ userID: String) -> Bool {
        guard let entry = entries[userID], entry.isIdle else { return false }
        return entry.store?.hasKeywordIndex ?? false
    }

    /// Deletes everything stored for the user (idempotent); waits for operations already queued on the user.
    /// Under the user's turn it first revokes every pass of the user (work under way stores nothing
    /// more), then closes the store (dropping what it holds in memory: index, keyword index, access
    /// statistics) and removes the user's directory.
    public func deleteUser(_ userID: String) async throws {
        let entry = await acquire(userID)
        defer { release(userID, entry) }
        fence.revoke(userID)
        let open = entry.store
        entry.store = nil
        try await Self.offload { [layout] in
            if let open { try open.deleteAll() } else { try UserMemoryStore.delete(userID: userID, layout: layout) }
        }
    }

    /// Re-embeds a user's memories with `embedder`, whose model must be the configured one
    /// (start the server with the new model, then re-embed users whose stores report a mismatch).
    @discardableResult
    public func reembed(userID: String, embedder: some Embedder) async throws -> Int {
        let given = EmbeddingSpec(model: embedder.model, dims: embedder.dims ?? configuration.embeddingDims)
        guard given == configuration.spec else { throw MemoryStoreError.embeddingMismatch(stored: configuration.spec, given: given) }
        let entry = await acquire(userID)
        defer { release(userID, entry) }
        let open = entry.store
        entry.store = nil
        try await Self.offload { try open?.close() }
        return try await UserMemoryStore.reembed(userID: userID, layout: layout, configuration: configuration, embedder: embedder)
    }

    /// Closes every open store (saving snapshots and access statistics), e.g. at shutdown.
    public func closeAll() async throws {
        for userID in Array(entries.keys) {
            let entry = await acquire(userID)
            let open = entry.store
            entry.store = nil
            release(userID, entry)
            try await Self.offload { try open?.close() }
        }
        for pending in closing.values { await pending.task.value }
    }

    private func acquire(_ userID: String) async -> Entry {
        while let pending = closing[userID] {
            await pending.task.value
            finishedClosing(userID, token: pending.token)
        }
        let entry: Entry
        if let existing = entries[userID] {
            entry = existing
        } else {
            entry = Entry()
            entries[userID] = entry
        }
        clock += 1
        entry.lastUsed = clock
        if entry.locked {
            await withCheckedContinuation { entry.waiters.append($0) }
        } else {
            entry.locked = true
        }
        return entry
    }

    private func release(_ userID: String, _ entry: Entry) {
        if entry.waiters.isEmpty {
            entry.locked = false
            if entry.store == nil, entries[userID] === entry { entries[userID] = nil }
        } else {
            entry.waiters.removeFirst().resume()
        }
    }

    private func evictIfNeeded() {
        let open = entries.filter { $0.value.store != nil }
        guard open.count > maxOpenStores else { return }
        let victims = open.filter { $0.value.isIdle }.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(open.count - maxOpenStores)
        for (userID, entry) in victims {
            guard let store = entry.store else { continue }
            entries[userID] = nil
            clock += 1
            let token = clock
            let warn = configuration.onWarning
            let task = Task.detached {
                do { try await Self.offload { try store.close() } } catch { warn("closing an evicted memory store failed: \(error)") }
            }
            closing[userID] = (token, task)
            Task { await task.value; self.finishedClosing(userID, token: token) }
        }
    }

    private func finishedClosing(_ userID: String, token: UInt64) {
        if closing[userID]?.token == token { closing[userID] = nil }
    }
}
