import Foundation
import Logging

/// The users' conversation memory as a service: search, optimise, stats, browse, export/import and
/// delete. Everything about one user's memory (vectors, FAISS index, meta, BM25 keyword index,
/// access statistics, conversation logs) is owned by that user's ``UserMemoryStore`` and touched
/// only under its turn (``UserMemoryStores``); blocking work runs on NIO's thread pool.
/// The chat pipeline (``ChatPipeline``) uses it for retrieval.
public struct ConversationMemory: Sendable {
    public let stores: UserMemoryStores
    public let embedder: any Embedder
    public let profiles: ProfileMemory
    public let defaults: ChatKnobs
    public let ranking: RankingOptions
    /// Labels a memory's kind (fact, preference, constraint, ...) when it is made.
    package let classifier = MemoryClassifier()
    let logger: Logger

    public init(
        stores: UserMemoryStores, embedder: any Embedder, profiles: ProfileMemory, defaults: ChatKnobs = ChatKnobs(),
        ranking: RankingOptions = RankingOptions(), logger: Logger
    ) {
        self.stores = stores
        self.embedder = embedder
        self.profiles = profiles
        self.defaults = defaults
        self.ranking = ranking
        self.logger = logger
    }
}
