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
