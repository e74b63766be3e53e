import Foundation

/// A conversation known in a user's directory: its id, its log file name and when it was started.
public struct ConversationInfo: Sendable, Hashable, Codable {
    public var conversationID: String
    /// File name under `conversations/` (hashed, safe).
    public var fileName: String
    public var created: Date

    public init(conversationID: String, fileName: String, created: Date) {
        self.conversationID = conversationID
        self.fileName = fileName
        self.created = created
    }

    enum CodingKeys: String, CodingKey {
        case conversationID = "conv_id"
        case fileName = "file"
        case created
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        conversationID = try container.decode(String.self, forKey: .conversationID)
        fileName = try container.decode(String.self, forKey: .fileName)
        created = try Timestamp.decode(container, .created)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(conversationID, forKey: .conversationID)
        try container.encode(fileName, forKey: .fileName)
        try container.encode(Timestamp.format(created), forKey: .created)
    }
}
