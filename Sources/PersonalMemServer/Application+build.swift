import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import PersonalMem
import PostgresNIO
import ServiceLifecycle

public enum PersonalMemServer {
    public static let version = "0.1.0"
}

/// Everything the routes use, built once from the configuration.
public struct ServiceParts: Sendable {
    public let configuration: ServiceConfiguration
    public let postgres: PostgresClient
    /// The client with the deadline every query runs under; the repositories and the job queue share it.
    public let database: Database
    public let profileMemory: ProfileMemory
    public let conversationMemory: ConversationMemory
    public let chatPipeline: ChatPipeline
    public let llm: (any ChatModel)?
    public let jobs: JobQueue
    public let logger: Logger

    /// Builds every part. With a remote embedder and `EMBEDDING_DIMS=0`, one embedding call
    /// learns the dimension before the stores open.
    public init(configuration: ServiceConfiguration, logger: Logger) async throws {
        guard let databaseURL = configuration.databaseURL else {
            throw ConfigurationError("DATABASE_URL is not set. `scripts/run` starts a project-local PostgreSQL and sets it for you.")
        }
        PrometheusExport.bootstrap()
        self.configuration = configuration
        self.logger = logger
        self.postgres = PostgresClient(
            configuration: try DatabaseURL.configuration(from: databaseURL, poolSize: try configuration.integer("DB_POOL_SIZE")),
            backgroundLogger: logger)
        let endpoint = try configuration.llmEndpoint()
        let client = endpoint.map { OpenAICompatibleClient(endpoint: $0, http: .shared, logger: logger) }
        self.llm = client
        let extractor: any FactExtractor = client.map { LLMExtractor(model: $0) } ?? RuleExtractor()
        let database = Database(client: postgres, logger: logger, deadline: .seconds(try configuration.integer("DB_TIMEOUT_SECONDS")))
        self.database = database
        let cache = ProfileCache(capacity: Int(configuration["PROFILE_CACHE_SIZE"]) ?? 200_000)
        self.profileMemory = ProfileMemory(
            repository: PostgresProfileRepository(database: database), messages: PostgresMessageRepository(database: database), cache: cache,
            extractor: extractor, logger: logger)
        self.jobs = JobQueue(
            database: database, policy: try configuration.jobRetryPolicy(), storageID: try StorageIdentity.id(of: configuration.storageDirectory))

        let embedder = try await configuration.makeEmbedder(logger: logger)
        let storeConfiguration = UserMemoryStore.Configuration(
            embeddingModel: embedder.model, embeddingDims: embedder.dims ?? 384, indexKind: try configuration.indexKind(),
            hnswM: try configuration.integer("HNSW_M"), snapshotEvery: try configuration.integer("SNAPSHOT_EVERY"),
            onWarning: { warning in logger.warning("memory store", metadata: ["detail": "\(warning)"]) })
        MemoryIndex.setThreads(try configuration.integer("FAISS_THREADS"))
        MemoryIndex.useBLASForSingleQueries()
        let stores = UserMemoryStores(layout: UserDirectory(root: configuration.storageDirectory), configuration: storeConfiguration)
        self.conversationMemory = ConversationMemory(
            stores: stores, embedder: embedder, profiles: profileMemory, defaults: try configuration.chatKnobs(),
            ranking: try configuration.rankingOptions(), logger: logger)
        self.chatPipeline = ChatPipeline(
            memory: conversationMemory, model: llm, jobs: jobs, prompts: configuration.chatPrompts,
            minMessageLength: try configuration.integer("MIN_MESSAGE_LENGTH"), logger: logger)
    }

    /// Removes the user's files under STORAGE_DIR (conversation memory).
    @Sendable public func eraseUserFiles(_ userID: String) async throws {
        try await conversationMemory.deleteUser(userID)
    }

    /// Deletes everything about the user (rows, files, in-memory state) so that work under way
    /// stores nothing afterwards; returns how many rows went.
    @Sendable public func eraseUser(_ userID: String) async throws -> Int {
        try await conversationMemory.eraseUser(userID)
    }
}

/// The router with every route and middleware; tests call this directly.
public func buildRouter(_ parts: ServiceParts) throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: APIKeyMiddleware(keys: parts.configuration.apiKeys, frontendDirectory: parts.configuration.frontendDirectory))
    router.add(
        middleware: BodyLimitMiddleware(
            maxBodyBytes: try parts.configuration.positiveInteger("MAX_BODY_BYTES"),
            maxImportBytes: try parts.configuration.positiveInteger("MAX_IMPORT_BYTES")))
    router.add(middleware: FileMiddleware(parts.configuration.frontendDirectory, searchForIndexHtml: true, logger: parts.logger))
    HealthController(
        memory: parts.profileMemory, database: parts.database, storageDirectory: parts.configuration.storageDirectory, llm: parts.llm,
        embedder: parts.conversationMemory.embedder.model
    ).register(on: router)
    ProfileController(
        memory: parts.profileMemory, jobs: parts.jobs, maxMessageBytes: try parts.configuration.integer("MAX_MESSAGE_BYTES"),
        eraseUser: parts.eraseUser
    ).register(on: router)
    ChatController(pipeline: parts.chatPipeline, maxMessageBytes: try parts.configuration.integer("MAX_MESSAGE_BYTES")).register(on: router)
    MemoryController(conversations: parts.conversationMemory, profiles: parts.profileMemory).register(on: router)
    JobController(queue: parts.jobs).register(on: router)
    MetricsController().register(on: router)
    return router
}

/// The whole service: HTTP server, PostgreSQL client, cache listener, job workers; migrations run
/// before it serves and before the workers claim their first job.
public func buildApplication(_ parts: ServiceParts) throws -> some ApplicationProtocol {
    let configuration = parts.configuration
    var services: [any Service] = [
        parts.postgres,
        ProfileChangeListener(client: parts.postgres, cache: parts.profileMemory.cache, logger: parts.logger),
    ]
    let (ready, readySignal) = AsyncStream.makeStream(of: Void.self)
    let workers = try configuration.jobWorkers()
    if workers > 0 {
        services.append(
            JobWorker(queue: parts.jobs, memory: parts.profileMemory, chat: parts.chatPipeline, workers: workers, ready: ready, logger: parts.logger))
    }
    var app = Application(
        router: try buildRouter(parts),
        configuration: .init(address: .hostname(configuration.host, port: try configuration.port()), serverName: "PersonalMem"),
        services: services,
        logger: parts.logger)
    let migrator = Migrator(directory: configuration.migrationsDirectory, client: parts.postgres, logger: parts.logger)
    let migrateOnStart = configuration["MIGRATE_ON_START"] != "false"
    app.beforeServerStarts {
        if migrateOnStart { try await migrator.migrate() }
        readySignal.finish()
        parts.logger.info(
            "ready",
            metadata: [
                "extractor": "\(parts.profileMemory.extractor.name)", "embedder": "\(parts.conversationMemory.embedder.model)",
                "llm": "\(parts.llm?.modelName ?? "none")",
            ])
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
