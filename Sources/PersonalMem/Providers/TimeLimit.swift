/// Thrown by `withTimeLimit` when the limit passed before the work finished.
struct TimeLimitExceeded: Error {}

/// Runs `body`, cancelling it when `limit` passes first (then throws `TimeLimitExceeded`).
/// The body must honour cancellation, as AsyncHTTPClient's requests and response bodies do:
/// this returns once the cancelled body has stopped.
func withTimeLimit<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimeLimitExceeded() }
        return value
    }
}
