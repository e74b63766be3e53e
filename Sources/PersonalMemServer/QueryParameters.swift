import Hummingbird

/// A request's query string read the way browsers, HTML forms and `requests` write it:
/// `+` is a space, `%XX` is a byte, and every name and value must be UTF-8 (a 400 otherwise,
/// naming the parameter). A `%` not followed by two hex digits is kept as it is.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = part.firstIndex(of: "=")
            let rawName = equals.map { part[..<$0] } ?? part[...]
            let rawValue = equals.map { part[part.index(after: $0)...] } ?? ""
            guard let name = Self.decode(rawName) else {
                throw APIError.badRequest("A query parameter name is not valid UTF-8.")
            }
            guard let value = Self.decode(rawValue) else {
                var error = APIError.badRequest("Query parameter '\(name)' is not valid UTF-8 once percent-decoded.")
                error.field = name
                throw error
            }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, nil when absent.
    func get(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Form decoding of one name or value; nil when the bytes are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Request {
    /// The query string, form-decoded; a 400 when it is not UTF-8.
    func query() throws -> QueryParameters {
        try QueryParameters(uri.query)
    }
}
