/// The shape a profile field's value takes.
public enum FieldKind: String, Sendable, Codable, CaseIterable {
    case text
    case integer
    /// A list of short texts, de-duplicated case-insensitively.
    case list
    /// A list of small objects whose members are texts (for example jobs: company, role, type).
    case objects
}

/// One field of the profile catalog.
public struct FieldDefinition: Sendable, Hashable, Codable {
    public let name: String
    public let category: FieldCategory
    public let kind: FieldKind
    public let description: String
    /// Inclusive bounds for integer fields.
    public let range: ClosedRange<Int>?

    public init(_ name: String, _ category: FieldCategory, _ kind: FieldKind, _ description: String, range: ClosedRange<Int>? = nil) {
        self.name = name
        self.category = category
        self.kind = kind
        self.description = description
        self.range = range
    }
}

/// Categories group fields in the rendered context, in this order.
public enum FieldCategory: String, Sendable, Codable, CaseIterable {
    case identity, location, work, skills, preferences, lifestyle, relationships, languages, health
    case personality, possessions, social, other

    public var title: String {
        switch self {
        case .identity: "Identity"
        case .location: "Location"
        case .work: "Work and education"
        case .skills: "Skills"
        case .preferences: "Preferences"
        case .lifestyle: "Lifestyle"
        case .relationships: "Relationships"
        case .languages: "Languages"
        case .health: "Health"
        case .personality: "Personality"
        case .possessions: "Possessions"
        case .social: "Social"
        case .other: "Other"
        }
    }
}
