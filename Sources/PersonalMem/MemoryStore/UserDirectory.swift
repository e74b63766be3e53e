import Foundation

/// Where a user's conversation memory lives: `<root>/users/<safe name>/`.
///
/// Ids never become paths directly. A safe name is an optional slug of up to 16 characters from
/// `[a-z0-9-]` (for people reading the disk) followed by the first 32 hex digits (128 bits) of the
/// SHA-256 of the id's UTF-8 bytes (for uniqueness). Every resolved path is checked to stay under the root.
public struct UserDirectory: Sendable {
    /// Errors for ids that cannot be stored.
    public enum Failure: Error, Sendable, Equatable {
        case emptyID
        case outsideRoot
    }

    /// `STORAGE_DIR`.
    public let root: URL

    /// `STORAGE_DIR/users`.
    public var usersRoot: URL { root.appendingPathComponent("users", isDirectory: true) }

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The directory for a user's files (not created here).
    public func directory(forUser userID: String) throws -> URL {
        try Self.child(of: usersRoot, named: Self.safeName(for: userID), isDirectory: true)
    }

    /// The JSONL log of one conversation inside a user's directory.
    public static func conversationFile(in userDirectory: URL, conversationID: String) throws -> URL {
        let folder = userDirectory.appendingPathComponent("conversations", isDirectory: true)
        return try child(of: folder, named: safeName(for: conversationID) + ".jsonl", isDirectory: false)
    }

    /// `<slug>-<32 hex>` or `<32 hex>` when the id has nothing slug-worthy. Never contains `/`, `.` or NUL.
    public static func safeName(for id: String) throws -> String {
        guard !id.isEmpty else { throw Failure.emptyID }
        let hash = String(SHA256.hex(Array(id.utf8)).prefix(32))
        let slug = slug(for: id)
        return slug.isEmpty ? hash : "\(slug)-\(hash)"
    }

    static func slug(for id: String) -> String {
        var slug = ""
        for scalar in id.lowercased().unicodeScalars {
            if slug.count >= 16 { break }
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    /// `parent/name`, refusing anything that does not resolve to a direct child of `parent`.
    static func child(of parent: URL, named name: String, isDirectory: Bool) throws -> URL {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\0"), name != ".", name != ".." else { throw Failure.outsideRoot }
        let base = parent.standardizedFileURL
        let candidate = base.appendingPathComponent(name, isDirectory: isDirectory).standardizedFileURL
        guard candidate.deletingLastPathComponent().standardizedFileURL.path == base.path,
            candidate.path.hasPrefix(base.path + "/")
        else { throw Failure.outsideRoot }
        return candidate
    }
}
