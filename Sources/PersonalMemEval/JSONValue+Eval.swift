import PersonalMem

/// Reading helpers for the loosely typed fields of benchmark files (answers that are numbers,
/// evidence that is a string or a list, LoCoMo's session keys).
extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Strings as they are; numbers (integral ones without ".0") and booleans as text; nil otherwise.
    var text: String? {
        switch self {
        case .string(let value): return value
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// Whether this is the boolean true (or the string "true", or a non-zero number).
    var isTrue: Bool {
        switch self {
        case .bool(let value): return value
        case .number(let value): return value != 0
        case .string(let value): return value.lowercased() == "true"
        default: return false
        }
    }
}
