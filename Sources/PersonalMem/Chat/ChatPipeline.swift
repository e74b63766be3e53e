import Foundation
import Logging

/// The chat pipeline: prepares each prompt from the recent window, retrieved memories (gated and
/// reranked by the model when one is configured) and the user's profile; after the answer, logs
/// the turn and queues its bookkeeping (summary, embedding, index, profile extraction) as a
/// durable `record_turn` job, so the answer does not wait for it.
public struct ChatPipeline: Sendable {
    /// The users' conversation memory (stores, retrieval, delete).
    public let memory: ConversationMemory
    /// The model that answers, gates, reranks and summarises; nil runs dry runs only.
    public let model: (any ChatModel)?
    public let jobs: JobQueue
    public let prompts: ChatPrompts
    /// Turns shorter than this (user and assistant text together) are logged but not indexed.
    public let minMessageLength: Int
    let logger: Logger

    public init(
        memory: ConversationMemory, model: (any ChatModel)?, jobs: JobQueue, prompts: ChatPrompts = ChatPrompts(),
        minMessageLength: Int = 0, logger: Logger
    ) {
        self.memory = memory
        self.model = model
        self.jobs = jobs
        self.prompts = prompts
        self.minMessageLength = minMessageLength
        self.logger = logger
    }

    public var defaults: ChatKnobs { memory.defaults }
    var profiles: ProfileMemory { memory.profiles }

    /// Steps 1–6: recent window, retrieval, de-duplication, gate, rerank, prompt.
    public func prepare(userID: String, conversationID: String, message: String, knobs: ChatKnobs) async throws -> PreparedChat {
        var usage = MemoryUsage()
        // The generation before the pass: a delete revokes passes before it raises the generation
        // (`eraseUser`), so a chat that began before a delete holds a revoked pass and a stale
        // generation, and records nothing after it.
        // The query's embedding and the generation's read run side by side.
        async let embedded = memory.embedder.embed([message])
        let generation = try await profiles.repository.generation(userID)
        let pass = memory.stores.fence.admit(userID)
        let queryVector = try await embedded.first ?? []
        let memory = self.memory
        let (recent, found) = try await memory.stores.withStoreOffloaded(userID: userID, pass: pass) { store in
            // Opening a log creates it; a conversation with no turns yet is not opened, so a dry run stores nothing.
            let exists = try store.conversations().contains { $0.conversationID == conversationID }
            let recent = exists ? try store.conversation(conversationID).last(knobs.recentTurns) : []
            let searchStarted = ContinuousClock.now
            // Dense and keyword candidates ordered by the hybrid score (RETRIEVAL_METHOD chooses).
            let found = try memory.rank(
                store: store, userID: userID, query: message, queryVector: queryVector, limit: knobs.candidateN,
                maxCosineDistance: knobs.maxCosineDistance)
            ServiceMetrics.recordRetrieval(since: searchStarted)
            return (recent, found.map { ScoredMemory(record: $0.record, score: Float($0.score.total)) })
        }
        usage.recentTurnIDs = recent.map(\.turnID)
        usage.candidates = found.count
        let recentKeys = Set(recent.map(\.turnID))
        var candidates = found
        let beforeDedup = candidates.count
        candidates.removeAll { $0.record.convID == conversationID && recentKeys.contains($0.record.turnID) }
        usage.droppedAsRecent = beforeDedup - candidates.count

        var kept = candidates
        if knobs.useGate, let model, !kept.isEmpty {
            (kept, usage.gateFallback) = await gate(kept, message: message, keepMax: knobs.gateKeepMax, llm: model)
        } else {
            kept = Array(kept.prefix(max(0, knobs.gateKeepMax)))
        }
        var replayed: [ScoredMemory]
        if knobs.useRerank, let model, kept.count > knobs.retrieveK {
            (replayed, usage.rerankFallback) = await rerank(kept, message: message, k: knobs.retrieveK, llm: model)
        } else {
            replayed = Array(kept.prefix(max(0, knobs.retrieveK)))
        }
        let replayedIDs = Set(replayed.map(\.record.memoryID))
        usage.replayed = replayed
        usage.summaries = kept.filter { !replayedIDs.contains($0.record.memoryID) }
        let used = kept.map(\.record.memoryID)
        if !used.isEmpty {
            try await memory.stores.withStore(userID: userID, pass: pass) { store in store.noteAccess(ids: used) }
        }

        let profile = try await profiles.profile(userID)
        let catalog = profiles.catalog
        usage.profileFields = profile.profile.keys.sorted { (catalog.position(of: $0), $0) < (catalog.position(of: $1), $1) }
        let messages = PromptBuilder(prompts: prompts, cutoff: knobs.memoryLengthCutoffChars, now: Date()).build(
            profileContext: profile.context, summaries: usage.summaries, replayed: replayed, recent: recent, message: message)
        return PreparedChat(
            userID: userID, conversationID: conversationID, userMessage: message, messages: messages, usage: usage, knobs: knobs,
            pass: pass, generation: generation)
    }
}
