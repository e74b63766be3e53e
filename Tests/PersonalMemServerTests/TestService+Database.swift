import Foundation
import Logging
import PostgresNIO
import Testing

@testable import PersonalMem

extension TestService {
    /// The service's PostgreSQL profile repository, for its write memo and shared-commit queue.
    var postgresProfiles: PostgresProfileRepository {
        get throws { try #require(parts.profileMemory.repository as? PostgresProfileRepository) }
    }

    /// A new, empty database named `name` beside the one in DATABASE_URL (the service migrates it on
    /// start), for suites whose job workers must not share a database with the other suites'.
    static func freshDatabase(_ name: String) async throws -> String {
        let base = try databaseURL()
        guard var components = URLComponents(string: base) else { throw NoDatabase() }
        components.path = "/\(name)"
        let client = PostgresClient(configuration: try DatabaseURL.configuration(from: base))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let logger = Logger(label: "fresh-database")
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        return try #require(components.string)
    }
}
