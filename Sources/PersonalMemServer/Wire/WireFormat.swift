import Foundation
import Hummingbird
import NIOCore
import PersonalMem

/// The JSON bodies of the HTTP API as `Codable` types, one type per shape (`Wire/*Wire.swift`).
///
/// The types are written by hand, next to the controllers that use them, rather than generated
/// from `frontend/openapi.json`: the document stays the readable, example-rich page served at
/// `/docs`, and the compiler checks every use of a field. The two cannot drift apart because
/// `WireRoundTripTests` decodes every JSON example of the document into its type, with unknown
/// keys rejected, and requires the type to encode it back to the same JSON; the schemathesis run
/// (`tests/python`) checks live responses against the same document.
///
/// Field names are spelled once, in each type's `CodingKeys`. Optional members are left out when
/// nil; members marked ``ExplicitNull`` are always present and `null` when nil, as the original
/// PersonalMem API sends them.
enum WireFormat {
    /// Compact JSON with sorted keys and unescaped slashes: the bytes clients have always received.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a request body, turning a decoding failure into the 400 a person can act on
    /// ("'user_id' is required.", "'async' must be true or false.").
    static func decodeBody<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> Body {
        try decodeByFoundation(type, from: data)
    }

    /// `JSONDecoder`'s reading, and the 400 it words (also the fallback of ``ParsedBody``'s fast path).
    static func decodeByFoundation<Body: Decodable>(_ type: Body.Type, from data: Data) throws -> Body {
        guard !data.isEmpty else { throw APIError.badRequest("The request needs a JSON object body.") }
        do {
            return try JSONDecoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw apiError(for: error)
        }
    }

    static func apiError(for error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return APIError.badRequest("'\(name(context.codingPath + [key]))' is required.")
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return APIError.badRequest("'\(name(context.codingPath))' is required.")
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return APIError.badRequest("'\(name(context.codingPath))' must be \(expected(type)).")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return APIError.badRequest("'\(name(context.codingPath))' is not a valid value.")
        case .dataCorrupted:
            return APIError(.badRequest, "invalid_json", "The request body is not valid JSON.")
        default:
            return APIError.badRequest("The request body must be a JSON object.")
        }
    }

    private static func name(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is Double.Type, is Int.Type, is Int64.Type: "a number"
        default: "a JSON object"
        }
    }
}

/// A member that is always on the wire: `null` when the value is nil, never left out.
@propertyWrapper
struct ExplicitNull<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension JSONValue {
    /// A wire value as stored JSON (a job's `result`): the one way from a wire type to a stored
    /// `JSONValue`, the same bytes a response of that type has.
    init(encoding value: some Encodable) throws {
        self = try JSONValue.parse(WireFormat.encode(value))
    }
}

extension Date {
    /// The wire's one time format: ISO-8601 with milliseconds, UTC (one format style, not a
    /// formatter per call).
    var iso8601: String { Self.iso8601Format.format(self) }

    private static let iso8601Format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}

extension Response {
    /// A JSON response with the given status, from a wire type.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try WireFormat.encode(value))))
    }
}

extension Response {
    /// A 200 JSON response from text that is already JSON (the profile cache's pre-encoded reads).
    static func jsonText(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension Request {
    /// The body decoded as `Body`; a 400 naming the member when it does not fit. Its size is
    /// bounded by ``BodyLimitMiddleware`` (413 past `MAX_BODY_BYTES`).
    func decode<Body: Decodable>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        try WireFormat.decodeBody(type, from: try await bodyData())
    }

    /// The whole body (bounded by ``BodyLimitMiddleware``).
    func bodyData() async throws -> Data {
        Data(buffer: try await body.collect(upTo: .max))
    }
}
