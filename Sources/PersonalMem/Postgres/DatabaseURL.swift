import Foundation
import PostgresNIO

/// Reads a `postgres://user:password@host:port/database?sslmode=…` URL into a client configuration.
/// `?host=/path` selects a Unix socket directory, as libpq does.
public enum DatabaseURL {
    public struct InvalidURL: Error, CustomStringConvertible {
        public let description: String
    }

    public static func configuration(from text: String, poolSize: Int = 10) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text),
            ["postgres", "postgresql"].contains(components.scheme ?? "")
        else { throw InvalidURL(description: "DATABASE_URL must look like postgres://user:password@host:5432/database") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding
        let databaseName = database?.isEmpty == false ? database : username
        var configuration: PostgresClient.Configuration
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password,
                database: databaseName)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch query["sslmode"] ?? "disable" {
                case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
                case "prefer": .prefer(.makeClientConfiguration())
                default: .disable
                }
            configuration = .init(
                host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: username,
                password: password, database: databaseName, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = max(1, poolSize)
        return configuration
    }
}
