import Foundation

/// A turn a `record_turn` job names is not in its conversation log (the log was removed or
/// replaced since): the job cannot succeed.
public struct TurnNotFound: Error, Sendable {
    public init() {}
}

/// What a `record_turn` job did.
public struct TurnRecordingOutcome: Sendable {
    /// The memory made from the turn; nil when the turn was too short to index
    /// (`MIN_MESSAGE_LENGTH`) or an earlier attempt of the job had already indexed it.
    public let memoryID: Int64?
    /// The profile extraction of the user message; nil when an earlier attempt had done it.
    public let extraction: ProfileMemory.MessageOutcome?
}

extension ChatPipeline {
    /// The body of a `record_turn` job: summarises, embeds and indexes the logged turn, then
    /// extracts profile facts from its stored user message. Safe to run again after a failed or
    /// interrupted attempt (`isRetry`): a turn already indexed is not indexed twice, a message
    /// already extracted is not extracted twice.
    ///
    /// Delete wins: every step that touches the user's files runs under the user's turn and first
    /// checks that the user's generation is still the one the chat began with (a delete raises it
    /// before it removes the files, under the same turn), and the extraction finds its message gone.
    /// Either way ``UserDeleted`` is thrown and nothing is written.
    public func recordTurn(_ recording: TurnRecording, isRetry: Bool) async throws -> TurnRecordingOutcome {
        let pass = memory.stores.fence.admit(recording.userID)
        let (turn, indexed) = try await withUserFiles(recording, pass: pass) { store in
            let conversationID = recording.conversationID
            // Opening a log creates it: look it up first.
            guard try store.hasConversation(conversationID),
                let turn = try store.conversation(conversationID).turn(recording.turnID)
            else { throw TurnNotFound() }
            return (turn, isRetry ? try store.hasMemory(conversationID: conversationID, turnID: recording.turnID) : false)
        }
        var memoryID: Int64?
        if !indexed, turn.user.count + turn.assistant.count >= minMessageLength {
            memoryID = try await index(turn, recording: recording, pass: pass)
        }
        var extraction: ProfileMemory.MessageOutcome?
        if let message = try await profiles.messages.message(recording.messageID), message.status != "extracted" {
            extraction = try await profiles.reextract(message)
        }
        return TurnRecordingOutcome(memoryID: memoryID, extraction: extraction)
    }

    private func index(_ turn: ConversationTurn, recording: TurnRecording, pass: UserPass) async throws -> Int64 {
        let summary = await summarise(user: turn.user, assistant: turn.assistant, cutoff: recording.cutoff)
        let (kind, confidence) = memory.classifier.classify(user: turn.user, assistant: turn.assistant)
        let speaker = (try? await profiles.profile(recording.userID))?.profile["name"]?.displayText ?? recording.userID
        let draft = MemoryDraft(
            convID: recording.conversationID, turnID: turn.turnID, ts: turn.ts, summary: summary, rawUser: turn.user,
            rawAssistant: turn.assistant, kind: kind.rawValue, confidence: confidence, speaker: speaker)
        let vector = try await memory.embedder.embed([MemoryText.indexed(summary: summary, speaker: speaker, date: turn.ts)]).first ?? []
        return try await withUserFiles(recording, pass: pass) { store in try store.add(draft, vector: vector).memoryID }
    }

    /// Runs blocking `body` on NIO's thread pool under the user's turn, once the user's generation
    /// is known to be the chat's.
    private func withUserFiles<T: Sendable>(
        _ recording: TurnRecording, pass: UserPass, _ body: @escaping @Sendable (UserMemoryStore) throws -> T
    ) async throws -> T {
        let generations = profiles.repository
        return try await memory.stores.withStore(userID: recording.userID, pass: pass) { store in
            guard try await generations.generation(recording.userID) == recording.generation else { throw UserDeleted() }
            return try await UserMemoryStores.offload { try body(store) }
        }
    }
}
