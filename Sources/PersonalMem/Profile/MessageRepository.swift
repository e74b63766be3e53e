/// Where the messages profile facts are extracted from are kept, each stored before its extraction
/// so a failed one loses nothing. A message extracted in the same write as its profile change goes
/// through ``ProfileRepository`` (`storingMessage:`, `extracting:`) instead.
public protocol MessageRepository: Sendable {
    /// Stores a message before extraction (status `pending`) and returns its id. With
    /// `expectedGeneration`, throws ``UserDeleted`` (storing nothing) when the user was deleted since.
    func storeMessage(userID: String, conversationID: String?, body: String, expectedGeneration: Int64?) async throws -> Int64

    func message(_ id: Int64) async throws -> StoredMessage?

    /// Messages whose extraction has not succeeded (of one user, or of all), oldest first.
    func pendingMessages(userID: String?, limit: Int) async throws -> [StoredMessage]

    /// Records a failed extraction; the message can be extracted again later.
    func markFailed(messageID: Int64, reason: String) async throws
}

/// A message to store in the same write as the profile change it caused.
public struct NewMessage: Sendable {
    public let conversationID: String?
    public let body: String
    public let extractor: String
}

/// A stored message, for (re-)extraction.
public struct StoredMessage: Sendable, Equatable {
    public let id: Int64
    public let userID: String
    public let conversationID: String?
    public let body: String
    /// `pending`, `extracted` or `failed`.
    public let status: String
}
