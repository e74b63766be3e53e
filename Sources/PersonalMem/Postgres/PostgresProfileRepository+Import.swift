import Foundation
import Logging
import PostgresNIO

extension PostgresProfileRepository {
    /// Writes an exported profile and its history verbatim into a user with no stored profile.
    /// Returns false (and writes nothing) when the user already has one.
    public func importUser(_ userID: String, profile: Profile, history: [UserExport.HistoryRow]) async throws -> Bool {
        let logger = self.logger
        let document = encodeProfile(profile)
        return try await database.withUser(userID) { connection in
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
