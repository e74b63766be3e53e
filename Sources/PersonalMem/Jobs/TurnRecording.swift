/// The bookkeeping of one answered chat turn, as a `record_turn` job carries it: which logged turn
/// to summarise, embed and index, which stored message to extract profile facts from, and the
/// user's generation when the chat began (a delete since then means nothing is written).
/// The turn's text stays in the conversation log; the job row holds only these ids.
public struct TurnRecording: Sendable, Equatable {
    public let userID: String
    public let conversationID: String
    public let turnID: Int
    /// The user message stored for extraction (`messages.id`).
    public let messageID: Int64
    /// The user's generation when the chat began (see ``ProfileRepository/generation(_:)``).
    public let generation: Int64
    /// Longest summary kept (`memory_length_cutoff_chars`).
    public let cutoff: Int

    public init(userID: String, conversationID: String, turnID: Int, messageID: Int64, generation: Int64, cutoff: Int) {
        self.userID = userID
        self.conversationID = conversationID
        self.turnID = turnID
        self.messageID = messageID
        self.generation = generation
        self.cutoff = cutoff
    }

    /// Reads a `record_turn` job; nil when its payload is missing or a number does not fit.
    public init?(_ job: Job) {
        guard job.kind == Job.recordTurn, let messageID = job.messageID, let payload = job.payload?.objectValue,
            let conversationID = payload["conversation_id"]?.stringValue,
            let turnID = payload["turn_id"]?.wholeNumber(in: 1...Int.max),
            let generation = payload["generation"]?.wholeNumber(in: 0...Int.max),
            let cutoff = payload["cutoff"]?.wholeNumber(in: 1...Int.max)
        else { return nil }
        self.init(
            userID: job.userID, conversationID: conversationID, turnID: turnID, messageID: messageID, generation: Int64(generation), cutoff: cutoff)
    }

    /// The job's `payload` column.
    var payload: JSONValue {
        .object([
            "conversation_id": .string(conversationID), "turn_id": .number(Double(turnID)), "generation": .number(Double(generation)),
            "cutoff": .number(Double(cutoff)),
        ])
    }
}
