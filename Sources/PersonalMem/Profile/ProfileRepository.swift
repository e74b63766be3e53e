/// A change to one user's profile, decided against the profile as stored: the new profile and the
/// events that lead there (none: nothing changes). Throwing refuses the change; nothing is written.
public typealias ProfileChange = @Sendable (Profile) throws -> (profile: Profile, events: [ProfileEvent])

/// Where profiles and their history are kept: PostgreSQL in the service
/// (``PostgresProfileRepository``), memory in unit tests (``InMemoryProfileRepository``).
///
/// Every write about a user checks the user's generation, which a delete raises, so a delete wins
/// over work that began before it: that work stores nothing (``UserDeleted``). Versions come from
/// one sequence across users, so a version taken by a delete is above every version written before
/// it. A write that changes nothing writes no history.
public protocol ProfileRepository: Sendable {
    /// The catalog the stored values were validated against (snapshots render their context with it).
    var catalog: FieldCatalog { get }

    /// The user's stored profile; empty at version 0 for a user with none.
    func profile(_ userID: String) async throws -> ProfileSnapshot

    /// Applies `change` to the profile as stored, under the user's lock, and writes the changed fields
    /// with one history row per event, all or nothing.
    /// - Parameters:
    ///   - storingMessage: stored (already extracted) in the same write; the history rows name it.
    ///   - extracting: a stored message this change comes from, marked extracted in the same write;
    ///     when it is gone (its user was deleted) nothing is written: ``UserDeleted``.
    ///   - expectedGeneration: the user's generation when the work began; ``UserDeleted`` if it moved.
    func update(
        _ userID: String, source: ChangeSource, storingMessage: NewMessage?, extracting messageID: Int64?,
        expectedGeneration: Int64?, _ change: @escaping ProfileChange
    ) async throws -> (snapshot: ProfileSnapshot, events: [ProfileEvent], source: ChangeSource)

    /// Applies `change` like ``update(_:source:storingMessage:extracting:expectedGeneration:_:)`` with no
    /// generation to check, possibly committed together with other users' writes; the history rows
    /// say `batch`, or name `storingMessage` when given. The new version goes into `cache`.
    func commitShared(_ userID: String, storingMessage: NewMessage?, cache: ProfileCache?, _ change: @escaping ProfileChange)
        async throws -> SharedWriteResult

    /// Every recorded change of the user's profile, oldest first.
    func history(_ userID: String) async throws -> [HistoryEntry]

    /// Writes an exported profile and its history verbatim into a user with no stored profile and
    /// no history; false (writing nothing) otherwise.
    func importUser(_ userID: String, profile: Profile, history: [UserExport.HistoryRow]) async throws -> Bool

    /// Deletes everything stored about the user (profile, history, messages, and in PostgreSQL the
    /// user's jobs) after raising the user's generation. Returns how many rows went and a version
    /// above every version written before the delete (see ``ProfileCache/invalidate(_:below:)``).
    func deleteUser(_ userID: String) async throws -> (rows: Int, versionFloor: Int64)

    /// The user's generation as committed; 0 for a user never deleted. Work that spans several
    /// writes (a chat answer) reads it first and passes it on as `expectedGeneration`.
    func generation(_ userID: String) async throws -> Int64
}
