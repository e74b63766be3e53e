import Foundation
import Logging
import PostgresNIO

/// Profiles and their history in PostgreSQL (`users`, `profile_history`), each write in a
/// transaction that has entered the user (``Database/withUser(_:expecting:_:)``).
public struct PostgresProfileRepository: ProfileRepository {
    let database: Database
    public let catalog: FieldCatalog
    let renderer: ContextRenderer

    /// Channel on which every committed profile change is announced, payload the user id.
    public static let changeChannel = "profile_changed"

    /// The profile each user's last write left, so the next write need not read it again.
    let memo = ProfileWriteMemo()

    /// Gathers concurrent writes of different users into shared commits (``commitShared(_:storingMessage:cache:_:)``).
    let sharedCommits = SharedCommitQueue()

    var logger: Logger { database.logger }
    var deadline: Duration { database.deadline }

    public init(database: Database, catalog: FieldCatalog = .standard) {
        self.database = database
        self.catalog = catalog
        self.renderer = ContextRenderer(catalog: catalog)
    }

    public func profile(_ userID: String) async throws -> ProfileSnapshot {
        try await database.withDeadline { [client = database.client, logger, renderer] in
            let rows = try await client.query("SELECT profile::text, version FROM users WHERE user_id = \(userID)", logger: logger)
            for try await (text, version) in rows.decode((String, Int64).self) {
                return ProfileSnapshot(userID: userID, profile: try Self.decodeProfile(text), version: version, renderer: renderer)
            }
            return ProfileSnapshot(userID: userID, profile: [:], version: 0, renderer: renderer)
        }
    }

    /// Reads the profile under a row lock inside one transaction, lets `body` decide the changes
    /// (or refuse them by throwing), and writes them with their history in the same transaction.
    /// Concurrent updates of one user queue on the lock, so none is lost. The transaction first
    /// enters the user (``Database/enterUser(_:expecting:on:logger:)``), so a delete always wins.
    /// A message stored with the change is inserted first (one commit for a message whose
    /// extraction cannot fail). A write costs what its change costs: the stored profile is taken from the previous write's
    /// memo when the row's version matches (otherwise read once, trusted as validated when stored),
    /// and only the changed fields are sent.
    public func update(
        _ userID: String, source: ChangeSource, storingMessage: NewMessage?, extracting messageID: Int64?,
        expectedGeneration: Int64?, _ body: @escaping ProfileChange
    ) async throws -> (snapshot: ProfileSnapshot, events: [ProfileEvent], source: ChangeSource) {
        let logger = self.logger
        let memo = self.memo
        let (profile, version, events, written) = try await database.withUser(userID, expecting: expectedGeneration) { connection in
            var source = source
            if let message = storingMessage {
                let id = try await PostgresMessageRepository.insertExtracted(message, of: userID, on: connection, logger: logger)
                source = .message(id, extractor: message.extractor)
            }
            if let messageID {
                let marked = try await PostgresMessageRepository.markExtracted(
                    messageID: messageID, extractor: source.extractor ?? "", on: connection, logger: logger)
                guard marked else { throw UserDeleted() }
            }
            var version = try await Self.lockVersion(userID, on: connection, logger: logger)
            if version == nil {
                try await connection.query(
                    "INSERT INTO users (user_id) VALUES (\(userID)) ON CONFLICT (user_id) DO NOTHING", logger: logger)
                version = try await Self.lockVersion(userID, on: connection, logger: logger)
            }
            guard var version else { throw DatabaseUnavailable() }
            let current: Profile
            if let known = memo.profile(userID, at: version) {
                current = known
            } else {
                current = try await Self.storedProfile(userID, on: connection, logger: logger)
            }
            let (profile, events) = try body(current)
            if !events.isEmpty {
                version = try await Self.write(profile, events: events, of: userID, source: source, on: connection, logger: logger)
            }
            memo.remember(profile, at: version, for: userID)
            return (profile, version, events, source)
        }
        return (ProfileSnapshot(userID: userID, profile: profile, version: version, renderer: renderer), events, written)
    }

