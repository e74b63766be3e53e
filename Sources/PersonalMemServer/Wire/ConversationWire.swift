import Foundation
import PersonalMem

/// `GET /users/{id}/conversations`: the conversations the chat endpoint logged, latest first.
struct ConversationListResponse: Codable, Equatable {
    struct Conversation: Codable, Equatable {
        var conversationID: String
        var turns: Int
        /// The time of its latest turn.
        @ExplicitNull var lastTS: String?

        enum CodingKeys: String, CodingKey {
            case turns
            case conversationID = "conversation_id"
            case lastTS = "last_ts"
        }
    }

    var userID: String
    var conversations: [Conversation]

    enum CodingKeys: String, CodingKey {
        case conversations
        case userID = "user_id"
    }
}

/// `GET /users/{id}/conversations/{conversation_id}`: its turns, in order.
struct ConversationResponse: Codable, Equatable {
    struct Turn: Codable, Equatable {
        var turnID: Int
        var ts: String
        var user: String
        var assistant: String

        enum CodingKeys: String, CodingKey {
            case ts, user, assistant
            case turnID = "turn_id"
        }
    }

    var userID: String
    var conversationID: String
    var turns: [Turn]

    enum CodingKeys: String, CodingKey {
        case turns
        case userID = "user_id"
        case conversationID = "conversation_id"
    }
}

extension ConversationListResponse.Conversation {
    init(_ summary: ConversationSummary) {
        self.init(conversationID: summary.conversationID, turns: summary.turns, lastTS: summary.lastTimestamp?.iso8601)
    }
}

extension ConversationResponse.Turn {
    init(_ turn: ConversationTurn) {
        self.init(turnID: turn.turnID, ts: turn.ts.iso8601, user: turn.user, assistant: turn.assistant)
    }
}
