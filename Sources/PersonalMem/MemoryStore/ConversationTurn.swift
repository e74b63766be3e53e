import Foundation

/// One exchange in a conversation log: `{turn_id, ts, user, assistant}`.
public struct ConversationTurn: Sendable, Hashable, Codable {
    /// Position in the conversation, starting at 1.
    public var turnID: Int
    public var ts: Date
    public var user: String
    public var assistant: String

    public init(turnID: Int, ts: Date, user: String, assistant: String) {
        self.turnID = turnID
        self.ts = ts
        self.user = user
        self.assistant = assistant
    }

    enum CodingKeys: String, CodingKey {
        case turnID = "turn_id"
        case ts, user, assistant
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        turnID = try container.decode(Int.self, forKey: .turnID)
        ts = try Timestamp.decode(container, .ts)
        user = try container.decode(String.self, forKey: .user)
        assistant = try container.decode(String.self, forKey: .assistant)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(turnID, forKey: .turnID)
        try container.encode(Timestamp.format(ts), forKey: .ts)
        try container.encode(user, forKey: .user)
        try container.encode(assistant, forKey: .assistant)
    }
}
