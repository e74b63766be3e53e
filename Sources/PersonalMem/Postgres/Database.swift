import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL client and the rules every query follows: a deadline on every operation
/// (``withDeadline(_:)``), transactions that are answered as committed only after their commit
/// (``transaction(_:)``), and the user fence that lets a delete win (``withUser(_:expecting:_:)``).
/// The profile and message repositories and the job queue each bring their own SQL and run it here.
public struct Database: Sendable {
    public let client: PostgresClient
    let logger: Logger
    /// Longest wait for any one database operation, connecting included; past it the
    /// operation fails with `DatabaseUnavailable` (a 503) instead of hanging.
    let deadline: Duration

    public init(client: PostgresClient, logger: Logger, deadline: Duration = .seconds(10)) {
        self.client = client
        self.logger = logger
        self.deadline = deadline
    }

    /// Round trip to the database, for health checks.
    public func ping() async throws {
        try await withDeadline { [client, logger] in try await client.query("SELECT 1", logger: logger) }
    }

    /// Bindings for a query built with `PostgresQuery(unsafeSQL:binds:)`; nil binds NULL.
    static func binds(_ values: (any PostgresNonThrowingEncodable & Sendable)?...) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values {
            if let value { binds.append(value) } else { binds.appendNull() }
        }
        return binds
    }

    /// A stored `jsonb` column read as text; nil when it is not JSON.
    static func json(_ text: String) -> JSONValue? {
        try? JSONValue.parse(Data(text.utf8))
    }
}
