/// A prompt assembled for one user message, ready to send to the model.
public struct PreparedChat: Sendable {
    public let userID: String
    public let conversationID: String
    public let userMessage: String
    public let messages: [ChatMessage]
    public let usage: MemoryUsage
    public let knobs: ChatKnobs
    /// Taken when the chat began: a delete of the user since then means the answer is not recorded.
    let pass: UserPass?
    /// The user's database generation when the chat began (see ``ProfileRepository/generation(_:)``).
    let generation: Int64
}
