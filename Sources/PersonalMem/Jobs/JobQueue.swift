import Foundation
import Logging
import PostgresNIO

/// The `jobs` table as a queue shared by every instance: enqueue, claim with
/// `FOR UPDATE SKIP LOCKED`, heartbeat, and finish. A job's `attempts` fences its worker: only the
/// worker that claimed the current attempt can finish it. Its SQL runs on the shared ``Database``;
/// a message stored with its job enters the user first, like every write about a user.
public struct JobQueue: Sendable {
    let database: Database
    public let policy: JobRetryPolicy
    /// Wakes this instance's idle workers when a job is queued here.
    public let signal = JobSignal()
    /// This instance's storage (``StorageIdentity``): it queues file jobs for it and claims them
    /// only from it. Nil claims only jobs any instance may run.
    public let storageID: String?

    public init(database: Database, policy: JobRetryPolicy, storageID: String? = nil) {
        self.database = database
        self.policy = policy
        self.storageID = storageID
    }

    static let columns = """
        jobs.id, jobs.kind, jobs.user_id, jobs.message_id, jobs.status, jobs.attempts, jobs.last_error, jobs.result::text,
        jobs.created_at, jobs.updated_at, jobs.failure_streak, jobs.payload::text
        """

    /// Stores the message and queues its extraction, in one statement, in a transaction that has
    /// entered the user (so a delete running at the same time removes both or neither).
    public func enqueueExtraction(userID: String, conversationID: String?, message: String) async throws -> Job {
        try await enqueue(Job.extractMessage, userID: userID, conversationID: conversationID, message: message)
    }

    /// Stores the message and queues a job of `kind` on it, in one statement (``MessageAndJobStatement``),
    /// in a transaction that has entered the user at `generation` (nil: any), then wakes this
    /// instance's workers.
    func enqueue(
        _ kind: String, userID: String, conversationID: String?, message: String, payload: JSONValue? = nil, storageID: String? = nil,
        generation: Int64? = nil
    ) async throws -> Job {
        let logger = database.logger
        let statement = MessageAndJobStatement(
            kind: kind, userID: userID, conversationID: conversationID, message: message, payload: payload, storageID: storageID,
            generation: generation)
        let job = try await database.withUser(userID, expecting: generation) { connection -> Job? in
            for try await row in try await connection.execute(statement, logger: logger) { return try Self.job(from: row) }
            return nil
        }
        guard let job else { throw DatabaseUnavailable() }
        queued()
        return job
    }

    /// Counts a committed job and wakes this instance's workers.
    func queued() {
        ServiceMetrics.recordJob(.queued)
        signal.notify()
    }

    public func job(_ id: Int64) async throws -> Job? {
        try await single("SELECT \(Self.columns) FROM jobs WHERE id = $1", Database.binds(id))
    }

    /// Takes the oldest due job, or a running one whose lease ran out, and starts its next attempt;
    /// a job bound to a storage (``storageID``) only on an instance serving it.
    /// A lease that ran out counts as a failed attempt of kind `Job.leaseExpired` (its worker may
    /// have crashed on the job), so the worker can stop a job that keeps taking instances down.
    public func claim() async throws -> Job? {
        let logger = database.logger
        let query = PostgresQuery(
            unsafeSQL: """
                WITH picked AS (
                    SELECT id, status AS previous FROM jobs
                    WHERE ((status = 'queued' AND run_after <= now())
                        OR (status = 'running' AND updated_at < now() - make_interval(secs => $1)))
                      AND (storage_id IS NULL OR storage_id = $2)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = now(),
                    failure_streak = CASE WHEN picked.previous <> 'running' THEN jobs.failure_streak
                        WHEN jobs.last_error = '\(Job.leaseExpired)' THEN jobs.failure_streak + 1 ELSE 1 END,
                    last_error = CASE WHEN picked.previous = 'running' THEN '\(Job.leaseExpired)' ELSE jobs.last_error END
                FROM picked WHERE jobs.id = picked.id
                RETURNING \(Self.columns), picked.previous
                """, binds: Database.binds(policy.lease.seconds, storageID))
        let (job, reclaimed) = try await database.withDeadline { () -> (Job?, Bool) in
            let rows = try await database.client.query(query, logger: logger)
            for try await row in rows {
                let previous = try PostgresRandomAccessRow(row)["previous"].decode(String.self, context: .default)
                return (try Self.job(from: row), previous == Job.Status.running.rawValue)
            }
            return (nil, false)
        }
        if reclaimed {
            ServiceMetrics.recordJob(.reclaimed)
            logger.warning("job lease expired; running it again", metadata: ["job_id": "\(job?.id ?? 0)"])
        }
        return job
    }

