import Foundation

/// An append-only JSON Lines file that tolerates a torn (unterminated) last line.
///
/// Reads see only whole lines: bytes after the last newline are ignored, and cut off before the next
/// append. Not thread-safe; owned by one log or store.
final class JSONLinesFile {
    private let file: AppendOnlyFile
    /// End of the last complete line.
    private(set) var validEnd: UInt64

    private static let newline = UInt8(ascii: "\n")
    private static let chunkSize = 1 << 20

    init(url: URL) throws {
        file = try AppendOnlyFile(url: url)
        validEnd = 0
        validEnd = try findValidEnd()
    }

    /// Whether the file ends with bytes of a line that was never finished.
    var hasTornTail: Bool { validEnd < file.size }

    /// Cuts a torn last line off the file.
    func repair() throws {
        if hasTornTail { try file.truncate(to: validEnd) }
    }

    /// Appends lines (each must be free of raw newlines), flushed before returning; returns their offsets.
    @discardableResult
    func append(_ lines: [[UInt8]]) throws -> [UInt64] {
        try repair()
        let (bytes, offsets) = joined(lines)
        try file.append(bytes)
        validEnd = file.size
        return offsets
    }

    /// Appends lines like ``append(_:)`` without waiting for the disk; the ``PendingFlush`` makes them durable.
    func appendDeferringFlush(_ lines: [[UInt8]]) throws -> PendingFlush {
        try repair()
        let flush = try file.appendDeferringFlush(joined(lines).bytes)
        validEnd = file.size
        return flush
    }

    private func joined(_ lines: [[UInt8]]) -> (bytes: [UInt8], offsets: [UInt64]) {
        var bytes: [UInt8] = []
        var offsets: [UInt64] = []
        for line in lines {
            offsets.append(validEnd + UInt64(bytes.count))
            bytes.append(contentsOf: line)
            bytes.append(Self.newline)
        }
        return (bytes, offsets)
    }

    /// Calls `body` with each complete line (without its newline) and its offset, first to last.
    func forEachLine(_ body: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        var offset: UInt64 = 0
        var pending: [UInt8] = []
        var pendingStart: UInt64 = 0
        while offset < validEnd {
            let length = Int(min(UInt64(Self.chunkSize), validEnd - offset))
            let chunk = try file.read(offset: offset, length: length)
            if chunk.isEmpty { break }
            var lineStart = 0
            for (i, byte) in chunk.enumerated() where byte == Self.newline {
                if pending.isEmpty {
                    try body(offset + UInt64(lineStart), chunk[lineStart..<i])
                } else {
                    pending.append(contentsOf: chunk[lineStart..<i])
                    try body(pendingStart, pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                lineStart = i + 1
            }
            if lineStart < chunk.count {
                if pending.isEmpty { pendingStart = offset + UInt64(lineStart) }
                pending.append(contentsOf: chunk[lineStart...])
            }
            offset += UInt64(chunk.count)
        }
    }

    /// The last `n` complete lines, oldest first, read backwards from the end: first a few KB (a
    /// chat's recent window is a handful of short lines), then chunks twice as large, up to 1 MiB.
    func lastLines(_ n: Int) throws -> [[UInt8]] {
        guard n > 0, validEnd > 0 else { return [] }
        var lines: [[UInt8]] = []
        var tail: [UInt8] = []
        var position = validEnd - 1
        var size = UInt64(n >= Self.chunkSize / 1024 ? Self.chunkSize : max(4096, n * 1024))
        while lines.count < n {
            let start = position >= size ? position - size : 0
            size = min(size * 2, UInt64(Self.chunkSize))
            let chunk = try file.read(offset: start, length: Int(position - start))
            var end = chunk.count
            var i = chunk.count - 1
            while i >= 0 && lines.count < n {
                if chunk[i] == Self.newline {
                    lines.append(Array(chunk[(i + 1)..<end]) + tail)
                    tail = []
                    end = i
                }
                i -= 1
            }
            if lines.count >= n { break }
            tail = Array(chunk[0..<end]) + tail
            if start == 0 {
                lines.append(tail)
                break
            }
            position = start
        }
        return lines.reversed()
    }

    /// Reads one line by offset and length (as remembered from ``forEachLine(_:)`` or ``append(_:)``).
    func line(at offset: UInt64, length: Int) throws -> [UInt8] {
        try file.read(offset: offset, length: length)
    }

    func closeHandle() { file.closeHandle() }

    private func findValidEnd() throws -> UInt64 {
        var end = file.size
        while end > 0 {
            let start = end >= UInt64(Self.chunkSize) ? end - UInt64(Self.chunkSize) : 0
            let chunk = try file.read(offset: start, length: Int(end - start))
            if let last = chunk.lastIndex(of: Self.newline) { return start + UInt64(last) + 1 }
            end = start
        }
        return 0
    }
}
