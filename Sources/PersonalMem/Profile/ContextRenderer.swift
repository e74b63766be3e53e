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
        var byCategory: [FieldCategory: [String]] = [:]
        for name in profile.keys {
            let category = catalog.definition(for: name)?.category ?? .other
            byCategory[category, default: []].append(name)
        }
        var lines = [Self.header]
        for category in FieldCategory.allCases {
            guard let names = byCategory[category] else { continue }
            lines.append("\(category.title):")
            let ordered = names.sorted { (catalog.position(of: $0), $0) < (catalog.position(of: $1), $1) }
            for name in ordered {
                guard let value = profile[name] else { continue }
                lines.append("- \(name): \(value.displayText)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
