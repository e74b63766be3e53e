import PostgresNIO

extension JobQueue {
    /// Stores the turn's user message and queues its `record_turn` job, in one statement, in a
    /// transaction that has entered the user at the generation the chat began with: after a delete
    /// since then it throws ``UserDeleted`` and stores nothing (and a delete after it removes both).
    /// The turn must already be in its conversation log (`turnID`); the job is bound to this
    /// instance's storage (``storageID``), where the log is.
    public func enqueueTurn(
        userID: String, conversationID: String, turnID: Int, message: String, generation: Int64, cutoff: Int
    ) async throws -> Job {
        let logger = store.logger
        let payload = TurnRecording(
            userID: userID, conversationID: conversationID, turnID: turnID, messageID: 0, generation: generation, cutoff: cutoff
        ).payload
        let query = PostgresQuery(
            unsafeSQL: """
                WITH message AS (
                    INSERT INTO messages (user_id, conversation_id, body) VALUES ($1, $2, $3) RETURNING id, user_id)
                INSERT INTO jobs (kind, user_id, message_id, payload, storage_id) SELECT $4, user_id, id, $5::jsonb, $6 FROM message
                RETURNING \(Self.columns)
                """, binds: binds(userID, conversationID, message, Job.recordTurn, payload.jsonText, storageID))
        let job = try await store.withUser(userID, expecting: generation) { connection -> Job? in
            for try await row in try await connection.query(query, logger: logger) { return try Self.job(from: row) }
            return nil
        }
        guard let job else { throw DatabaseUnavailable() }
        ServiceMetrics.recordJob(.queued)
        signal.notify()
        return job
    }
}
