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
        // The pass before the generation: a delete revokes passes again after it has raised the
        // generation (under the user's turn, before it removes the files: `eraseUser`), so a
        // generation read that misses a delete belongs to a chat whose pass that delete revokes, and
        // the chat records nothing after it. The read (usually from the profile cache) then runs
        // beside the embedding and retrieval.
        let pass = memory.stores.fence.admit(userID)
        async let generationRead = profiles.generation(userID)
        let queryVector = try await memory.embedder.embed([message]).first ?? []
        let memory = self.memory
        let gating = knobs.useGate && model != nil
        // Without the gate only the first `gateKeepMax` candidates can reach the prompt, so only they
        // are read, and they are the ones used: their access is noted in the same turn.
        let readMax = gating ? Int.max : max(0, knobs.gateKeepMax)
        let (recent, found, candidates) = try await memory.stores.withStoreOffloaded(userID: userID, pass: pass) { store in
            // Opening a log creates it; a conversation with no turns yet is not opened, so a dry run stores nothing.
            let exists = try store.hasConversation(conversationID)
            let recent = exists ? try store.conversation(conversationID).last(knobs.recentTurns) : []
            let searchStarted = ContinuousClock.now
            // Dense and keyword candidates ordered by the hybrid score (RETRIEVAL_METHOD chooses).
            let ranked = try memory.rankCandidates(
                store: store, query: message, queryVector: queryVector, limit: knobs.candidateN, maxCosineDistance: knobs.maxCosineDistance)
            let found = Candidates(ranked, limit: knobs.candidateN, conversationID: conversationID, recent: recent)
            let read = try ranked.memories(found.fresh.prefix(readMax), store: store)
            ServiceMetrics.recordRetrieval(since: searchStarted)
            if !gating { store.noteAccess(ids: read.map(\.record.memoryID)) }
            return (recent, found, read.map { ScoredMemory(record: $0.record, score: Float($0.score.total)) })
        }
        usage.recentTurnIDs = recent.map(\.turnID)
        usage.candidates = found.count
        usage.droppedAsRecent = found.droppedAsRecent
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
        if gating, !used.isEmpty {
            try await memory.stores.withStore(userID: userID, pass: pass) { store in store.noteAccess(ids: used) }
        }
        let generation = try await generationRead

        let profile = try await profiles.profile(userID)
        let catalog = profiles.catalog
        usage.profileFields = profile.profile.keys.sorted { (catalog.position(of: $0), $0) < (catalog.position(of: $1), $1) }
        let messages = PromptBuilder(prompts: prompts, cutoff: knobs.memoryLengthCutoffChars, now: Date()).build(
            profileContext: profile.context, summaries: usage.summaries, replayed: replayed, recent: recent, message: message)
        return PreparedChat(
            userID: userID, conversationID: conversationID, userMessage: message, messages: messages, usage: usage, knobs: knobs,
            pass: pass, generation: generation)
    }

    /// The first `limit` ranked candidates, less those of the recent window (sent as they are).
    private struct Candidates: Sendable {
        let count: Int
        let fresh: [HybridScore]
        var droppedAsRecent: Int { count - fresh.count }

        init(_ ranked: RankedCandidates, limit: Int, conversationID: String, recent: [ConversationTurn]) {
            let top = ranked.scores.prefix(max(0, limit))
            let recentTurns = Set(recent.map(\.turnID))
            count = top.count
            fresh = top.filter { score in
                guard let facts = ranked.facts[score.id] else { return true }
                return !(facts.convID == conversationID && recentTurns.contains(facts.turnID))
            }
        }
    }
}
