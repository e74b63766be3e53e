import Foundation
import PersonalMem

/// A request member as the client sent it: of the type the server reads, or anything else.
///
/// The OpenAI chat request is read leniently, as clients of the original PersonalMem and the
/// `openai` package send it: a member of the wrong type is not a decoding failure but a value the
/// reader (``ChatRequestParser``) turns into the same 400 it has always given, in the same order,
/// and a member nobody reads (a message with a null content, a content part that is an image) is
/// simply not used. An absent or `null` member is `nil` (decoded with `decodeIfPresent`).
enum Sent<Value: Codable & Equatable>: Codable, Equatable {
    case value(Value)
    /// Something other than a `Value`, kept as sent (it is only ever reported, never used).
    case other(JSONValue)

    init(from decoder: any Decoder) throws {
        do {
            self = .value(try Value(from: decoder))
        } catch {
            do {
                self = .other(try JSONValue(from: decoder))
            } catch {
                // Only a number no Double holds (1e400) is not a JSONValue: the body is not JSON
                // the server can read, as before the wire types.
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a number out of range"))
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .value(let value): try value.encode(to: encoder)
        case .other(let json): try json.encode(to: encoder)
        }
    }

    var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension KeyedDecodingContainer {
    /// A member that may be absent, `null` or a value (`ExplicitNull<V>?`): absent is nil, `null`
    /// is an ``ExplicitNull`` holding nil, so the type encodes back what it read.
    func decodeIfPresent<V>(_ type: ExplicitNull<V>.Type, forKey key: Key) throws -> ExplicitNull<V>? {
        guard contains(key) else { return nil }
        return try decode(ExplicitNull<V>.self, forKey: key)
    }
}
