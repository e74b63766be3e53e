import Logging
import PostgresNIO

/// Stored messages in PostgreSQL (`messages`). The profile repository stores and marks messages
/// inside its own transactions with the two statements at the end; the job queue stores a
/// message with its job in one statement of its own.
public struct PostgresMessageRepository: MessageRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func storeMessage(userID: String, conversationID: String?, body: String, expectedGeneration: Int64?) async throws -> Int64 {
        let logger = database.logger
        return try await database.withUser(userID, expecting: expectedGeneration) { connection in
            let rows = try await connection.query(
                "INSERT INTO messages (user_id, conversation_id, body) VALUES (\(userID), \(conversationID), \(body)) RETURNING id",
                logger: logger)
            for try await id in rows.decode(Int64.self) { return id }
            throw DatabaseUnavailable()
        }
    }

    public func markFailed(messageID: Int64, reason: String) async throws {
        try await database.withDeadline { [client = database.client, logger = database.logger] in
            try await client.query(
                "UPDATE messages SET status = 'failed', error = \(reason), attempts = attempts + 1 WHERE id = \(messageID)",
                logger: logger)
        }
    }

    public func message(_ id: Int64) async throws -> StoredMessage? {
        try await messages("WHERE id = $1", binds: Database.binds(id)).first
    }

    public func pendingMessages(userID: String?, limit: Int) async throws -> [StoredMessage] {
        if let userID {
            return try await messages("WHERE status <> 'extracted' AND user_id = $1 ORDER BY id LIMIT \(limit)", binds: Database.binds(userID))
        }
        return try await messages("WHERE status <> 'extracted' ORDER BY id LIMIT \(limit)", binds: PostgresBindings())
    }

    private func messages(_ clause: String, binds: PostgresBindings) async throws -> [StoredMessage] {
        let query = PostgresQuery(unsafeSQL: "SELECT id, user_id, conversation_id, body, status FROM messages \(clause)", binds: binds)
        return try await database.withDeadline { [client = database.client, logger = database.logger] in
            let rows = try await client.query(query, logger: logger)
            var result: [StoredMessage] = []
            for try await (id, user, conversation, body, status) in rows.decode((Int64, String, String?, String, String).self) {
                result.append(StoredMessage(id: id, userID: user, conversationID: conversation, body: body, status: status))
            }
            return result
        }
    }

    // MARK: - Inside a profile write

    /// Stores a message whose extraction is done (its change is written in the same transaction); returns its id.
    static func insertExtracted(_ message: NewMessage, of userID: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query(
            """
            INSERT INTO messages (user_id, conversation_id, body, status, extractor, attempts, extracted_at)
            VALUES (\(userID), \(message.conversationID), \(message.body), 'extracted', \(message.extractor), 1, now()) RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw DatabaseUnavailable()
    }

    /// Marks a stored message extracted; false when it is gone (its user was deleted).
    static func markExtracted(messageID: Int64, extractor: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            """
            UPDATE messages SET status = 'extracted', extractor = \(extractor), error = NULL, attempts = attempts + 1,
            extracted_at = now() WHERE id = \(messageID) RETURNING id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
