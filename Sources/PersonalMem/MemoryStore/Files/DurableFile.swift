import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe whole-file writes: temporary file in the same directory → fsync → rename → fsync directory.
enum DurableFile {
    /// Replaces `url` with what `write` puts at the temporary URL it is given.
    static func replace(_ url: URL, write: (URL) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try write(temporary)
            try fsyncPath(temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw FileIOError("rename", path: url.path) }
        } catch {
            unlink(temporary.path)
            throw error
        }
        try fsyncPath(directory.path)
    }

    /// Replaces `url` with `data`.
    static func replace(_ url: URL, with data: Data) throws {
        try replace(url) { temporary in
            let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileIOError("open", path: temporary.path) }
            defer { close(fd) }
            try data.withUnsafeBytes { try writeAll(fd, $0, path: temporary.path) }
        }
    }

    /// fsyncs a file or directory by path.
    static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError("open", path: path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FileIOError("fsync", path: path) }
    }

    /// Creates a directory and its parents, fsyncing each parent whose entries changed.
    static func createDirectory(_ url: URL) throws {
        var missing: [URL] = []
        var current = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path) {
            missing.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        for directory in missing.reversed() {
            if mkdir(directory.path, 0o755) != 0 && errno != EEXIST { throw FileIOError("mkdir", path: directory.path) }
            try fsyncPath(directory.deletingLastPathComponent().path)
        }
    }

    /// `open(2)`, callable from types that have their own `open`.
    static func openDescriptor(_ path: String, _ flags: Int32, _ mode: mode_t = 0o644) -> Int32 { open(path, flags, mode) }

    /// `close(2)`, callable from types that have their own `close`.
    static func closeDescriptor(_ fd: Int32) { _ = close(fd) }

    /// Writes every byte, retrying short writes and EINTR.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileIOError("write", path: path)
            }
            offset += written
        }
    }
}
