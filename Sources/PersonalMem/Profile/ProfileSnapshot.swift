/// A user's profile as stored, with the version it was read at and its rendered context.
public struct ProfileSnapshot: Sendable, Equatable {
    public let userID: String
    public let profile: Profile
    /// Grows with every change, across users and instances; 0 for a user with no stored profile.
    public let version: Int64
    public let context: String
    /// The profile as compact JSON and the context as a JSON string literal, encoded once per
    /// version so that cached reads only concatenate.
    public let profileJSON: String
    public let contextJSON: String

    public init(userID: String, profile: Profile, version: Int64, renderer: ContextRenderer) {
        self.userID = userID
        self.profile = profile
        self.version = version
        self.context = renderer.render(profile)
        self.profileJSON = JSONValue.object(profile.mapValues(\.json)).jsonText
        self.contextJSON = JSONValue.string(context).jsonText
    }

    public var hasMemories: Bool { !profile.isEmpty }
}
