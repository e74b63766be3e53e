import Synchronization

/// One write waiting for a shared commit: a change to one user's profile, decided in Swift against
/// the profile its round starts from, and (for a message from the built-in extractor) the message
/// stored with it.
struct PendingWrite: Sendable {
    var id: UInt64 = 0
    let userID: String
    let enqueued: ContinuousClock.Instant
    let message: NewMessage?
    let cache: ProfileCache?
    let change: @Sendable (Profile) throws -> (profile: Profile, events: [ProfileEvent])
    /// Rounds that found the user's row moved under them (another instance, or a write outside the queue).
    var conflicts = 0
}

/// What one write got: its own events, the profile as it left it, and where the change came from.
public struct SharedWriteResult: Sendable {
    public let snapshot: ProfileSnapshot
    public let events: [ProfileEvent]
    public let source: ChangeSource
}

/// What a round did: an answer for each write it finished, and the writes to run again.
struct RoundOutcome: Sendable {
    var results: [UInt64: Result<SharedWriteResult, any Error>] = [:]
    var retry: [PendingWrite] = []
}

/// Gathers concurrent writes into rounds, each committed as one transaction (group commit with a
/// leader). A write that arrives while fewer than ``maxRounds`` rounds are under way starts one at
/// once, so a lone write waits for nobody; writes that arrive meanwhile queue and go together in the
/// next round. A user is in at most one round at a time and its writes are taken in arrival order,
/// so per-user order holds. The caller whose round it is runs it (no background task); when a round
/// ends, a waiting caller is handed the next one.
final class SharedCommitQueue: Sendable {
    typealias Runner = @Sendable ([PendingWrite]) async -> RoundOutcome

    private enum Signal: Sendable {
        case done(Result<SharedWriteResult, any Error>)
        case lead([PendingWrite])
    }

    private struct State {
        var nextID: UInt64 = 0
        var pending: [PendingWrite] = []
        var busy: Set<String> = []
        var rounds = 0
        var waiters: [UInt64: CheckedContinuation<Signal, Never>] = [:]
        var results: [UInt64: Result<SharedWriteResult, any Error>] = [:]

        /// The next round: every queued write of each user not in a round, in arrival order.
        mutating func takeRound(maxRounds: Int, maxWrites: Int) -> [PendingWrite]? {
            guard rounds < maxRounds, !pending.isEmpty else { return nil }
            var taken: [PendingWrite] = []
            var left: [PendingWrite] = []
            var joined: Set<String> = []
            for write in pending {
                if taken.count < maxWrites, !busy.contains(write.userID) || joined.contains(write.userID) {
                    if joined.insert(write.userID).inserted { busy.insert(write.userID) }
                    taken.append(write)
                } else {
                    // A user cut off by the size limit is busy now, so its later writes wait too.
                    left.append(write)
                }
            }
            guard !taken.isEmpty else { return nil }
            pending = left
            rounds += 1
            return taken
        }
    }

    private let state = Mutex(State())
    /// Rounds under way at once (each holds one database connection).
    let maxRounds: Int
    /// Most writes in one round.
    let maxWrites: Int

    init(maxRounds: Int = 2, maxWrites: Int = 256) {
        self.maxRounds = max(1, maxRounds)
        self.maxWrites = max(1, maxWrites)
    }

    /// Writes waiting for a round, and rounds under way (for tests and metrics).
    var queued: Int { state.withLock { $0.pending.count } }
    var roundsUnderWay: Int { state.withLock { $0.rounds } }

    /// Queues the write and returns once a round has committed it (or failed it).
    func submit(_ write: PendingWrite, runner: Runner) async throws -> SharedWriteResult {
        var write = write
        write.id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let id = write.id
        var queued = false
        while true {
            let signal: Signal = await withCheckedContinuation { continuation in
                let now: Signal? = state.withLock { state in
                    if !queued { state.pending.append(write) }
                    if let result = state.results.removeValue(forKey: id) { return .done(result) }
                    if let round = state.takeRound(maxRounds: maxRounds, maxWrites: maxWrites) { return .lead(round) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
            queued = true
            switch signal {
            case .done(let result):
                return try result.get()
            case .lead(var round):
                while true {
                    let outcome = await runner(round)
                    guard let next = finish(round, outcome) else { break }
                    round = next
                }
            }
        }
    }

    /// Answers the round's writes, queues its retries first, and hands the next round to a waiting
    /// caller; returns it when no caller waits (the finishing leader runs it).
    private func finish(_ round: [PendingWrite], _ outcome: RoundOutcome) -> [PendingWrite]? {
        var wake: [(CheckedContinuation<Signal, Never>, Signal)] = []
        let mine: [PendingWrite]? = state.withLock { state in
            state.rounds -= 1
            for write in round { state.busy.remove(write.userID) }
            var results = outcome.results
            let retried = Set(outcome.retry.map(\.id))
            // A write the runner neither answered nor sent back is answered as not committed, never left waiting.
            for write in round where results[write.id] == nil && !retried.contains(write.id) {
                results[write.id] = .failure(DatabaseUnavailable())
            }
            for (id, result) in results {
                if let waiter = state.waiters.removeValue(forKey: id) {
                    wake.append((waiter, .done(result)))
                } else {
                    state.results[id] = result
                }
            }
            state.pending.insert(contentsOf: outcome.retry, at: 0)
            guard let next = state.takeRound(maxRounds: maxRounds, maxWrites: maxWrites) else { return nil }
            let leader = next.first { state.waiters[$0.id] != nil }?.id ?? state.waiters.keys.first
            guard let leader, let waiter = state.waiters.removeValue(forKey: leader) else { return next }
            wake.append((waiter, .lead(next)))
            return nil
        }
        for (waiter, signal) in wake { waiter.resume(returning: signal) }
        return mine
    }
}
