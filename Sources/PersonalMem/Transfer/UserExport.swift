import Foundation

/// Everything stored about one user, as `GET /users/{id}/export` writes it and
/// `POST /users/{id}/import` reads it back.
public struct UserExport: Sendable, Codable {
    public struct HistoryRow: Sendable, Codable {
        public var field: String
        public var event: String
        public var value: JSONValue?
        public var oldValue: JSONValue?
        public var newValue: JSONValue?
        public var source: String
        public var extractor: String?
        public var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case field, event, value, source, extractor
            case oldValue = "old_value", newValue = "new_value", createdAt = "created_at"
        }
    }

    public struct Conversation: Sendable, Codable {
        public var conversationID: String
        public var turns: [ConversationTurn]

        enum CodingKeys: String, CodingKey {
            case conversationID = "conversation_id"
            case turns
        }
    }

    public struct Memory: Sendable, Codable {
        public var record: MemoryRecord
        public var accessCount: Int
        public var lastAccess: Date?
        /// The stored vector, little-endian float32 in base64; re-embedded from the text when the
        /// importing service uses another model.
        public var vector: String

        enum CodingKeys: String, CodingKey {
            case record, vector
            case accessCount = "access_count", lastAccess = "last_access"
        }
    }

    public var format = "personalmem-export-1"
    public var userID: String
    public var exportedAt: Date
    public var profile: [String: JSONValue]
    public var history: [HistoryRow]
    public var conversations: [Conversation]
    public var embeddingModel: String
    public var embeddingDims: Int
    public var memories: [Memory]

    enum CodingKeys: String, CodingKey {
        case format, profile, history, conversations, memories
        case userID = "user_id", exportedAt = "exported_at", embeddingModel = "embedding_model", embeddingDims = "embedding_dims"
    }

    public static func encodeVector(_ vector: [Float]) -> String {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }.base64EncodedString()
    }

    public static func decodeVector(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 time"))
            }
            return date
        }
        return decoder
    }()
}
