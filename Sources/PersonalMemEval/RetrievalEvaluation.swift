import Foundation
import PersonalMem

/// `personalmem eval`: ingests each benchmark conversation into a fresh user through the memory
/// path the chat pipeline uses (indexed text with date and speaker, the configured embedder in
/// batches, the per-user store and keyword index), then asks every question with dense, keyword
/// and hybrid ranking and records any@k and recall@k of the evidence. The users are deleted afterwards.
public struct RetrievalEvaluation: Sendable {
    let memory: ConversationMemory
    let batchSize: Int

    public init(memory: ConversationMemory, batchSize: Int = 64) {
        self.memory = memory
        self.batchSize = max(1, batchSize)
    }

    /// What to evaluate.
    public struct Options: Sendable {
        /// The cut-offs measured; the largest is also how many ids each method returns per question.
        public var ks: [Int] = [1, 5, 10]
        /// Question categories to ask (nil: all).
        public var categories: Set<String>?
        /// Called with each question's result (for `--details`).
        public var onResult: (@Sendable (QuestionResult) -> Void)?

        public init(ks: [Int] = [1, 5, 10], categories: Set<String>? = nil, onResult: (@Sendable (QuestionResult) -> Void)? = nil) {
            self.ks = ks
            self.categories = categories
            self.onResult = onResult
        }
    }

    /// One question's outcome: its evidence and the ranked turn ids of each method.
    public struct QuestionResult: Sendable, Codable {
        public var conversation: String
        public var id: String
        public var category: String
        public var question: String
        public var evidence: [String]
        /// Method name → the top turn ids, best first.
        public var ranked: [String: [String]]
        /// Method name → 1-based rank of the first evidence turn among them, nil when none is there.
        public var firstHit: [String: Int?]
    }

    public func run(_ dataset: EvalDataset, ks: [Int] = [1, 5, 10], progress: @Sendable (String) -> Void = { _ in }) async throws -> RecallEvaluator {
        try await run(dataset, options: Options(ks: ks), progress: progress)
    }

    public func run(_ dataset: EvalDataset, options: Options, progress: @Sendable (String) -> Void = { _ in }) async throws -> RecallEvaluator {
        var evaluator = RecallEvaluator(ks: options.ks)
        // Recency, frequency and confidence priors off: the questions' "now" is long after the conversations.
        let ranking = memory.ranking.withoutPriors(for: memory.embedder)
        let limit = options.ks.max() ?? 10
        let started = ContinuousClock.now
        for (position, conversation) in dataset.conversations.enumerated() {
            let questions = conversation.questions.filter {
                (!$0.evidenceTurnIDs.isEmpty || !$0.evidenceSessionIDs.isEmpty) && (options.categories?.contains($0.category) ?? true)
            }
            guard !questions.isEmpty else { continue }
            let userID = "eval-\(UUID().uuidString.prefix(8).lowercased())-\(position)"
            let turnOfMemory = try await ingest(conversation, userID: userID)
            let sessionOfTurn = conversation.sessionIDsByTurnID()
            let lastDate = conversation.sessions.compactMap(\.date).max() ?? Date()
            let vectors = try await embed(questions.map(\.question))
            for (question, vector) in zip(questions, vectors) {
                let now = question.date ?? lastDate
                var result = QuestionResult(
                    conversation: conversation.id, id: question.id, category: question.category, question: question.question,
                    evidence: question.evidenceTurnIDs.isEmpty ? question.evidenceSessionIDs : question.evidenceTurnIDs, ranked: [:], firstHit: [:])
                for method in RankingOptions.Method.allCases {
                    let ranked = try await memory.stores.withStore(userID: userID) { store in
                        try memory.rank(
                            store: store, userID: userID, query: question.question, queryVector: vector, limit: limit, maxCosineDistance: nil,
                            method: method, now: now, options: ranking)
                    }
                    let turnIDs = ranked.compactMap { turnOfMemory[$0.record.memoryID] }
                    evaluator.record(method: method.rawValue, question: question, rankedTurnIDs: turnIDs, sessionOfTurn: sessionOfTurn)
                    result.ranked[method.rawValue] = turnIDs
                    let wanted = Set(question.evidenceTurnIDs)
                    let wantedSessions = Set(question.evidenceSessionIDs)
                    let hit = turnIDs.firstIndex { wanted.isEmpty ? wantedSessions.contains(sessionOfTurn[$0] ?? "") : wanted.contains($0) }
                    result.firstHit[method.rawValue] = hit.map { $0 + 1 }
                }
                options.onResult?(result)
            }
            try await memory.stores.deleteUser(userID)
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
