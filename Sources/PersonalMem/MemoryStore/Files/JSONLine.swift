import Foundation

/// Encoding and decoding of single JSON Lines records (compact, sorted keys, never a raw newline).
enum JSONLine {
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws -> Value {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// A line read by the hand JSON parser when `parsed` takes what it gives (`JSONDecoder` costs
    /// about 16 µs a line, and a chat reads dozens), otherwise by `JSONDecoder`, which decides it.
    /// `parsed` must refuse whatever `JSONDecoder` might read otherwise.
    static func decode<Value: Decodable>(
        _ type: Value.Type, from bytes: some Collection<UInt8>, parsed: (JSONValue) -> Value?
    ) throws -> Value {
        let data = Data(bytes)
        if let json = try? JSONValue.parse(data), let value = parsed(json) { return value }
        return try JSONDecoder().decode(type, from: data)
    }
}
