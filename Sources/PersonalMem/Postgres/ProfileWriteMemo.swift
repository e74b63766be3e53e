import Synchronization

/// The profile each user's last write left, keyed by its version, so that the next write under the
/// row lock need not read and decode the stored document again. An entry is put in before its
/// transaction commits; that is safe because versions come from a sequence and are never reused:
/// a version that did not commit never matches the row, so its entry is simply never used.
/// Readers never see this memo (the read cache holds committed snapshots only).
final class ProfileWriteMemo: Sendable {
    private struct Entry {
        let version: Int64
        let profile: Profile
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
    }

    /// The profile at `version`, if the memo holds exactly that version.
    func profile(_ userID: String, at version: Int64) -> Profile? {
        entries.withLock { entries in
            guard let entry = entries[userID], entry.version == version else { return nil }
            return entry.profile
        }
    }

    /// The latest profile the memo holds for the user, with its version.
    func latest(_ userID: String) -> (profile: Profile, version: Int64)? {
        entries.withLock { entries in entries[userID].map { ($0.profile, $0.version) } }
    }

    func remember(_ profile: Profile, at version: Int64, for userID: String) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[userID] == nil, let victim = entries.keys.first { entries[victim] = nil }
            entries[userID] = Entry(version: version, profile: profile)
        }
    }

    /// Whether the memo holds anything for the user.
    func contains(_ userID: String) -> Bool {
        entries.withLock { $0[userID] != nil }
    }

    func forget(_ userID: String) {
        _ = entries.withLock { $0.removeValue(forKey: userID) }
    }
}
