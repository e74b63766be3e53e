import Foundation
import Logging
import PostgresNIO
import Testing

@testable import PersonalMem

/// The repository contract (``ProfileRepositoryContract``), once in memory and once against the
/// PostgreSQL of DATABASE_URL (migrated here), so the unit tests' repository behaves as the real one.
@Suite("Profile repository contract")
struct ProfileRepositoryContractTests {
    @Test("the in-memory repository keeps the contract")
    func inMemory() async throws {
        let repository = InMemoryProfileRepository()
        try await ProfileRepositoryContract.check(repository, repository)
    }

    @Test("the PostgreSQL repositories keep the contract")
    func postgres() async throws {
        try await withPostgres { database in
            try await ProfileRepositoryContract.check(PostgresProfileRepository(database: database), PostgresMessageRepository(database: database))
        }
    }

    struct NoDatabase: Error, CustomStringConvertible {
        var description: String { "DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL" }
    }

    /// Runs `body` with a client on DATABASE_URL, after applying the migrations.
    func withPostgres(_ body: @escaping @Sendable (Database) async throws -> Void) async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { throw NoDatabase() }
        var logger = Logger(label: "repository-contract")
        logger.logLevel = .warning
        let client = PostgresClient(configuration: try DatabaseURL.configuration(from: url, poolSize: 4), backgroundLogger: logger)
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("migrations")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await Migrator(directory: migrations, client: client, logger: logger).migrate()
            try await body(Database(client: client, logger: logger))
        }
    }
}
