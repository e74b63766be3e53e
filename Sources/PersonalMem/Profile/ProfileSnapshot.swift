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
    public var context: String { rendering.context }
    /// The profile as compact JSON and the context as a JSON string literal, encoded once per
    /// version so that cached reads only concatenate; each made on first use, so a write's answer
    /// (which shows the context only) encodes no JSON it does not send.
    public var profileJSON: String { rendering.profileJSON }
    public var contextJSON: String { rendering.contextJSON }

    public var hasMemories: Bool { !profile.isEmpty }

    public static func == (a: ProfileSnapshot, b: ProfileSnapshot) -> Bool {
        a.userID == b.userID && a.version == b.version && a.profile == b.profile
    }

    /// The texts rendered from one profile, each computed once and shared by every copy of the snapshot.
    private final class Rendering: Sendable {
        struct Texts: Sendable {
            var context: String?
            var profileJSON: String?
            var contextJSON: String?
        }

        private let profile: Profile
        private let renderer: ContextRenderer
        private let texts = Mutex(Texts())

        init(profile: Profile, renderer: ContextRenderer) {
            self.profile = profile
            self.renderer = renderer
        }

        var context: String { once(\.context) { renderer.render(profile) } }
        var profileJSON: String { once(\.profileJSON) { JSONValue.object(profile.mapValues(\.json)).jsonText } }
        var contextJSON: String { once(\.contextJSON) { JSONValue.string(context).jsonText } }

        /// The text at `key`, made outside the lock by the first caller; a racing second maker's copy is dropped.
        private func once(_ key: WritableKeyPath<Texts, String?> & Sendable, _ make: () -> String) -> String {
            if let done = texts.withLock({ $0[keyPath: key] }) { return done }
            let made = make()
            return texts.withLock { texts in
                if let done = texts[keyPath: key] { return done }
                texts[keyPath: key] = made
                return made
            }
        }
    }
}
