/// A user's profile as stored, with the version it was read at and its rendered context.
public struct ProfileSnapshot: Sendable, Equatable {
    public let userID: String
    public let profile: Profile
    /// Grows with every change, across users and instances; 0 for a user with no stored profile.
    public let version: Int64
    public let context: String

    public init(userID: String, profile: Profile, version: Int64, renderer: ContextRenderer) {
        self.userID = userID
        self.profile = profile
        self.version = version
        self.context = renderer.render(profile)
    }

    public var hasMemories: Bool { !profile.isEmpty }
}
