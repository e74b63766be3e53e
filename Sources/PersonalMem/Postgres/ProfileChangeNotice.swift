/// What a committed profile change tells other instances on ``PostgresProfileRepository/changeChannel``:
/// `"<version> <user id>"` for a write, the version it committed at; `"<version> <user id> deleted"`
/// for a delete, the version it took (above every version committed before it). User ids never hold
/// a space, so a payload without one is a bare user id (an import, which says no version).
public struct ProfileChangeNotice: Sendable, Equatable {
    public var userID: String
    /// The version the change committed at; nil when the payload names none.
    public var version: Int64?
    /// Whether the change deleted the user.
    public var deleted: Bool

    public init(userID: String, version: Int64?, deleted: Bool = false) {
        self.userID = userID
        self.version = version
        self.deleted = deleted
    }

    /// Reads a payload; one that is not a positive whole number, a space and an id (then, for a
    /// delete, ` deleted`) is taken whole as a bare user id.
    public init(payload: String) {
        let parts = payload.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "deleted"), let version = Int64(parts[0]), version > 0,
              !parts[1].isEmpty
        else {
            self.init(userID: payload, version: nil)
            return
        }
        self.init(userID: String(parts[1]), version: version, deleted: parts.count == 3)
    }
}
