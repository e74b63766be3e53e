import Foundation
import Logging
import PostgresNIO

/// The profile tables in PostgreSQL: profiles, their history, and the stored messages.
public struct ProfileStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let catalog: FieldCatalog
    let renderer: ContextRenderer

    /// Channel on which every committed profile change is announced, payload the user id.
    public static let changeChannel = "profile_changed"

    /// Longest wait for any one database operation, connecting included; past it the
    /// operation fails with `DatabaseUnavailable` (a 503) instead of hanging.
    let deadline: Duration

    public init(client: PostgresClient, logger: Logger, catalog: FieldCatalog = .standard, deadline: Duration = .seconds(10)) {
        self.client = client
        self.deadline = deadline
        self.logger = logger
        self.catalog = catalog
        self.renderer = ContextRenderer(catalog: catalog)
    }

    public func readProfile(_ userID: String) async throws -> ProfileSnapshot {
        try await withDeadline { try await readProfileNow(userID) }
    }

    func readProfileNow(_ userID: String) async throws -> ProfileSnapshot {
        let rows = try await client.query(
            "SELECT profile::text, version FROM users WHERE user_id = \(userID)", logger: logger)
        for try await (text, version) in rows.decode((String, Int64).self) {
            return ProfileSnapshot(userID: userID, profile: try decodeProfile(text), version: version, renderer: renderer)
        }
        return ProfileSnapshot(userID: userID, profile: [:], version: 0, renderer: renderer)
    }

    /// Reads the profile under a row lock inside `body`'s transaction, lets `body` decide the
    /// changes, and writes them with their history in the same transaction. Concurrent updates
    /// of one user queue on the lock, so none is lost.
    /// With `storingMessage`, the message is inserted first in the same transaction (already
    /// extracted) and the history rows name it: one commit for a message whose extraction cannot fail.
    public func update(
        _ userID: String, source: ChangeSource, storingMessage: NewMessage? = nil,
        _ body: @escaping @Sendable (Profile) -> (profile: Profile, events: [ProfileEvent]),
        alsoInTransaction: (@Sendable (PostgresConnection) async throws -> Void)? = nil
    ) async throws -> (snapshot: ProfileSnapshot, events: [ProfileEvent], source: ChangeSource) {
        let logger = self.logger
        let renderer = self.renderer
        return try await withDeadline {
            try await client.withTransaction(logger: logger) { connection in
                var source = source
                if let message = storingMessage {
                    let rows = try await connection.query(
                        """
                        INSERT INTO messages (user_id, conversation_id, body, status, extractor, attempts, extracted_at)
                        VALUES (\(userID), \(message.conversationID), \(message.body), 'extracted', \(message.extractor), 1, now()) RETURNING id
                        """, logger: logger)
                    for try await id in rows.decode(Int64.self) { source = .message(id, extractor: message.extractor) }
                }
                var (current, version) = try await Self.lockProfile(userID, on: connection, logger: logger, decode: decodeProfile)
                if version == 0 {
                    try await connection.query(
                        "INSERT INTO users (user_id) VALUES (\(userID)) ON CONFLICT (user_id) DO NOTHING", logger: logger)
                    (current, version) = try await Self.lockProfile(userID, on: connection, logger: logger, decode: decodeProfile)
                }
                let (profile, events) = body(current)
                if !events.isEmpty {
                    // One statement writes the profile, every history row, and the change notice.
                    let document = encodeProfile(profile)
                    let fields = events.map(\.field)
                    let kinds = events.map(\.kind.rawValue)
                    let values = events.map { $0.value.json.jsonText }
                    let olds = events.map { $0.oldValue?.json.jsonText ?? "" }
                    let news = events.map { $0.newValue?.json.jsonText ?? "" }
                    let written = try await connection.query(
                        """
                        WITH updated AS (
                            UPDATE users SET profile = \(document)::jsonb, version = nextval('profile_versions'), updated_at = now()
                            WHERE user_id = \(userID) RETURNING version
                        ), history AS (
                            INSERT INTO profile_history (user_id, field, event, value, old_value, new_value, source, extractor)
                            SELECT \(userID), f, e, v::jsonb, NULLIF(o, '')::jsonb, NULLIF(n, '')::jsonb, \(source.source), \(source.extractor)
                            FROM unnest(\(fields)::text[], \(kinds)::text[], \(values)::text[], \(olds)::text[], \(news)::text[])
                                WITH ORDINALITY AS t(f, e, v, o, n, position)
                            ORDER BY position
                        )
                        SELECT version, pg_notify(\(Self.changeChannel), \(userID)) FROM updated
                        """, logger: logger)
                    for try await (stored, _) in written.decode((Int64, String).self) { version = stored }
                }
                try await alsoInTransaction?(connection)
                return (ProfileSnapshot(userID: userID, profile: profile, version: version, renderer: renderer), events, source)
            }
        }
    }

    /// The profile and version under a row lock; version 0 when the user has no row yet.
    static func lockProfile(
        _ userID: String, on connection: PostgresConnection, logger: Logger, decode: (String) throws -> Profile
    ) async throws -> (Profile, Int64) {
        let rows = try await connection.query(
            "SELECT profile::text, version FROM users WHERE user_id = \(userID) FOR UPDATE", logger: logger)
        for try await (text, version) in rows.decode((String, Int64).self) { return (try decode(text), version) }
        return ([:], 0)
    }

    public func history(_ userID: String) async throws -> [HistoryEntry] {
        try await withDeadline { try await historyNow(userID) }
    }

    func historyNow(_ userID: String) async throws -> [HistoryEntry] {
        let rows = try await client.query(
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
                    value: value.flatMap(Self.json), oldValue: old.flatMap(Self.json), newValue: new.flatMap(Self.json),
                    source: source, extractor: extractor, createdAt: createdAt))
        }
        return entries
    }

    /// Deletes every row about the user (profile, history, messages, jobs) in one transaction;
    /// returns how many rows went.
    public func deleteUser(_ userID: String) async throws -> Int {
        let logger = self.logger
        return try await withDeadline {
            try await client.withTransaction(logger: logger) { connection in
                var total = 0
                for table in ["users", "profile_history", "messages", "jobs"] {
                    let rows = try await connection.query(
                        PostgresQuery(unsafeSQL: "WITH gone AS (DELETE FROM \(table) WHERE user_id = $1 RETURNING 1) SELECT count(*) FROM gone",
                                      binds: Self.binds(userID)), logger: logger)
                    for try await count in rows.decode(Int64.self) { total += Int(count) }
                }
                try await connection.query("SELECT pg_notify(\(Self.changeChannel), \(userID))", logger: logger)
                return total
            }
        }
    }

    // MARK: - Stored messages

    /// Stores a message before extraction and returns its id.
    public func storeMessage(userID: String, conversationID: String?, body: String) async throws -> Int64 {
        try await withDeadline {
            let rows = try await client.query(
                "INSERT INTO messages (user_id, conversation_id, body) VALUES (\(userID), \(conversationID), \(body)) RETURNING id",
                logger: logger)
            for try await id in rows.decode(Int64.self) { return id }
            preconditionFailure("INSERT … RETURNING gave no row")
        }
    }

    public func markFailed(messageID: Int64, reason: String) async throws {
        try await withDeadline {
            try await client.query(
                "UPDATE messages SET status = 'failed', error = \(reason), attempts = attempts + 1 WHERE id = \(messageID)",
                logger: logger)
        }
    }

    static func markExtracted(messageID: Int64, extractor: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE messages SET status = 'extracted', extractor = \(extractor), error = NULL, attempts = attempts + 1,
            extracted_at = now() WHERE id = \(messageID)
            """, logger: logger)
    }

    /// A message to store in the same transaction as the profile change it caused.
    public struct NewMessage: Sendable {
        public let conversationID: String?
        public let body: String
        public let extractor: String
    }

    /// A stored message, for re-extraction.
    public struct StoredMessage: Sendable {
        public let id: Int64
        public let userID: String
        public let conversationID: String?
        public let body: String
        public let status: String
    }

    public func message(_ id: Int64) async throws -> StoredMessage? {
        try await messages("WHERE id = $1", binds: Self.binds(id)).first
    }

    /// Messages whose extraction has not succeeded, oldest first.
    public func pendingMessages(userID: String?, limit: Int) async throws -> [StoredMessage] {
        if let userID {
            return try await messages("WHERE status <> 'extracted' AND user_id = $1 ORDER BY id LIMIT \(limit)", binds: Self.binds(userID))
        }
        return try await messages("WHERE status <> 'extracted' ORDER BY id LIMIT \(limit)", binds: PostgresBindings())
    }

    private func messages(_ clause: String, binds: PostgresBindings) async throws -> [StoredMessage] {
        try await withDeadline { try await messagesNow(clause, binds: binds) }
    }

    private func messagesNow(_ clause: String, binds: PostgresBindings) async throws -> [StoredMessage] {
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT id, user_id, conversation_id, body, status FROM messages \(clause)", binds: binds),
            logger: logger)
        var result: [StoredMessage] = []
        for try await (id, user, conversation, body, status) in rows.decode((Int64, String, String?, String, String).self) {
            result.append(StoredMessage(id: id, userID: user, conversationID: conversation, body: body, status: status))
        }
        return result
    }

    /// Round trip to the database, for health checks.
    public func ping() async throws {
        try await withDeadline { try await client.query("SELECT 1", logger: logger) }
    }

    // MARK: - Encoding

    func decodeProfile(_ text: String) throws -> Profile {
        guard case .object(let members) = try JSONValue.parse(Data(text.utf8)) else { return [:] }
        var profile: Profile = [:]
        for (name, value) in members {
            // Stored values were validated on the way in; a value that no longer validates is skipped.
            if let typed = try? catalog.validate(value, forField: name) { profile[name] = typed }
        }
        return profile
    }

    func encodeProfile(_ profile: Profile) -> String {
        JSONValue.object(profile.mapValues(\.json)).jsonText
    }

    static func json(_ text: String) -> JSONValue? {
        try? JSONValue.parse(Data(text.utf8))
    }

    static func binds(_ value: some PostgresNonThrowingEncodable & Sendable) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(value)
        return binds
    }

    /// Runs `body` with the store's deadline, and unwraps `withTransaction`'s error wrapper so
    /// callers see the error the closure threw.
    func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask(operation: body)
                group.addTask { [deadline] in
                    try await Task.sleep(for: deadline)
                    throw DatabaseUnavailable()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}

/// The database did not answer within the store's deadline.
public struct DatabaseUnavailable: Error, Sendable {
    public init() {}
}

extension ProfileStore {
    /// Writes an exported profile and its history verbatim into a user with no stored profile.
    /// Returns false (and writes nothing) when the user already has one.
    public func importUser(_ userID: String, profile: Profile, history: [UserExport.HistoryRow]) async throws -> Bool {
        let logger = self.logger
        let document = encodeProfile(profile)
        return try await withDeadline {
            try await client.withTransaction(logger: logger) { connection in
                let existing = try await connection.query(
                    "SELECT 1 FROM users WHERE user_id = \(userID) AND profile <> '{}'::jsonb UNION ALL SELECT 1 FROM profile_history WHERE user_id = \(userID) LIMIT 1",
                    logger: logger)
                for try await _ in existing { return false }
                try await connection.query(
                    """
                    INSERT INTO users (user_id, profile) VALUES (\(userID), \(document)::jsonb)
                    ON CONFLICT (user_id) DO UPDATE SET profile = EXCLUDED.profile, version = nextval('profile_versions'), updated_at = now()
                    """, logger: logger)
                for row in history {
                    try await connection.query(
                        """
                        INSERT INTO profile_history (user_id, field, event, value, old_value, new_value, source, extractor, created_at)
                        VALUES (\(userID), \(row.field), \(row.event), \(row.value?.jsonText)::jsonb, \(row.oldValue?.jsonText)::jsonb,
                                \(row.newValue?.jsonText)::jsonb, \(row.source), \(row.extractor), \(row.createdAt))
                        """, logger: logger)
                }
                try await connection.query("SELECT pg_notify(\(Self.changeChannel), \(userID))", logger: logger)
                return true
            }
        }
    }
}
