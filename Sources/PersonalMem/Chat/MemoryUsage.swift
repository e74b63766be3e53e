/// Exactly what the pipeline put into one prompt, returned to the client with the answer.
public struct MemoryUsage: Sendable, Equatable {
    /// Turn ids of the current conversation sent as the recent window.
    public var recentTurnIDs: [Int] = []
    /// Memories replayed as whole turns.
    public var replayed: [ScoredMemory] = []
    /// Memories given as one-line summaries.
    public var summaries: [ScoredMemory] = []
    /// Profile fields in the prompt.
    public var profileFields: [String] = []
    /// Candidates the index returned.
    public var candidates = 0
    /// Candidates dropped because their turn was already in the recent window.
    public var droppedAsRecent = 0
    /// The gate's reply could not be read and the first candidates were kept instead.
    public var gateFallback = false
    /// The rerank reply could not be read and the first candidates were replayed instead.
    public var rerankFallback = false

    public init() {}
}

/// A prompt assembled for one user message, ready to send to the model.
public struct PreparedChat: Sendable {
    public let userID: String
    public let conversationID: String
    public let userMessage: String
    public let messages: [ChatMessage]
    public let usage: MemoryUsage
    public let knobs: ChatKnobs
    /// Taken when the chat began: a delete of the user since then means the answer is not recorded.
    let pass: UserPass?
    /// The user's database generation when the chat began (see ``ProfileStore/generation(_:)``).
    let generation: Int64
}

/// What became of an answered turn's bookkeeping, told to the client as `memory.indexing`.
public enum TurnIndexing: Sendable, Equatable {
    /// The turn is in its conversation log and its `record_turn` job is committed: summary,
    /// embedding, index and profile extraction follow (the job resumes after a restart).
    case queued(jobID: Int64)
    /// The user was deleted while the answer was produced: nothing was stored.
    case skipped
    /// The turn could not be logged or its job not queued (the answer is still given).
    case failed

    /// `queued`, `skipped` or `failed`.
    public var status: String {
        switch self {
        case .queued: "queued"
        case .skipped: "skipped"
        case .failed: "failed"
        }
    }

    /// The job to follow (`GET /jobs/{id}`), when queued.
    public var jobID: Int64? {
        if case .queued(let id) = self { return id }
        return nil
    }
}
