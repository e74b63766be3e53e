import Synchronization

/// A user's profile as stored, with the version it was read at and its rendered context.
public struct ProfileSnapshot: Sendable, Equatable {
    public let userID: String
    public let profile: Profile
    /// Grows with every change, across users and instances; 0 for a user with no stored profile.
    public let version: Int64
    private let rendering: Rendering

    public init(userID: String, profile: Profile, version: Int64, renderer: ContextRenderer) {
        self.userID = userID
        self.profile = profile
        self.version = version
        self.rendering = Rendering(profile: profile, renderer: renderer)
    }

    /// The rendered context, made on first use (a write that nobody reads renders nothing).
    public var context: String { rendering.value.context }
    /// The profile as compact JSON and the context as a JSON string literal, encoded once per
    /// version so that cached reads only concatenate.
    public var profileJSON: String { rendering.value.profileJSON }
    public var contextJSON: String { rendering.value.contextJSON }

    public var hasMemories: Bool { !profile.isEmpty }

    public static func == (a: ProfileSnapshot, b: ProfileSnapshot) -> Bool {
        a.userID == b.userID && a.version == b.version && a.profile == b.profile
    }

    /// The texts rendered from one profile, computed once and shared by every copy of the snapshot.
    private final class Rendering: Sendable {
        struct Texts: Sendable {
            let context: String
            let profileJSON: String
            let contextJSON: String
        }

        private let profile: Profile
        private let renderer: ContextRenderer
        private let texts = Mutex<Texts?>(nil)

        init(profile: Profile, renderer: ContextRenderer) {
            self.profile = profile
            self.renderer = renderer
        }

        var value: Texts {
            if let done = texts.withLock({ $0 }) { return done }
            let context = renderer.render(profile)
            let made = Texts(
                context: context, profileJSON: JSONValue.object(profile.mapValues(\.json)).jsonText,
                contextJSON: JSONValue.string(context).jsonText)
            return texts.withLock { texts in
                if let done = texts { return done }
                texts = made
                return made
            }
        }
    }
}
