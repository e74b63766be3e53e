/// Renders a profile as compact text for a system prompt: grouped by category in catalog order,
/// one line per field, the same text for the same profile every time.
public struct ContextRenderer: Sendable {
    public let catalog: FieldCatalog

    public init(catalog: FieldCatalog = .standard) {
        self.catalog = catalog
    }

    public static let header = "User Information:"

    /// The empty string for an empty profile.
    public func render(_ profile: Profile) -> String {
        guard !profile.isEmpty else { return "" }
        // Each field's place once (category in `FieldCategory.allCases` order, catalog position, name),
        // one sort, and one string: every answer to a message renders its context.
        let placed = profile.keys.map { name in
            (category: Self.categoryIndex[catalog.definition(for: name)?.category ?? .other] ?? 0, position: catalog.position(of: name), name: name)
        }.sorted { ($0.category, $0.position, $0.name) < ($1.category, $1.position, $1.name) }
        var text = Self.header
        var category = -1
        for field in placed {
            guard let value = profile[field.name] else { continue }
            if field.category != category {
                category = field.category
                text += "\n"
                text += FieldCategory.allCases[category].title
                text += ":"
            }
            text += "\n- "
            text += field.name
            text += ": "
            text += value.displayText
        }
        return text
    }

    private static let categoryIndex = Dictionary(uniqueKeysWithValues: FieldCategory.allCases.enumerated().map { ($1, $0) })
}
