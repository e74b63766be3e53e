/// What a committed profile change tells other instances on ``PostgresProfileRepository/changeChannel``:
/// `"<version> <user id>"`, the version the change committed at and the user. User ids never hold a
/// space, so a payload without one is a bare user id (an import, which says no version).
public struct ProfileChangeNotice: Sendable, Equatable {
    public var userID: String
    /// The version the change committed at; nil when the payload names none.
    public var version: Int64?

    public init(userID: String, version: Int64?) {
        self.userID = userID
        self.version = version
    }

    /// Reads a payload; a leading token that is not a positive whole number leaves the whole payload as the id.
    public init(payload: String) {
        if let space = payload.utf8.firstIndex(of: UInt8(ascii: " ")),
           let version = Int64(payload[..<space]), version > 0 {
            self.init(userID: String(payload[payload.index(after: space)...]), version: version)
        } else {
            self.init(userID: payload, version: nil)
        }
    }

}
