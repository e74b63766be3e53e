/// How often and when a failed job is tried again, and how long a running job may go without a
/// heartbeat before another worker takes it over.
public struct JobRetryPolicy: Sendable {
    /// Attempts before a job is marked failed.
    public var maxAttempts: Int
    /// Wait before the second attempt; it doubles for each further one.
    public var firstBackoff: Duration
    /// Longest wait between attempts.
    public var maxBackoff: Duration
    /// A running job whose heartbeat is older than this goes back to the queue.
    public var lease: Duration

    public init(
        maxAttempts: Int = 5, firstBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(600), lease: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
        self.lease = lease
    }

    /// Wait after the given (1-based) failed attempt.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 30)
        let delay = firstBackoff * factor
        return delay < maxBackoff ? delay : maxBackoff
    }
}
