import Logging
import PostgresNIO
import Synchronization

/// The database did not answer within its deadline. Nothing was committed.
public struct DatabaseUnavailable: Error, Sendable {
    public init() {}
}

/// The commit was sent but its result was lost (the deadline passed while it was under way, or the
/// connection broke): the write may or may not be stored. Read before retrying.
public struct CommitOutcomeUnknown: Error, Sendable {
    public init() {}
}

/// The user's memories were deleted while this work was under way; nothing of it was stored.
public struct UserDeleted: Error, Sendable {
    public init() {}
}

/// Decides, once, whether a transaction commits or is abandoned by its deadline: the body asks to
/// commit as its last step and the deadline asks to abandon; whichever asks first wins. So a
/// transaction answered as failed never commits afterwards, and a deadline that passes while the
/// commit is under way reports the outcome as unknown instead of as a failure.
final class CommitGate: Sendable {
    enum Phase { case working, committing, abandoned }
    private let phase = Mutex(Phase.working)

    /// True when the transaction may commit (the deadline has not passed).
    func beginCommit() -> Bool {
        phase.withLock { phase in
            guard phase == .working else { return false }
            phase = .committing
            return true
        }
    }

    /// The error to report when the deadline passes: not committed, or outcome unknown.
    func abandon() -> any Error {
        phase.withLock { (phase: inout Phase) -> any Error in
            if phase == .committing { return CommitOutcomeUnknown() }
            phase = .abandoned
            return DatabaseUnavailable()
        }
    }

    var isCommitting: Bool { phase.withLock { $0 == .committing } }
}

/// The transaction was abandoned by its deadline before it asked to commit; it rolls back.
struct TransactionAbandoned: Error {}

extension Database {
    /// Runs `body` in one transaction within the deadline. A 2xx can then only follow a
    /// commit: when the deadline passes before the commit the transaction rolls back and
    /// `DatabaseUnavailable` is thrown; when it passes (or the connection breaks) during the commit,
    /// `CommitOutcomeUnknown` is thrown.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let gate = CommitGate()
        let logger = self.logger
        let client = self.client
        let deadline = self.deadline
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withTransaction(logger: logger) { connection in
                        let result = try await body(connection)
                        guard gate.beginCommit() else { throw TransactionAbandoned() }
                        return result
                    }
                }
                group.addTask {
                    try await DeadlineSleep.sleep(for: deadline)
                    throw gate.abandon()
                }
                defer { group.cancelAll() }
                while let value = try await group.next() {
                    if let value { return value }
                }
                throw DatabaseUnavailable()
            }
        } catch let error as PostgresTransactionError {
            if error.commitError != nil {
                // A server error at commit (a failed constraint check) means rolled back; a lost
                // connection means nobody knows.
                if let server = error.commitError as? PSQLError, server.code == .server { throw server }
                throw CommitOutcomeUnknown()
            }
            if error.closureError is TransactionAbandoned { throw DatabaseUnavailable() }
            throw error.closureError ?? error.beginError ?? error
        } catch is TransactionAbandoned {
            throw DatabaseUnavailable()
        }
    }

    /// Runs `body` within the deadline, and unwraps `withTransaction`'s error wrapper so
    /// callers see the error the closure threw. For reads and single statements; writes of
    /// several statements use ``transaction(_:)``.
    @discardableResult
    func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask(operation: body)
                group.addTask { [deadline] in
                    try await DeadlineSleep.sleep(for: deadline)
                    throw DatabaseUnavailable()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}
