import Foundation
import PersonalMem

/// `POST /messages`: one user message to extract profile facts from.
struct MessageRequest: Codable, Equatable {
    var userID: String
    var message: String
    var conversationID: String?
    /// Queue the extraction as a job and answer 202 at once.
    var async: Bool?

    enum CodingKeys: String, CodingKey {
        case message, async
        case userID = "user_id"
        case conversationID = "conversation_id"
    }
}

/// One change to a profile field, as `POST /messages`, batches and jobs report it.
struct ProfileEventWire: Codable, Equatable {
    var field: String
    var value: JSONValue
    /// `ADD`, `UPDATE` or `DELETE`.
    var event: String
    /// The value before the change; left out when the field was absent.
    var oldValue: JSONValue?

    enum CodingKeys: String, CodingKey {
        case field, value, event
        case oldValue = "old_value"
    }
}

/// `POST /messages` and `POST /messages/{id}/extract`: what the message changed.
struct MessageResponse: Codable, Equatable {
    var success: Bool
    var userID: String
    var messageID: Int64
    var extractedMemories: [ProfileEventWire]
    var memoryContext: String
    var extractor: String
    var rejectedFacts: Int
    var responseTimeMilliseconds: Int

    enum CodingKeys: String, CodingKey {
        case success, extractor
        case userID = "user_id"
        case messageID = "message_id"
        case extractedMemories = "extracted_memories"
        case memoryContext = "memory_context"
        case rejectedFacts = "rejected_facts"
        case responseTimeMilliseconds = "response_time_ms"
    }
}

/// `GET /users/{id}/context/text`. Served from the profile cache's pre-encoded text (see
/// `ProfileController.contextText`); this type is its shape, checked by the tests.
struct ContextTextResponse: Codable, Equatable {
    var context: String
    var hasMemories: Bool
    var userID: String

    enum CodingKeys: String, CodingKey {
        case context
        case hasMemories = "has_memories"
        case userID = "user_id"
    }
}

/// `GET /users/{id}/memories/raw`, pre-encoded like ``ContextTextResponse``.
struct RawMemoriesResponse: Codable, Equatable {
    var memories: [String: JSONValue]
    var userID: String

    enum CodingKeys: String, CodingKey {
        case memories
        case userID = "user_id"
    }
}

/// `POST /users/{id}/memories/batch`: `{field: value}`, each checked against the field catalog.
typealias BatchRequest = [String: JSONValue]

struct BatchResponse: Codable, Equatable {
    var success: Bool
    var userID: String
    var updatedFields: [String]
    var totalFields: Int
    var events: [ProfileEventWire]

    enum CodingKeys: String, CodingKey {
        case success, events
        case userID = "user_id"
        case updatedFields = "updated_fields"
        case totalFields = "total_fields"
    }
}

/// `DELETE /users/{id}/memories`.
struct DeleteResponse: Codable, Equatable {
    var message: String
    var userID: String

    enum CodingKeys: String, CodingKey {
        case message
        case userID = "user_id"
    }
}

/// `GET /users/{id}/memories/history`: every recorded change, oldest first.
struct HistoryResponse: Codable, Equatable {
    struct Entry: Codable, Equatable {
        var id: Int64
        var field: String
        var event: String
        @ExplicitNull var value: JSONValue?
        @ExplicitNull var oldValue: JSONValue?
        @ExplicitNull var newValue: JSONValue?
        var source: String
        @ExplicitNull var extractor: String?
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, field, event, value, source, extractor
            case oldValue = "old_value"
            case newValue = "new_value"
            case createdAt = "created_at"
        }
    }

    var userID: String
    var history: [Entry]

    enum CodingKeys: String, CodingKey {
        case history
        case userID = "user_id"
    }
}

extension ProfileEventWire {
    init(_ event: ProfileEvent) {
        self.init(field: event.field, value: event.value.json, event: event.kind.rawValue, oldValue: event.oldValue?.json)
    }
}

extension HistoryResponse.Entry {
    init(_ entry: HistoryEntry) {
        self.init(
            id: entry.id, field: entry.field, event: entry.event.rawValue, value: entry.value, oldValue: entry.oldValue,
            newValue: entry.newValue, source: entry.source, extractor: entry.extractor, createdAt: entry.createdAt.iso8601)
    }
}

extension MessageResponse {
    init(_ outcome: ProfileMemory.MessageOutcome, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        self.init(
            success: true, userID: outcome.snapshot.userID, messageID: outcome.messageID,
            extractedMemories: outcome.events.map(ProfileEventWire.init), memoryContext: outcome.snapshot.context,
            extractor: outcome.extractor, rejectedFacts: outcome.rejectedFacts,
            responseTimeMilliseconds: Int((Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000).rounded()))
    }
}

extension String {
    /// The member itself when it has more than white space; a 400 naming it otherwise.
    func nonBlank(_ key: String) throws -> String {
        guard !trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError.badRequest("'\(key)' must not be empty.") }
        return self
    }
}