    /// One statement writes the changed fields, every history row, and the change notice; returns the new version.
    static func write(
        _ profile: Profile, events: [ProfileEvent], of userID: String, source: ChangeSource, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        var patch: [String: JSONValue] = [:]
        var removed: [String] = []
        for field in Set(events.map(\.field)) {
            if let value = profile[field] { patch[field] = value.json } else { removed.append(field) }
        }
        let document = JSONValue.object(patch).jsonText
        let fields = events.map(\.field)
        let kinds = events.map(\.kind.rawValue)
        let values = events.map { $0.value.json.jsonText }
        let olds = events.map { $0.oldValue?.json.jsonText ?? "" }
        let news = events.map { $0.newValue?.json.jsonText ?? "" }
        let written = try await connection.query(
            """
            WITH updated AS (
                UPDATE users SET profile = (profile - \(removed)::text[]) || \(document)::jsonb, version = nextval('profile_versions'),
                    updated_at = now()
                WHERE user_id = \(userID) RETURNING version
            ), history AS (
                INSERT INTO profile_history (user_id, field, event, value, old_value, new_value, source, extractor)
                SELECT \(userID), f, e, v::jsonb, NULLIF(o, '')::jsonb, NULLIF(n, '')::jsonb, \(source.source), \(source.extractor)
                FROM unnest(\(fields)::text[], \(kinds)::text[], \(values)::text[], \(olds)::text[], \(news)::text[])
                    WITH ORDINALITY AS t(f, e, v, o, n, position)
                ORDER BY position
            )
            SELECT version, pg_notify(\(Self.changeChannel), version::text || ' ' || \(userID)) FROM updated
            """, logger: logger)
        for try await (stored, _) in written.decode((Int64, String).self) { return stored }
        throw DatabaseUnavailable()
    }

    /// The row's version under a row lock; nil when the user has no row yet.
    static func lockVersion(_ userID: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        let rows = try await connection.query("SELECT version FROM users WHERE user_id = \(userID) FOR UPDATE", logger: logger)
        for try await version in rows.decode(Int64.self) { return version }
        return nil
    }

    /// The stored profile (of a row this transaction has locked).
    static func storedProfile(_ userID: String, on connection: PostgresConnection, logger: Logger) async throws -> Profile {
        let rows = try await connection.query("SELECT profile::text FROM users WHERE user_id = \(userID)", logger: logger)
        for try await text in rows.decode(String.self) { return try decodeProfile(text) }
        return [:]
    }

    public func history(_ userID: String) async throws -> [HistoryEntry] {
        try await database.withDeadline { try await historyNow(userID) }
    }

    private func historyNow(_ userID: String) async throws -> [HistoryEntry] {
        let rows = try await database.client.query(
            """
            SELECT id, field, event, value::text, old_value::text, new_value::text, source, extractor, created_at
            FROM profile_history WHERE user_id = \(userID) ORDER BY id
            """, logger: logger)
        var entries: [HistoryEntry] = []
        for try await (id, field, event, value, old, new, source, extractor, createdAt) in rows.decode(
            (Int64, String, String, String?, String?, String?, String, String?, Date).self)
        {
            entries.append(
                HistoryEntry(
                    id: id, field: field, event: ProfileEvent.Kind(rawValue: event) ?? .update,
                    value: value.flatMap(Database.json), oldValue: old.flatMap(Database.json), newValue: new.flatMap(Database.json),
                    source: source, extractor: extractor, createdAt: createdAt))
        }
        return entries
    }

    /// Deletes every row about the user (profile, history, messages, queued and running jobs) in one
    /// transaction that first raises the user's generation, so work that began before it stores
    /// nothing afterwards.
    public func deleteUser(_ userID: String) async throws -> (rows: Int, versionFloor: Int64) {
        let logger = self.logger
        memo.forget(userID)
        defer { memo.forget(userID) }
        return try await database.transaction { connection in
            try await Database.raiseGeneration(userID, on: connection, logger: logger)
            var total = 0
            for table in ["users", "profile_history", "messages", "jobs"] {
                let rows = try await connection.query(
                    PostgresQuery(unsafeSQL: "WITH gone AS (DELETE FROM \(table) WHERE user_id = $1 RETURNING 1) SELECT count(*) FROM gone",
                                  binds: Database.binds(userID)), logger: logger)
                for try await count in rows.decode(Int64.self) { total += Int(count) }
            }
            // Taken after the generation lock, so above the version of every write committed before.
            var floor: Int64 = 0
            let rows = try await connection.query(
                """
                SELECT floor, pg_notify(\(Self.changeChannel), floor::text || ' ' || \(userID) || ' deleted')
                FROM (SELECT nextval('profile_versions') AS floor) taken
                """, logger: logger)
            for try await (next, _) in rows.decode((Int64, String).self) { floor = next }
            return (total, floor)
        }
    }

    // MARK: - Encoding

    /// Decodes a stored profile document. Stored values were validated on the way in, so they are
    /// trusted and typed by their JSON shape (see ``ProfileValue/init(stored:)``), not validated again.
    static func decodeProfile(_ text: String) throws -> Profile {
        guard case .object(let members) = try JSONValue.parse(Data(text.utf8)) else { return [:] }
        var profile: Profile = [:]
        for (name, value) in members {
            if let typed = ProfileValue(stored: value) { profile[name] = typed }
        }
        return profile
    }

    func encodeProfile(_ profile: Profile) -> String {
        JSONValue.object(profile.mapValues(\.json)).jsonText
    }

    public func generation(_ userID: String) async throws -> Int64 {
        try await database.generation(userID)
    }
}
