/// What a change did to a field, decided against the stored profile.
public struct ProfileEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case add = "ADD"
        case update = "UPDATE"
        case delete = "DELETE"
    }

    public let field: String
    public let kind: Kind
    /// What changed: the new value for ADD and UPDATE of a scalar or a whole list, the items added
    /// to a list, the items or value removed for DELETE.
    public let value: ProfileValue
    /// The field's value before the change, nil when it was absent.
    public let oldValue: ProfileValue?
    /// The field's value after the change, nil when it is gone.
    public let newValue: ProfileValue?
}