    /// Tells other workers the job is still being worked on.
    public func heartbeat(_ job: Job) async throws {
        try await execute(
            "UPDATE jobs SET updated_at = now() WHERE id = $1 AND status = 'running' AND attempts = $2", Database.binds(job.id, job.attempts))
    }

    /// Marks the job done with its result. False when the job is no longer this worker's.
    @discardableResult
    public func complete(_ job: Job, result: JSONValue) async throws -> Bool {
        let done = try await single(
            """
            UPDATE jobs SET status = 'done', result = $3::jsonb, last_error = NULL, failure_streak = 0, updated_at = now()
            WHERE id = $1 AND status = 'running' AND attempts = $2 RETURNING \(Self.columns)
            """, Database.binds(job.id, job.attempts, result.jsonText))
        if done != nil { ServiceMetrics.recordJob(.done) }
        return done != nil
    }

    /// Records a failed attempt: the job goes back to the queue after a backoff, or is marked
    /// failed when it has used its attempts, failed this same way `policy.maxSameFailures` times
    /// in a row, or `retryable` is false. Returns the new status.
    @discardableResult
    public func fail(_ job: Job, error kind: String, retryable: Bool = true) async throws -> Job.Status {
        let streak = job.lastError == kind ? job.failureStreak + 1 : 1
        let retry = policy.retries(attempt: job.attempts, kind: kind, streak: streak, retryable: retryable)
        let status: Job.Status = retry ? .queued : .failed
        let delay = retry ? policy.backoff(afterAttempt: job.attempts).seconds : 0
        let updated = try await single(
            """
            UPDATE jobs SET status = $3, last_error = $4, failure_streak = $6, run_after = now() + make_interval(secs => $5),
                updated_at = now()
            WHERE id = $1 AND status = 'running' AND attempts = $2 RETURNING \(Self.columns)
            """, Database.binds(job.id, job.attempts, status.rawValue, kind, delay, streak))
        if updated != nil { ServiceMetrics.recordJob(retry ? .retried : .failed) }
        return status
    }

    // MARK: - Rows

    private func single(_ sql: String, _ binds: PostgresBindings) async throws -> Job? {
        let logger = database.logger
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await database.withDeadline {
            let rows = try await database.client.query(query, logger: logger)
            for try await row in rows { return try Self.job(from: row) }
            return nil
        }
    }

    private func execute(_ sql: String, _ binds: PostgresBindings) async throws {
        let logger = database.logger
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        try await database.withDeadline { try await database.client.query(query, logger: logger) }
    }

    static func job(from row: PostgresRow) throws -> Job {
        let cells = PostgresRandomAccessRow(row)
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
            try cells[index].decode(type, context: .default)
        }
        return Job(
            id: try cell(0, Int64.self), kind: try cell(1, String.self), userID: try cell(2, String.self),
            messageID: try cell(3, Int64?.self), status: Job.Status(rawValue: try cell(4, String.self)) ?? .failed,
            attempts: Int(try cell(5, Int32.self)), lastError: try cell(6, String?.self),
            failureStreak: Int(try cell(10, Int32.self)), payload: try cell(11, String?.self).flatMap(Database.json),
            result: try cell(7, String?.self).flatMap(Database.json),
            createdAt: try cell(8, Date.self), updatedAt: try cell(9, Date.self))
    }

}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
