import Foundation
import Hummingbird
import PersonalMem

extension Response {
    /// A JSON response with the given status.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: value.jsonText)))
    }
}

extension Response {
    /// A 200 JSON response from text that is already JSON.
    static func jsonText(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Request {
    /// The body parsed as a JSON object; 400 with a plain reason otherwise. Its size is bounded
    /// by ``BodyLimitMiddleware`` (413 past `MAX_BODY_BYTES`).
    func jsonObject(context: some RequestContext) async throws -> [String: JSONValue] {
        let buffer = try await body.collect(upTo: .max)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("The request needs a JSON object body.") }
        guard let value = try? JSONValue.parse(Data(buffer: buffer)) else {
            throw APIError(.badRequest, "invalid_json", "The request body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw APIError.badRequest("The request body must be a JSON object.") }
        return object
    }
}

extension [String: JSONValue] {
    /// An optional string member; present but not a string is a 400.
    func optionalString(_ key: String) throws -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw APIError.badRequest("'\(key)' must be a string.")
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw APIError.badRequest("'\(key)' must be true or false.")
        }
    }

    func optionalNumber(_ key: String) throws -> Double? {
        switch self[key] {
        case nil, .null?: return nil
        case .number(let number)?: return number
        default: throw APIError.badRequest("'\(key)' must be a number.")
        }
    }
}

/// User and conversation ids: nothing that could become a path.
enum Identifier {
    static func validUserID(_ text: String) throws -> String {
        guard isValid(text) else {
            var error = APIError.badRequest("user_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only")
            error.field = "user_id"
            throw error
        }
        return text
    }

    static func validConversationID(_ text: String) throws -> String {
        guard isValid(text) else {
            var error = APIError.badRequest("conversation_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only")
            error.field = "conversation_id"
            throw error
        }
        return text
    }

    /// 1 to 128 of `[A-Za-z0-9._@:-]`, and not dots only (`.` and `..` name directories).
    static func isValid(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && !text.utf8.allSatisfy({ $0 == 0x2E })
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x40 || byte == 0x3A || byte == 0x2D
            }
    }
}

extension ProfileEvent {
    /// The event as ``ProfileEventWire`` renders it, for job results stored as JSON.
    var json: JSONValue {
        (try? JSONValue.parse(WireFormat.encode(ProfileEventWire(self)))) ?? .null
    }
}
