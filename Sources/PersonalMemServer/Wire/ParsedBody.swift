import Foundation
import Hummingbird
import PersonalMem

/// A request body read from the hand parser's ``JSONValue`` instead of through `JSONDecoder`,
/// whose keyed containers, `DecodingError`s on each failed try and generic dispatch made the body
/// decode the largest single cost of a write's request handling. The fast path only accepts a body
/// it can take exactly as `JSONDecoder` would; anything else (invalid JSON, a missing or mistyped
/// member) goes through ``WireFormat/decodeBody(_:from:)`` so the 400 a client gets is worded as before.
protocol ParsedBody: Decodable {
    /// The body from its parsed JSON, or nil when `JSONDecoder` might answer differently (an error).
    init?(parsed: JSONValue)
}

extension WireFormat {
    /// As ``decodeBody(_:from:)``, by the hand parser when the body fits.
    static func decodeBody<Body: ParsedBody>(_ type: Body.Type, from data: Data) throws -> Body {
        if let value = try? JSONValue.parse(data), let body = Body(parsed: value) { return body }
        return try decodeByFoundation(type, from: data)
    }
}

extension Request {
    /// As ``decode(_:context:)``, by the hand parser when the body fits.
    func decode<Body: ParsedBody>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        try WireFormat.decodeBody(type, from: try await bodyData())
    }
}

/// A batch is any JSON object; every value is kept as parsed.
extension Dictionary: ParsedBody where Key == String, Value == JSONValue {
    init?(parsed: JSONValue) {
        guard case .object(let members) = parsed else { return nil }
        self = members
    }
}

extension MessageRequest: ParsedBody {
    /// Unknown members are ignored and `null` optional members read as absent, as with `JSONDecoder`.
    init?(parsed: JSONValue) {
        guard case .object(let members) = parsed,
            case .string(let userID)? = members["user_id"], case .string(let message)? = members["message"]
        else { return nil }
        var conversationID: String?
        switch members["conversation_id"] {
        case nil, .null?: conversationID = nil
        case .string(let text)?: conversationID = text
        default: return nil
        }
        var async: Bool?
        switch members["async"] {
        case nil, .null?: async = nil
        case .bool(let flag)?: async = flag
        default: return nil
        }
        self.init(userID: userID, message: message, conversationID: conversationID, async: async)
    }
}
