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
