import Synchronization

/// Delete wins for a user's files: work on a user's conversation memory that spans several steps
/// (a chat answer: prepare, wait for the model, record) takes a ``UserPass`` when it begins, and a
/// delete revokes every pass of the user. Each later step checks its pass under the user's turn
/// (``UserMemoryStores/withStore(userID:pass:_:)``), so nothing that began before a delete is
/// written after it. Only users with work under way have an entry, so the fence stays small.
public final class UserFence: Sendable {
    private struct Entry {
        var epoch: UInt64 = 0
        var holders = 0
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// A pass for work on the user that begins now; it stays valid until the user is deleted.
    public func admit(_ userID: String) -> UserPass {
        let epoch = entries.withLock { entries in
            entries[userID, default: Entry()].holders += 1
            return entries[userID]!.epoch
        }
        return UserPass(userID: userID, epoch: epoch, fence: self)
    }

    /// Whether no delete of the pass's user has happened since it was taken.
    public func isValid(_ pass: UserPass) -> Bool {
        entries.withLock { $0[pass.userID]?.epoch == pass.epoch }
    }

    /// Revokes every pass of the user taken so far.
    func revoke(_ userID: String) {
        entries.withLock { entries in
            if entries[userID] != nil { entries[userID]!.epoch &+= 1 }
        }
    }

    fileprivate func release(_ userID: String) {
        entries.withLock { entries in
            guard var entry = entries[userID] else { return }
            entry.holders -= 1
            entries[userID] = entry.holders > 0 ? entry : nil
        }
    }

    /// Users with work under way (for tests and metrics).
    public var trackedUsers: Int { entries.withLock { $0.count } }
}

/// Work under way on one user, begun at a known point; released when the last copy goes away.
public final class UserPass: Sendable {
    public let userID: String
    let epoch: UInt64
    private let fence: UserFence

    fileprivate init(userID: String, epoch: UInt64, fence: UserFence) {
        self.userID = userID
        self.epoch = epoch
        self.fence = fence
    }

    deinit { fence.release(userID) }
}
