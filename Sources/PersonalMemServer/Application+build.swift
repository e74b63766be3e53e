import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PersonalMem
import PostgresNIO

public enum PersonalMemServer {
    public static let version = "0.1.0"
}

/// Everything the routes use, built once from the configuration.
public struct ServiceParts: Sendable {
    public let configuration: ServiceConfiguration
    public let postgres: PostgresClient
    public let profileMemory: ProfileMemory
    public let llm: OpenAICompatibleClient?
    public let logger: Logger

    public init(configuration: ServiceConfiguration, logger: Logger) throws {
        guard let databaseURL = configuration.databaseURL else {
            throw ConfigurationError("DATABASE_URL is not set. `scripts/run` starts a project-local PostgreSQL and sets it for you.")
        }
        self.configuration = configuration
        self.logger = logger
        self.postgres = PostgresClient(configuration: try DatabaseURL.configuration(from: databaseURL), backgroundLogger: logger)
        let endpoint = try configuration.llmEndpoint()
        self.llm = endpoint.map { OpenAICompatibleClient(endpoint: $0, http: .shared, logger: logger) }
        let extractor: any FactExtractor = llm.map { LLMExtractor(client: $0) } ?? RuleExtractor()
        let store = ProfileStore(client: postgres, logger: logger)
        let cache = ProfileCache(capacity: Int(configuration["PROFILE_CACHE_SIZE"]) ?? 200_000)
        self.profileMemory = ProfileMemory(store: store, cache: cache, extractor: extractor, logger: logger)
    }

    /// Removes the user's files under STORAGE_DIR (conversation memory).
    @Sendable public func eraseUserFiles(_ userID: String) async throws {}
}

/// The router with every route and middleware; tests call this directly.
public func buildRouter(_ parts: ServiceParts) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: APIKeyMiddleware(keys: parts.configuration.apiKeys))
    router.add(middleware: FileMiddleware(parts.configuration.frontendDirectory, searchForIndexHtml: true, logger: parts.logger))
    HealthController(memory: parts.profileMemory, storageDirectory: parts.configuration.storageDirectory, llm: parts.llm)
        .register(on: router)
    ProfileController(
        memory: parts.profileMemory, maxMessageBytes: try parts.configuration.integer("MAX_MESSAGE_BYTES"),
        eraseFiles: parts.eraseUserFiles
    ).register(on: router)
    return router
}

/// The whole service: HTTP server, PostgreSQL client, cache listener; migrations run before it serves.
public func buildApplication(_ parts: ServiceParts) throws -> some ApplicationProtocol {
    let configuration = parts.configuration
    var app = Application(
        router: try buildRouter(parts),
        configuration: .init(address: .hostname(configuration.host, port: try configuration.port()), serverName: "PersonalMem"),
        services: [
            parts.postgres,
            ProfileChangeListener(client: parts.postgres, cache: parts.profileMemory.cache, logger: parts.logger),
        ],
        logger: parts.logger)
    let migrator = Migrator(directory: configuration.migrationsDirectory, client: parts.postgres, logger: parts.logger)
    app.beforeServerStarts {
        try await migrator.migrate()
        parts.logger.info("extraction", metadata: ["extractor": "\(parts.profileMemory.extractor.name)"])
    }
    return app
}

extension ServiceParts {
    /// Runs `body` with the PostgreSQL client running, for one-shot commands.
    public func withDatabase(_ body: @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await postgres.run() }
            defer { group.cancelAll() }
            try await body()
        }
    }
}
