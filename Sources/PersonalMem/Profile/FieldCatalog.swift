/// The catalog of profile fields: names, categories, kinds, and the rules that turn untyped
/// values into validated `ProfileValue`s. It is data in one place; nothing else knows field names.
public struct FieldCatalog: Sendable {
    public let fields: [FieldDefinition]
    private let byName: [String: FieldDefinition]
    private let opposites: [String: String]
    private let order: [String: Int]

    public static let standard = FieldCatalog(fields: builtInFields, opposites: builtInOpposites)

    public init(fields: [FieldDefinition], opposites: [(String, String)]) {
        self.fields = fields
        self.byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        self.order = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        var pairs: [String: String] = [:]
        for (a, b) in opposites {
            pairs[a] = b
            pairs[b] = a
        }
        self.opposites = pairs
    }

    /// Longest name accepted for a field the catalog does not know.
    public static let maxCustomNameLength = 48
    /// Longest text accepted in one value or list item.
    public static let maxTextLength = 500
    /// Most items kept in one list.
    public static let maxListItems = 200

    /// Prefixes that name an operation, never a field (the original stored `clear_work_context` as a field).
    static let reservedPrefixes = ["add_", "remove_", "replace_", "clear_", "delete_", "set_", "update_"]

    /// The definition for `name`: a catalog field, or a new snake_case field typed by its value
    /// (`favorite_*` is text, a plural `favorite_*s` such as `favorite_foods` a list). Nil when the
    /// name cannot be a field.
    public func definition(for name: String, proposedValue: JSONValue? = nil) -> FieldDefinition? {
        if let known = byName[name] { return known }
        guard Self.isValidCustomName(name) else { return nil }
        if name.hasPrefix("favorite_") {
            let thing = name.dropFirst(9).replacingOccurrences(of: "_", with: " ")
            return FieldDefinition(name, .preferences, Self.isPluralFavorite(name) ? .list : .text, "Favourite \(thing)")
        }
        let kind: FieldKind = if case .array = proposedValue { .list } else { .text }
        return FieldDefinition(name, .other, kind, "Custom field")
    }

    public func isKnown(_ name: String) -> Bool { byName[name] != nil }

    /// The field whose items `name` excludes, if any (likes ↔ dislikes).
    public func opposite(of name: String) -> String? { opposites[name] }

    /// Sort key for rendering: catalog fields in catalog order, then custom fields by name.
    public func position(of name: String) -> Int { order[name] ?? fields.count }

    static func isValidCustomName(_ name: String) -> Bool {
        guard (2...maxCustomNameLength).contains(name.count),
            let first = name.unicodeScalars.first, ("a"..."z").contains(first),
            !name.hasSuffix("_"), !name.contains("__")
        else { return false }
        guard name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return false }
        return !reservedPrefixes.contains { name.hasPrefix($0) }
    }
}
