import Logging
import PostgresNIO

/// Delete wins: every write about a user first locks the user's generation row (`FOR SHARE`, in the
/// write's own transaction) and a delete raises it under an exclusive lock before removing rows.
/// A write therefore either commits before the delete starts (and is removed by it) or runs after
/// it, when a write that began earlier finds the generation moved (chat answers) or its stored
/// message gone (extractions), and stores nothing. Rows are keyed by SHA-256 of the user id.
extension Database {
    /// The user's generation as committed; 0 for a user never deleted. Work that spans several
    /// transactions (a chat answer) reads it first and passes it to its writes as `expectedGeneration`.
    public func generation(_ userID: String) async throws -> Int64 {
        return try await withDeadline { [client, logger] in
            let rows = try await client.query(
                "SELECT generation FROM user_generations WHERE user_key = sha256(convert_to(\(userID), 'UTF8'))", logger: logger)
            for try await generation in rows.decode(Int64.self) { return generation }
            return 0
        }
    }

    /// Locks the user's generation row until the transaction ends (creating it at 0) and throws
    /// ``UserDeleted`` when it is not `expected`. Call it first in every write transaction about the
    /// user, so that writes and deletes take their locks in the same order.
    static func enterUser(_ userID: String, expecting expected: Int64?, on connection: PostgresConnection, logger: Logger) async throws {
        var current: Int64?
        for attempt in 0..<2 where current == nil {
            if attempt == 1 {
                try await connection.query(
                    "INSERT INTO user_generations (user_key) VALUES (sha256(convert_to(\(userID), 'UTF8'))) ON CONFLICT (user_key) DO NOTHING",
                    logger: logger)
            }
            let rows = try await connection.query(
                "SELECT generation FROM user_generations WHERE user_key = sha256(convert_to(\(userID), 'UTF8')) FOR SHARE", logger: logger)
            for try await generation in rows.decode(Int64.self) { current = generation }
        }
        guard let current else { throw DatabaseUnavailable() }
        if let expected, expected != current { throw UserDeleted() }
    }

    /// Raises the user's generation under an exclusive lock, which waits for writes under way. The
    /// first statement of a delete.
    static func raiseGeneration(_ userID: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO user_generations AS g (user_key, generation) VALUES (sha256(convert_to(\(userID), 'UTF8')), 1)
            ON CONFLICT (user_key) DO UPDATE SET generation = g.generation + 1
            """, logger: logger)
    }

    /// Runs `body` in a transaction that has entered the user (see ``enterUser(_:expecting:on:logger:)``).
    func withUser<T: Sendable>(
        _ userID: String, expecting expected: Int64? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await transaction { connection in
            try await Self.enterUser(userID, expecting: expected, on: connection, logger: logger)
            return try await body(connection)
        }
    }
}
