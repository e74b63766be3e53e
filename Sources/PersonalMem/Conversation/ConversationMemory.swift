import Foundation
import Logging

/// Conversation memory: assembles each prompt from the recent window, retrieved memories
/// (gated and reranked by the model when one is configured), and the user's profile; after the
/// answer, logs the turn, summarises and embeds it into the user's index, and extracts profile facts.
public struct ConversationMemory: Sendable {
    public let stores: UserMemoryStores
    public let embedder: any Embedder
    public let llm: OpenAICompatibleClient?
    public let profiles: ProfileMemory
    public let prompts: ChatPrompts
    public let defaults: ChatKnobs
    public let ranking: RankingOptions
    /// Turns shorter than this (user and assistant text together) are logged but not indexed.
    public let minMessageLength: Int
    let keywordIndexes = KeywordIndexes()
    let classifier = MemoryClassifier()
    let logger: Logger

    public init(
        stores: UserMemoryStores, embedder: any Embedder, llm: OpenAICompatibleClient?, profiles: ProfileMemory,
        prompts: ChatPrompts = ChatPrompts(), defaults: ChatKnobs = ChatKnobs(), ranking: RankingOptions = RankingOptions(),
        minMessageLength: Int = 0, logger: Logger
    ) {
        self.stores = stores
        self.embedder = embedder
        self.llm = llm
        self.profiles = profiles
        self.prompts = prompts
        self.defaults = defaults
        self.ranking = ranking
        self.minMessageLength = minMessageLength
        self.logger = logger
    }

    /// Steps 1–6: recent window, retrieval, de-duplication, gate, rerank, prompt.
    public func prepare(userID: String, conversationID: String, message: String, knobs: ChatKnobs) async throws -> PreparedChat {
        var usage = MemoryUsage()
        // The generation before the pass: a delete revokes passes before it raises the generation
        // (`eraseUser`), so a chat that began before a delete holds a revoked pass and a stale
        // generation, and records nothing after it.
        let generation = try await profiles.store.generation(userID)
        let pass = stores.fence.admit(userID)
        let queryVector = try await embedder.embed([message]).first ?? []
        let (recent, found) = try await stores.withStore(userID: userID, pass: pass) { store in
            // Opening a log creates it; a conversation with no turns yet is not opened, so a dry run stores nothing.
            let exists = try store.conversations().contains { $0.conversationID == conversationID }
            let recent = exists ? try store.conversation(conversationID).last(knobs.recentTurns) : []
            let searchStarted = ContinuousClock.now
            // Dense and keyword candidates ordered by the hybrid score (RETRIEVAL_METHOD chooses).
            let found = try rank(
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
        if knobs.useGate, let llm, !kept.isEmpty {
            (kept, usage.gateFallback) = await gate(kept, message: message, keepMax: knobs.gateKeepMax, llm: llm)
        } else {
            kept = Array(kept.prefix(max(0, knobs.gateKeepMax)))
        }
        var replayed: [ScoredMemory]
        if knobs.useRerank, let llm, kept.count > knobs.retrieveK {
            (replayed, usage.rerankFallback) = await rerank(kept, message: message, k: knobs.retrieveK, llm: llm)
        } else {
            replayed = Array(kept.prefix(max(0, knobs.retrieveK)))
        }
        let replayedIDs = Set(replayed.map(\.record.memoryID))
        usage.replayed = replayed
        usage.summaries = kept.filter { !replayedIDs.contains($0.record.memoryID) }
        let used = kept.map(\.record.memoryID)
        if !used.isEmpty {
            try await stores.withStore(userID: userID, pass: pass) { store in store.noteAccess(ids: used) }
        }

        let profile = try await profiles.profile(userID)
        usage.profileFields = profile.profile.keys.sorted { (profiles.catalog.position(of: $0), $0) < (profiles.catalog.position(of: $1), $1) }
        let messages = PromptBuilder(prompts: prompts, cutoff: knobs.memoryLengthCutoffChars, now: Date()).build(
            profileContext: profile.context, summaries: usage.summaries, replayed: replayed, recent: recent, message: message)
        return PreparedChat(
            userID: userID, conversationID: conversationID, userMessage: message, messages: messages, usage: usage, knobs: knobs,
            pass: pass, generation: generation)
    }

    /// Step 7, after the answer: log the turn, summarise, embed, index, and extract profile facts.
    /// The turn is in the log (flushed) before this returns.
    /// Returns the new memory, or nil when the turn was too short to index (`minMessageLength`) or
    /// the user was deleted since the chat began (then nothing more is stored: delete wins).
    @discardableResult
    public func record(_ prepared: PreparedChat, answer: String) async throws -> MemoryRecord? {
        do {
            return try await recordNow(prepared, answer: answer)
        } catch is UserDeleted {
            logger.info("user deleted while answering; the turn is not stored")
            return nil
        }
    }

    private func recordNow(_ prepared: PreparedChat, answer: String) async throws -> MemoryRecord? {
        let turn = try await stores.withStore(userID: prepared.userID, pass: prepared.pass) { store in
            try store.conversation(prepared.conversationID).append(user: prepared.userMessage, assistant: answer)
        }
        var record: MemoryRecord?
        if prepared.userMessage.count + answer.count >= minMessageLength {
            let summary = await summarise(user: prepared.userMessage, assistant: answer, cutoff: prepared.knobs.memoryLengthCutoffChars)
            let (kind, confidence) = classifier.classify(user: prepared.userMessage, assistant: answer)
            let speaker = (try? await profiles.profile(prepared.userID))?.profile["name"]?.displayText ?? prepared.userID
            let draft = MemoryDraft(
                convID: prepared.conversationID, turnID: turn.turnID, ts: turn.ts, summary: summary, rawUser: prepared.userMessage,
                rawAssistant: answer, kind: kind.rawValue, confidence: confidence, speaker: speaker)
            let vector = try await embedder.embed([MemoryText.indexed(summary: summary, speaker: speaker, date: turn.ts)]).first ?? []
            let keywordIndexes = self.keywordIndexes
            record = try await stores.withStore(userID: prepared.userID, pass: prepared.pass) { store in
                let added = try store.add(draft, vector: vector)
                // Under the user's turn, so a delete's drop of the index cannot slip in between.
                keywordIndexes.add(added, for: prepared.userID)
                return added
            }
        }
        do {
            _ = try await profiles.submit(
                userID: prepared.userID, message: prepared.userMessage, conversationID: prepared.conversationID,
                expectedGeneration: prepared.generation)
        } catch is UserDeleted {
            throw UserDeleted()
        } catch {
            // The turn is safe; the message stays stored for `extract-pending`.
            logger.warning("profile extraction after chat failed", metadata: ["error": "\(type(of: error))"])
        }
        return record
    }

    /// A model summary of the exchange; without a model (or when it fails) the exchange itself, cut.
    func summarise(user: String, assistant: String, cutoff: Int) async -> String {
        let exchange = "User: \(user)\nAssistant: \(assistant)"
        if let llm {
            let request = ChatRequest(messages: [.system(prompts.summary), .user(exchange)], temperature: 0, maxTokens: 200)
            if let reply = try? await llm.chat(request) {
                let text = reply.content.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { return String(text.prefix(cutoff)) }
            }
            logger.warning("summary failed; storing the exchange itself")
        }
        return String(exchange.prefix(cutoff))
    }
}
