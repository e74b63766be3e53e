extension JobQueue {
    /// Stores the turn's user message and queues its `record_turn` job, in one statement, in a
    /// transaction that has entered the user at the generation the chat began with: after a delete
    /// since then it throws ``UserDeleted`` and stores nothing (and a delete after it removes both).
    /// The turn must already be in its conversation log (`turnID`); the job is bound to this
    /// instance's storage (``storageID``), where the log is.
    public func enqueueTurn(
        userID: String, conversationID: String, turnID: Int, message: String, generation: Int64, cutoff: Int
    ) async throws -> Job {
        let recording = TurnRecording(
            userID: userID, conversationID: conversationID, turnID: turnID, messageID: 0, generation: generation, cutoff: cutoff)
        return try await enqueue(
            Job.recordTurn, userID: userID, conversationID: conversationID, message: message, payload: recording.payload,
            storageID: storageID, generation: generation)
    }
}
