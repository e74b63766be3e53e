/// Per-request settings of the conversation-memory pipeline; defaults come from configuration
/// and each can be overridden in a request's `metadata`.
public struct ChatKnobs: Sendable, Equatable {
    /// Turns of the current conversation sent as they are.
    public var recentTurns = 6
    /// Memories fetched from the index before filtering.
    public var candidateN = 60
    /// Memories replayed as whole user/assistant turns.
    public var retrieveK = 5
    /// Let the model drop irrelevant candidates.
    public var useGate = true
    /// Most candidates the gate may keep.
    public var gateKeepMax = 30
    /// Let the model choose which kept memories to replay.
    public var useRerank = true
    /// Candidates farther than this (1 - cosine similarity) are dropped; nil keeps all.
    public var maxCosineDistance: Double? = nil
    /// Replayed turns and summaries are cut at this many characters.
    public var memoryLengthCutoffChars = 1000
    public var temperature = 0.3
    public var maxTokens = 768

    public init() {}
}

/// The words of the pipeline's own prompts; each can be replaced by configuration.
public struct ChatPrompts: Sendable, Equatable {
    public var system = "You are a helpful assistant with long-term memory of this user. Use what you remember when it helps, and never invent memories."
    public var summary = "Summarise this exchange in one to three sentences of durable facts about the user (preferences, plans, people, events, decisions). Write plain sentences, no preamble."
    public var gate = """
        You filter memories for relevance. Given the user's new message and numbered candidate memories, \
        keep those that could help answer it. Reply with JSON only: {"keep_ids": [ids], "drop_ids": [ids]}.
        """
    public var rerank = """
        You rank memories. Given the user's new message and numbered memories, choose the ones most worth \
        replaying in full, best first. Reply with JSON only: {"top_ids": [ids]}.
        """
    /// One summary-only memory line. Placeholders: {date}, {time_difference} ("3 days ago"), {speaker}, {summary}.
    public var summaryTemplate = "- ({date}) {summary}"
    public var summaryHeader = "Relevant memories from earlier conversations (summaries):"
    public var replayHeader = "The following are earlier conversation turns with this user, replayed for context."

    public init() {}
}
