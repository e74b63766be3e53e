import Synchronization

/// Wakes idle job workers of this instance when a job is queued here, so a chat turn's bookkeeping
/// starts at once instead of at the next poll. Workers of other instances still find it by polling.
/// A signal with no worker waiting is kept for the next one that waits.
public final class JobSignal: Sendable {
    private struct State {
        var pending = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes every waiting worker (or the next one to wait).
    public func notify() {
        let waiters = state.withLock { state in
            let waiting = Array(state.waiters.values)
            state.waiters.removeAll()
            if waiting.isEmpty { state.pending = true }
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when notified, after `limit`, or when the task is cancelled, whichever comes first.
    public func wait(upTo limit: Duration) async {
        if state.withLock({ state in defer { state.pending = false }; return state.pending }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: limit) }
            group.addTask { await self.waitForNotification() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForNotification() async {
        let id = state.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
