import PostgresNIO

/// Waits out a database operation's deadline on an event loop's timer instead of `Task.sleep`.
/// `Task.sleep` runs on a dispatch timer that stays armed until its time even when the sleeping
/// task is cancelled, so every database operation (each shared commit, each profile read) left a
/// 10 s timer behind: the timer heap grew with the request rate, and each timer was armed through
/// dispatch's timer thread and later fired, empty, waking it and a worker (about 5% of a write's
/// server CPU in perf, most of it in `_dispatch_mgr_thread`). An event loop's scheduled task is
/// taken out of its queue when cancelled.
enum DeadlineSleep {
    /// Returns after `duration`; throws `CancellationError` as soon as the task is cancelled, as `Task.sleep` does.
    static func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let amount: TimeAmount = nanoseconds.overflow ? .hours(24 * 365) : .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
        let scheduled = PostgresClient.defaultEventLoopGroup.any().scheduleTask(in: amount) {}
        do {
            try await withTaskCancellationHandler {
                try await scheduled.futureResult.get()
            } onCancel: {
                scheduled.cancel()
            }
        } catch {
            throw CancellationError()
        }
    }
}
