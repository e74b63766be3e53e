/// How often and when a failed job is tried again, and how long a running job may go without a
/// heartbeat before another worker takes it over.
public struct JobRetryPolicy: Sendable {
    /// Attempts before a job is marked failed.
    public var maxAttempts: Int
    /// Attempts in a row failing the same way (other than a passing outage, see
    /// `transientKinds`) before a job is marked failed however many attempts it has left.
    public var maxSameFailures: Int
    /// Failure kinds that say nothing about the job's input (the model or database was away):
    /// they use up attempts but do not end a job early.
    public var transientKinds: Set<String> = ["llm_unavailable", "embedder_unavailable", "database_unavailable", "storage_busy"]
    /// Wait before the second attempt; it doubles for each further one.
    public var firstBackoff: Duration
    /// Longest wait between attempts.
    public var maxBackoff: Duration
    /// A running job whose heartbeat is older than this goes back to the queue.
    public var lease: Duration

    public init(
        maxAttempts: Int = 5, maxSameFailures: Int = 3, firstBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(600),
        lease: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.maxSameFailures = max(1, maxSameFailures)
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
        self.lease = lease
    }

    /// Whether a job whose attempt just failed with `kind` (the `streak`-th such failure in a
    /// row) is tried again.
    public func retries(attempt: Int, kind: String, streak: Int, retryable: Bool) -> Bool {
        retryable && attempt < maxAttempts && (transientKinds.contains(kind) || streak < maxSameFailures)
    }

    /// Wait after the given (1-based) failed attempt.
    /// Doubles step by step and stops at `maxBackoff`, so no attempt count or first wait overflows.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        var delay = firstBackoff
        for _ in 0..<min(max(attempt - 1, 0), 62) where delay < maxBackoff { delay = delay * 2 }
        return delay < maxBackoff ? delay : maxBackoff
    }
}
