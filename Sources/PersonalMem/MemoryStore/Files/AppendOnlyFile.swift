import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that only grows: every append is written whole and flushed to disk before returning.
/// Not thread-safe; owned by one log or store.
final class AppendOnlyFile {
    let url: URL
    private var fd: Int32
    /// Current size in bytes.
    private(set) var size: UInt64

    /// Opens (creating if needed) the file; a newly created file's directory entry is fsynced.
    init(url: URL) throws {
        self.url = url
        let existed = FileManager.default.fileExists(atPath: url.path)
        let fd = open(url.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIOError("open", path: url.path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw FileIOError("fstat", path: url.path)
        }
        self.fd = fd
        self.size = UInt64(info.st_size)
        if !existed { try DurableFile.fsyncPath(url.deletingLastPathComponent().path) }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends `bytes` and fdatasyncs. On failure the file is cut back to its previous size when possible.
    func append(_ bytes: [UInt8]) throws {
        try write(bytes, sync: true)
    }

    /// Appends `bytes` without waiting for the disk; the returned ``PendingFlush`` makes them durable
    /// (and can run while other work waits, outside the owner's lock). On a write failure the file is
    /// cut back to its previous size when possible.
    func appendDeferringFlush(_ bytes: [UInt8]) throws -> PendingFlush {
        try write(bytes, sync: false)
        let copy = dup(fd)
        guard copy >= 0 else { throw FileIOError("dup", path: url.path) }
        return PendingFlush(fd: copy, path: url.path)
    }

    private func write(_ bytes: [UInt8], sync: Bool) throws {
        guard fd >= 0 else { throw FileIOError("append", path: url.path, code: EBADF) }
        guard !bytes.isEmpty else { return }
        let before = size
        do {
            try bytes.withUnsafeBytes { try DurableFile.writeAll(fd, $0, path: url.path) }
            if sync { guard fdatasync(fd) == 0 else { throw FileIOError("fdatasync", path: url.path) } }
            size = before + UInt64(bytes.count)
        } catch {
            if ftruncate(fd, off_t(before)) == 0 { size = before }
            throw error
        }
    }

    /// Reads `length` bytes at `offset` (fewer only at end of file).
    func read(offset: UInt64, length: Int) throws -> [UInt8] {
        guard fd >= 0 else { throw FileIOError("read", path: url.path, code: EBADF) }
        var buffer = [UInt8](repeating: 0, count: length)
        var done = 0
        try buffer.withUnsafeMutableBytes { raw in
            while done < length {
                let n = pread(fd, raw.baseAddress! + done, length - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileIOError("pread", path: url.path)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < length { buffer.removeLast(length - done) }
        return buffer
    }

    /// Cuts the file to `newSize` bytes and flushes.
    func truncate(to newSize: UInt64) throws {
        guard fd >= 0 else { throw FileIOError("truncate", path: url.path, code: EBADF) }
        guard ftruncate(fd, off_t(newSize)) == 0, fsync(fd) == 0 else { throw FileIOError("ftruncate", path: url.path) }
        size = newSize
    }

    /// Closes the descriptor; later calls fail with EBADF.
    func closeHandle() {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}

/// Bytes written to a file but not yet flushed: ``flush()`` fdatasyncs them. It holds its own
/// descriptor (a duplicate), so it stays valid when the file is closed meanwhile. Used by one task.
public final class PendingFlush: @unchecked Sendable {
    private var fd: Int32
    private let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Waits until the bytes are on disk (blocking: call it on a thread pool). Once only.
    public func flush() throws {
        guard fd >= 0 else { throw FileIOError("fdatasync", path: path, code: EBADF) }
        defer {
            close(fd)
            fd = -1
        }
        guard fdatasync(fd) == 0 else { throw FileIOError("fdatasync", path: path) }
    }
}
