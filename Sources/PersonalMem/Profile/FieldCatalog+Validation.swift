import Foundation

/// Why a value was refused for a field; the message names the field and what was expected.
public struct FieldValidationError: Error, Sendable, Equatable {
    public let field: String
    public let message: String
}

extension FieldCatalog {
    /// Turns an untyped value into the field's typed, normalised value.
    /// Texts are trimmed; lists are de-duplicated case-insensitively, first spelling kept.
    /// A single text is accepted where a list is expected, a digit string where an integer is.
    public func validate(_ value: JSONValue, for definition: FieldDefinition) throws(FieldValidationError) -> ProfileValue {
        func refuse(_ expected: String) -> FieldValidationError {
            FieldValidationError(field: definition.name, message: "field '\(definition.name)' expects \(expected)")
        }
        switch definition.kind {
        case .text:
            guard let text = Self.scalarText(value) else {
                if case .number = value { throw refuse("a text, or a number no larger than 2^53") }
                throw refuse("a non-empty text")
            }
            guard text.count <= Self.maxTextLength else { throw refuse("a text of at most \(Self.maxTextLength) characters") }
            return .text(text)
        case .integer:
            let number: Int?
            switch value {
            case .number(let double) where double.rounded() == double && abs(double) < 1e9: number = Int(double)
            case .string(let text): number = Int(text.trimmingCharacters(in: .whitespaces))
            default: number = nil
            }
            guard let number else { throw refuse("a whole number") }
            if let range = definition.range, !range.contains(number) {
                throw refuse("a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return .integer(number)
        case .list:
            let elements: [JSONValue] = if case .array(let items) = value { items } else { [value] }
            var items: [String] = []
            for element in elements {
                guard let text = Self.scalarText(element), text.count <= Self.maxTextLength else {
                    throw refuse("a list of non-empty texts")
                }
                items.append(text)
            }
            let unique = Self.deduplicated(items)
            guard !unique.isEmpty else { throw refuse("a non-empty list of texts") }
            guard unique.count <= Self.maxListItems else { throw refuse("at most \(Self.maxListItems) items") }
            return .list(unique)
        case .objects:
            let elements: [JSONValue] = if case .array(let items) = value { items } else { [value] }
            var objects: [[String: String]] = []
            for element in elements {
                guard case .object(let members) = element, !members.isEmpty else {
                    throw refuse("a list of objects whose members are texts")
                }
                var object: [String: String] = [:]
                for (key, member) in members {
                    guard let text = Self.scalarText(member), !key.utf8.contains(0) else { continue }
                    object[key.trimmingCharacters(in: .whitespaces)] = text
                }
                guard !object.isEmpty else { throw refuse("a list of objects whose members are texts") }
                if !objects.contains(where: { Self.sameObject($0, object) }) { objects.append(object) }
            }
            guard !objects.isEmpty else { throw refuse("a non-empty list of objects") }
            return .objects(objects)
        }
    }

    /// Validates a whole value for the named field, resolving the definition first.
    public func validate(_ value: JSONValue, forField name: String) throws(FieldValidationError) -> ProfileValue {
        guard let definition = definition(for: name, proposedValue: value) else {
            throw FieldValidationError(field: name, message: "'\(name)' is not a field name: use lower-case snake_case, not starting with an operation word")
        }
        return try validate(value, for: definition)
    }

    static func scalarText(_ value: JSONValue) -> String? {
        let raw: String
        switch value {
        case .string(let text): raw = text
        case .number(let number):
            // A whole number prints without ".0"; one beyond 2^53 is not a number anyone typed
            // exactly (and would not fit Int64 at 1e19), so it is refused rather than converted.
            guard number.isFinite, abs(number) <= 9_007_199_254_740_992 else { return nil }
            raw = number.rounded() == number ? String(Int64(number)) : String(number)
        case .bool(let flag): raw = flag ? "yes" : "no"
        default: return nil
        }
        let text = trimmingWhiteSpace(raw)
        // PostgreSQL cannot store U+0000 in text or jsonb: refused here, it never reaches a shared commit.
        return text.isEmpty || text.utf8.contains(0) ? nil : text
    }

    /// `raw` without white space and newlines at either end, as `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it. Text that starts and ends with a visible ASCII character
    /// (nearly every value) has nothing to trim and is returned as it is, without Foundation's
    /// bridge to `NSString` (2 % of a batch's server CPU).
    static func trimmingWhiteSpace(_ raw: String) -> String {
        if let first = raw.utf8.first, let last = raw.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Keeps the first spelling of each item, comparing case-insensitively.
    public static func deduplicated(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert(foldKey($0)).inserted }
    }

    /// The key under which two list items count as the same: case- and width-insensitive.
    /// ASCII text (most items) is lower-cased byte by byte, which is what Foundation's folding gives
    /// for it, so a write does not pay Foundation's folding for every stored item.
    public static func foldKey(_ item: String) -> String {
        let utf8 = item.utf8
        if utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 < 0x80 } }) ?? utf8.allSatisfy({ $0 < 0x80 }) {
            guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return item }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                var count = 0
                for byte in utf8 {
                    buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    count += 1
                }
                return count
            }
        }
        return item.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    static func sameObject(_ a: [String: String], _ b: [String: String]) -> Bool {
        a.count == b.count && a.allSatisfy { key, value in b[key].map { foldKey($0) == foldKey(value) } ?? false }
    }
}
