/// A validated, normalised value of one profile field.
public enum ProfileValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case list([String])
    case objects([[String: String]])

    /// The value as JSON, typed as a client sees it (age is a number, lists are arrays).
    public var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .integer(let number): .number(Double(number))
        case .list(let items): .array(items.map(JSONValue.string))
        case .objects(let objects):
            .array(objects.map { object in .object(object.mapValues(JSONValue.string)) })
        }
    }

    /// A short human reading of the value, as used in the rendered context.
    public var displayText: String {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .list(let items): items.joined(separator: ", ")
        case .objects(let objects):
            objects.map { object in
                object.keys.sorted().compactMap { key in object[key].map { "\(key): \($0)" } }
                    .joined(separator: ", ")
            }
            .map { "(\($0))" }
            .joined(separator: "; ")
        }
    }
}

/// A user's profile: field name to value.
public typealias Profile = [String: ProfileValue]

extension ProfileValue {
    /// A stored value, typed by its JSON shape: it was validated when it was stored, so it is trusted
    /// (a write does not re-validate the whole profile). Nil for a shape no field kind stores.
    public init?(stored value: JSONValue) {
        switch value {
        case .string(let text):
            self = .text(text)
        case .number(let number) where number.rounded() == number && abs(number) < 1e15:
            self = .integer(Int(number))
        case .array(let elements) where !elements.isEmpty:
            if case .string = elements[0] {
                var items: [String] = []
                items.reserveCapacity(elements.count)
                for element in elements {
                    guard case .string(let item) = element else { return nil }
                    items.append(item)
                }
                self = .list(items)
            } else {
                var objects: [[String: String]] = []
                for element in elements {
                    guard case .object(let members) = element else { return nil }
                    objects.append(members.compactMapValues(\.stringValue))
                }
                self = .objects(objects)
            }
        default:
            return nil
        }
    }
}
