import Foundation

/// JSON text read by hand (RFC 8259): the same values `JSONDecoder` gives through
/// ``JSONValue/init(from:)``, without its cost: that initialiser tries each type in turn, and every
/// failed try builds a `DecodingError`; a batch body paid that for each of its values.
extension JSONValue {
    /// Parses JSON text into a value; throws on anything that is not JSON (invalid UTF-8, a number
    /// no Double holds, nesting deeper than 512, text after the value).
    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.atEnd else { throw JSONReader.Invalid(offset: reader.offset) }
            return value
        }
    }
}

/// A cursor over JSON text.
struct JSONReader {
    struct Invalid: Error, Sendable {
        let offset: Int
    }

    static let maxDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { offset >= bytes.count }

    private func fail() -> Invalid { Invalid(offset: offset) }

    mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func expect(_ literal: StaticString) throws(Invalid) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw fail() }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { throw fail() }
        offset += count
    }

    mutating func value(depth: Int) throws(Invalid) -> JSONValue {
        guard offset < bytes.count, depth < Self.maxDepth else { throw fail() }
        switch bytes[offset] {
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            offset += 1
            var elements: [JSONValue] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                skipSpace()
                // A comma before the closing bracket is accepted, as JSONDecoder accepts it.
                if !elements.isEmpty, offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    return .array(elements)
                }
                elements.append(try value(depth: depth + 1))
                skipSpace()
                guard offset < bytes.count else { throw fail() }
                defer { offset += 1 }
                if bytes[offset] == UInt8(ascii: "]") { return .array(elements) }
                guard bytes[offset] == UInt8(ascii: ",") else { throw fail() }
            }
        case UInt8(ascii: "{"):
            offset += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipSpace()
                if !members.isEmpty, offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                    return .object(members)
                }
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail() }
                let key = try string()
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail() }
                offset += 1
                skipSpace()
                // The first of repeated keys counts, as with JSONDecoder.
                let member = try value(depth: depth + 1)
                if members[key] == nil { members[key] = member }
                skipSpace()
                guard offset < bytes.count else { throw fail() }
                defer { offset += 1 }
                if bytes[offset] == UInt8(ascii: "}") { return .object(members) }
                guard bytes[offset] == UInt8(ascii: ",") else { throw fail() }
            }
        default:
            return .number(try number())
        }
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, finite.
    private mutating func number() throws(Invalid) -> Double {
        let start = offset
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.offset
            while reader.offset < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.offset]) { reader.offset += 1 }
            return reader.offset - first
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, (0x30...0x39).contains(bytes[offset]) else { throw fail() }
        if bytes[offset] == 0x30 { offset += 1 } else { _ = digits(&self) }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw fail() }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw fail() }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw fail() }
        return number
    }

    /// A string literal at the cursor (which is on its opening quote); escapes resolved, UTF-8 checked.
    private mutating func string() throws(Invalid) -> String {
        offset += 1
        let start = offset
        // Fast path: no escapes.
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") {
            guard bytes[offset] >= 0x20 else { throw fail() }
            offset += 1
        }
        guard offset < bytes.count else { throw fail() }
        if bytes[offset] == UInt8(ascii: "\"") {
            offset += 1
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(offset - 1)]), as: UTF8.self) else { throw fail() }
            return text
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while bytes[offset] == UInt8(ascii: "\\") {
            offset += 1
            guard offset < bytes.count else { throw fail() }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    try expect("\\u")
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail()
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail() }
                buffer.append(contentsOf: String(Character(unicode)).utf8)
            default: throw fail()
            }
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") {
                guard bytes[offset] >= 0x20 else { throw fail() }
                buffer.append(bytes[offset])
                offset += 1
            }
            guard offset < bytes.count else { throw fail() }
        }
        offset += 1
        guard let text = String(validating: buffer, as: UTF8.self) else { throw fail() }
        return text
    }

    private mutating func hex4() throws(Invalid) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw fail()
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
