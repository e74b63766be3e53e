import PostgresNIO

extension JobQueue {
    /// Stores the turn's user message and queues its `record_turn` job at the generation the chat
    /// began with: after a delete since then it throws ``UserDeleted`` and stores nothing (and a
    /// delete after it removes both). The turn must already be in its conversation log (`turnID`);
    /// the job is bound to this instance's storage (``storageID``), where the log is.
    ///
    /// Usually one statement in its transaction (three round trips): it locks the user's generation
    /// row (`FOR SHARE`, the lock every write about the user takes first) and inserts only when the
    /// generation is the chat's. When it inserts nothing (the user has no generation row yet, or it
    /// moved) the transaction of ``enqueue(_:userID:conversationID:message:payload:storageID:generation:)``
    /// decides: it creates the row, or throws ``UserDeleted``. A deadline passing during the commit
    /// leaves its outcome unknown (``CommitOutcomeUnknown``); the chat reports the turn's indexing
    /// as failed either way.
    public func enqueueTurn(
        userID: String, conversationID: String, turnID: Int, message: String, generation: Int64, cutoff: Int
    ) async throws -> Job {
        let recording = TurnRecording(
            userID: userID, conversationID: conversationID, turnID: turnID, messageID: 0, generation: generation, cutoff: cutoff)
        if let job = try await enqueueTurnInOneStatement(userID: userID, conversationID: conversationID, message: message, recording: recording) {
            queued()
            return job
        }
        return try await enqueue(
            Job.recordTurn, userID: userID, conversationID: conversationID, message: message, payload: recording.payload,
            storageID: storageID, generation: generation)
    }

    /// The one-statement path of ``enqueueTurn(userID:conversationID:turnID:message:generation:cutoff:)``
    /// (``MessageAndJobStatement`` without first entering the user): nil, having stored nothing, when
    /// the user has no generation row or it is not the recording's.
    func enqueueTurnInOneStatement(userID: String, conversationID: String, message: String, recording: TurnRecording) async throws -> Job? {
        let statement = MessageAndJobStatement(
            kind: Job.recordTurn, userID: userID, conversationID: conversationID, message: message, payload: recording.payload,
            storageID: storageID, generation: recording.generation)
        let logger = database.logger
        // Between BEGIN and COMMIT, not alone: PostgreSQL commits a lone statement at the Sync after
        // it, when its row is already queued, and an error of that commit (a WAL write failing on a
        // full disk) follows the row, after PostgresNIO has ended the statement successfully; a
        // failed COMMIT is reported as one (CommitCheckTests).
        return try await database.transaction { connection in
            for try await row in try await connection.execute(statement, logger: logger) { return try Self.job(from: row) }
            return nil
        }
    }
}
