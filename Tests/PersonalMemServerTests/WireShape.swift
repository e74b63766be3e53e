import Foundation
import PersonalMem

@testable import PersonalMemServer

/// One wire type, type-erased: decodes JSON into the type and encodes it back.
struct WireShape: Sendable {
    let roundTrip: @Sendable (Data) throws -> Data

    init<Body: Codable>(_ type: Body.Type) {
        roundTrip = { data in try WireFormat.encode(try JSONDecoder().decode(Body.self, from: data)) }
    }

    /// A type with its own coders (the export format has its own date and key rules).
    init<Body: Codable>(_ type: Body.Type, encode: @escaping @Sendable (Body) throws -> Data, decoder: JSONDecoder) {
        roundTrip = { data in try encode(try decoder.decode(Body.self, from: data)) }
    }

    /// Several types for one body (`oneOf` in the document): the one that renders the value as it
    /// is, else the first that reads it.
    static func oneOf(_ shapes: WireShape...) -> WireShape {
        WireShape { data in
            var first: Result<Data, any Error>?
            for shape in shapes {
                let result = Result { try shape.roundTrip(data) }
                if case .success(data) = result { return data }
                if first == nil || (try? first?.get()) == nil { first = result }
            }
            return try first!.get()
        }
    }

    private init(roundTrip: @escaping @Sendable (Data) throws -> Data) { self.roundTrip = roundTrip }

    /// What differs between `value` and the type's own rendering of it, empty when they are the
    /// same bytes: a decoding failure, then each member missing, added or changed.
    func roundTripDifferences(_ value: JSONValue) throws -> [String] {
        let text = value.jsonText
        let encoded: Data
        do {
            encoded = try roundTrip(Data(text.utf8))
        } catch {
            return ["does not decode: \(error)"]
        }
        let again = String(decoding: encoded, as: UTF8.self)
        guard again != text else { return [] }
        let differences = JSONDifference.between(value, try JSONValue.parse(encoded))
        return differences.isEmpty ? ["same value, different bytes: \(again) instead of \(text)"] : differences
    }
}

/// Member-by-member differences between two JSON values, named by path.
enum JSONDifference {
    static func between(_ expected: JSONValue, _ actual: JSONValue, at path: String = "$") -> [String] {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).sorted().flatMap { key -> [String] in
                switch (left[key], right[key]) {
                case (let l?, let r?): return between(l, r, at: "\(path).\(key)")
                case (_?, nil): return ["\(path).\(key): in the document, not in the type"]
                case (nil, _?): return ["\(path).\(key): written by the type, not in the document"]
                case (nil, nil): return []
                }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).enumerated().flatMap { index, pair in between(pair.0, pair.1, at: "\(path)[\(index)]") }
        default:
            return expected == actual ? [] : ["\(path): \(expected.jsonText) in the document, \(actual.jsonText) from the type"]
        }
    }
}

extension JSONValue {
    /// The object without its `null` members (other values unchanged).
    var droppingNullMembers: JSONValue {
        guard case .object(let object) = self else { return self }
        return .object(object.filter { $0.value != .null })
    }
}
