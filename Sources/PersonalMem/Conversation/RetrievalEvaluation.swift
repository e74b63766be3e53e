import Foundation

/// `personalmem eval`: ingests each benchmark conversation into a fresh user through the memory
/// path the chat pipeline uses (indexed text with date and speaker, the configured embedder in
/// batches, the per-user store and keyword index), then asks every question with dense, keyword
/// and hybrid ranking and records recall@k of the evidence. The users are deleted afterwards.
public struct RetrievalEvaluation: Sendable {
    let memory: ConversationMemory
    let batchSize: Int

    public init(memory: ConversationMemory, batchSize: Int = 64) {
        self.memory = memory
        self.batchSize = max(1, batchSize)
    }

    public func run(_ dataset: EvalDataset, ks: [Int] = [1, 5, 10], progress: @Sendable (String) -> Void = { _ in }) async throws -> RecallEvaluator {
        var evaluator = RecallEvaluator(ks: ks)
        let limit = ks.max() ?? 10
        let started = ContinuousClock.now
        for (position, conversation) in dataset.conversations.enumerated() {
            let userID = "eval-\(UUID().uuidString.prefix(8).lowercased())-\(position)"
            let turnOfMemory = try await ingest(conversation, userID: userID)
            let sessionOfTurn = conversation.sessionIDsByTurnID()
            let lastDate = conversation.sessions.compactMap(\.date).max() ?? Date()
            let questions = conversation.questions.filter { !$0.evidenceTurnIDs.isEmpty || !$0.evidenceSessionIDs.isEmpty }
            let vectors = try await embed(questions.map(\.question))
            for (question, vector) in zip(questions, vectors) {
                let now = question.date ?? lastDate
                for method in RankingOptions.Method.allCases {
                    let ranked = try await memory.stores.withStore(userID: userID) { store in
                        try memory.rank(
                            store: store, userID: userID, query: question.question, queryVector: vector, limit: limit, maxCosineDistance: nil,
                            method: method, now: now)
                    }
                    let turnIDs = ranked.compactMap { turnOfMemory[$0.record.memoryID] }
                    evaluator.record(method: method.rawValue, question: question, rankedTurnIDs: turnIDs, sessionOfTurn: sessionOfTurn)
                }
            }
            try await memory.stores.deleteUser(userID)
            memory.keywordIndexes.drop(userID)
            let elapsed = ContinuousClock.now - started
            progress("conversation \(position + 1)/\(dataset.conversations.count): \(turnOfMemory.count) turns, \(questions.count) questions, \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))) so far")
        }
        return evaluator
    }

    /// Adds every turn as a memory; returns memory id → benchmark turn id.
    func ingest(_ conversation: EvalConversation, userID: String) async throws -> [Int64: String] {
        var drafts: [(draft: MemoryDraft, turnID: String, text: String)] = []
        let fallbackStart = Date(timeIntervalSince1970: 1_600_000_000)
        for (sessionIndex, session) in conversation.sessions.enumerated() {
            let date = session.date ?? fallbackStart.addingTimeInterval(Double(sessionIndex) * 86_400)
            for (index, turn) in session.turns.enumerated() {
                let (kind, confidence) = memory.classifier.classify(user: turn.text, assistant: "")
                let draft = MemoryDraft(
                    convID: session.id, turnID: index + 1, ts: date.addingTimeInterval(Double(index)), summary: turn.text,
                    rawUser: "\(turn.speaker): \(turn.text)", rawAssistant: "", kind: kind.rawValue, confidence: confidence, speaker: turn.speaker)
                drafts.append((draft, turn.id, MemoryText.indexed(summary: turn.text, speaker: turn.speaker, date: draft.ts)))
            }
        }
        var turnOfMemory: [Int64: String] = [:]
        for start in stride(from: 0, to: drafts.count, by: batchSize) {
            let batch = Array(drafts[start..<min(start + batchSize, drafts.count)])
            let vectors = try await memory.embedder.embed(batch.map(\.text))
            let items = zip(batch, vectors).map { (draft: $0.draft, vector: $1) }
            let records = try await memory.stores.withStore(userID: userID) { store in try store.add(items) }
            for (record, item) in zip(records, batch) { turnOfMemory[record.memoryID] = item.turnID }
        }
        return turnOfMemory
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            vectors += try await memory.embedder.embed(Array(texts[start..<min(start + batchSize, texts.count)]))
        }
        return vectors
    }
}
