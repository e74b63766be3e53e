import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces several of a user's files as one step that survives a crash at any point.
///
/// Each new file is written as `<name>.next` and fsynced; then an empty marker `rewrite.commit` is
/// created (and the directory fsynced): from that moment the change is decided. The `.next` files
/// are renamed over their originals, the directory fsynced, and the marker removed. On open,
/// ``recover(in:)`` finishes the renames when the marker exists, and deletes leftover `.next` files
/// (a rewrite that never committed) when it does not.
enum RewriteCommit {
    /// The files a rewrite may replace.
    static let names: [UserMemoryStore.FileName] = [.meta, .vectors, .access]

    static func nextURL(_ name: UserMemoryStore.FileName, in directory: URL) -> URL {
        directory.appendingPathComponent(name.rawValue + ".next")
    }

    static func markerURL(in directory: URL) -> URL { UserMemoryStore.file(.rewriteMarker, in: directory) }

    /// Writes `bytes` to `<name>.next` and fsyncs it.
    static func writeNext(_ name: UserMemoryStore.FileName, _ bytes: some ContiguousBytes, in directory: URL) throws {
        try writeSynced(nextURL(name, in: directory), bytes)
    }

    /// Decides the rewrite (marker) and moves every present `.next` file into place.
    static func commit(in directory: URL) throws {
        try DurableFile.fsyncPath(directory.path)
        try writeSynced(markerURL(in: directory), [UInt8]())
        try DurableFile.fsyncPath(directory.path)
        try rollForward(in: directory)
    }

    /// Removes `.next` files of a rewrite that did not commit.
    static func discard(in directory: URL) {
        for name in names { unlink(nextURL(name, in: directory).path) }
    }

    /// Finishes a committed rewrite or discards an uncommitted one. Returns what it did, if anything.
    @discardableResult
    static func recover(in directory: URL) throws -> Recovery {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: markerURL(in: directory).path) {
            try rollForward(in: directory)
            return .rolledForward
        }
        let leftovers = names.filter { fileManager.fileExists(atPath: nextURL($0, in: directory).path) }
        guard !leftovers.isEmpty else { return .none }
        discard(in: directory)
        try DurableFile.fsyncPath(directory.path)
        return .discarded
    }

    enum Recovery: Equatable {
        case none, rolledForward, discarded
    }

    private static func rollForward(in directory: URL) throws {
        for name in names {
            let next = nextURL(name, in: directory)
            guard FileManager.default.fileExists(atPath: next.path) else { continue }
            let target = UserMemoryStore.file(name, in: directory)
            guard rename(next.path, target.path) == 0 else { throw FileIOError("rename", path: target.path) }
        }
        try DurableFile.fsyncPath(directory.path)
        let marker = markerURL(in: directory)
        guard unlink(marker.path) == 0 || errno == ENOENT else { throw FileIOError("unlink", path: marker.path) }
        try DurableFile.fsyncPath(directory.path)
    }

    private static func writeSynced(_ url: URL, _ bytes: some ContiguousBytes) throws {
        let fd = DurableFile.openDescriptor(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError("open", path: url.path) }
        defer { DurableFile.closeDescriptor(fd) }
        try bytes.withUnsafeBytes { try DurableFile.writeAll(fd, $0, path: url.path) }
        guard fsync(fd) == 0 else { throw FileIOError("fsync", path: url.path) }
    }
}
