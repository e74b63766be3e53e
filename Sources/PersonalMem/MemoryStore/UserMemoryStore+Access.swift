import Foundation

/// Access statistics: counted in memory each time the chat pipeline puts a memory into a prompt (never
/// by search, so searching does not change what later searches find), written to `access.json` only by
/// ``UserMemoryStore/flushAccess()``, which ``UserMemoryStore/snapshot()`` and ``UserMemoryStore/close()``
/// call. Accesses noted since the last flush are lost if the process crashes; they are soft ranking
/// signals, so one write per search is not worth it.
extension UserMemoryStore {
    /// Counts one access at `date` for each id (unknown ids are ignored). In memory only; no file is written.
    public func noteAccess(ids: [Int64], at date: Date = Date()) {
        guard !isClosed else { return }
        for id in ids where rows.row(of: id) != nil { access.note(id, at: date) }
    }

    /// The access count and last access of a memory (zero and nil when never accessed or unknown).
    public func accessStats(_ id: Int64) -> MemoryAccessStats {
        access.stats[id] ?? MemoryAccessStats()
    }

    /// Access statistics of every memory accessed at least once, by memory id.
    public func allAccessStats() -> [Int64: MemoryAccessStats] {
        access.stats
    }

    /// Writes `access.json` atomically if anything changed since the last flush.
    public func flushAccess() throws {
        try ensureOpen()
        guard access.isDirty else { return }
        try DurableFile.replace(file(.access), with: access.encoded())
        access.markClean()
    }

    /// Reads `access.json` at open, keeping entries of memories that exist; unreadable → empty with a warning.
    func loadAccess() {
        do {
            access = try AccessLedger.read(from: file(.access))
        } catch {
            configuration.onWarning("access.json of \(directory.lastPathComponent) is unreadable; access statistics start over")
            access = AccessLedger()
        }
        access.keepOnly { rows.row(of: $0) != nil }
    }
}
