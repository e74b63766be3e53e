import Foundation
import Logging
import PostgresNIO

/// Applies the plain SQL files of `migrations/` in name order, each in its own transaction, and
/// records them in `schema_migrations`. Safe to run from several instances at once.
public struct Migrator: Sendable {
    public let directory: URL
    let client: PostgresClient
    let logger: Logger

    public init(directory: URL, client: PostgresClient, logger: Logger) {
        self.directory = directory
        self.client = client
        self.logger = logger
    }

    /// Applies pending migrations and returns their names.
    @discardableResult
    public func migrate() async throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var applied: [String] = []
        for file in files {
            let name = file.lastPathComponent
            let statements = Self.statements(in: try String(contentsOf: file, encoding: .utf8))
            let done = try await client.withTransaction(logger: logger) { connection -> Bool in
                // One migrator at a time across instances (and test processes); the lock ends with the transaction.
                try await connection.query("SELECT pg_advisory_xact_lock(727274)", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    logger: logger)
                let rows = try await connection.query("SELECT 1 FROM schema_migrations WHERE name = \(name)", logger: logger)
                for try await _ in rows { return false }
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_migrations (name) VALUES (\(name))", logger: logger)
                return true
            }
            if done {
                applied.append(name)
                logger.info("applied migration", metadata: ["migration": "\(name)"])
            }
        }
        return applied
    }

    /// Splits a SQL file into statements at semicolons that end a line, outside `$$` blocks and
    /// comments. PostgresNIO sends one statement per query.
    static func statements(in sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inDollarBlock = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") && !inDollarBlock { continue }
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inDollarBlock.toggle() }
            if !inDollarBlock && trimmed.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements.map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
    }
}
