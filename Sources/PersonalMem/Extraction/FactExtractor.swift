/// What an extractor found in one message.
public struct Extraction: Sendable {
    /// Proposed changes, not yet validated against the catalog.
    public var facts: [Fact]
    /// Name of the extractor that ran, reported to clients ("builtin", "llm:<model>").
    public var extractor: String

    public init(facts: [Fact], extractor: String) {
        self.facts = facts
        self.extractor = extractor
    }
}

/// Turns a user's message into proposed profile changes.
public protocol FactExtractor: Sendable {
    /// Short name reported with every extraction.
    var name: String { get }
    /// Reads `message` with the user's current `profile` in view. Throws `ExtractionError`
    /// when the extraction could not be done (the message is then kept for a later retry).
    func extract(message: String, profile: Profile) async throws -> Extraction
    /// True when extraction runs in process and cannot fail (no model call): the message and
    /// its changes are then stored in one transaction.
    var isLocal: Bool { get }
}

extension FactExtractor {
    public var isLocal: Bool { false }
}

/// Extraction failed for a reason outside the client's control.
public enum ExtractionError: Error, Sendable, Equatable {
    /// The model could not be reached or kept failing after retries.
    case unavailable(String)
    /// The model answered, but nothing usable could be read from the reply.
    case unreadableReply(String)
}
