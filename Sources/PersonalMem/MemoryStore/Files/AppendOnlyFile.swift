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
        guard fd >= 0 else { throw FileIOError("append", path: url.path, code: EBADF) }
        guard !bytes.isEmpty else { return }
        let before = size
        do {
            try bytes.withUnsafeBytes { try DurableFile.writeAll(fd, $0, path: url.path) }
            guard fdatasync(fd) == 0 else { throw FileIOError("fdatasync", path: url.path) }
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
