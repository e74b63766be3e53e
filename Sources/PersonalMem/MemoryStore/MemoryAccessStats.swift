import Foundation

/// How often and when a memory was last put into a chat prompt.
public struct MemoryAccessStats: Sendable, Hashable, Codable {
    public var count: Int
    public var lastAccess: Date?

    public init(count: Int = 0, lastAccess: Date? = nil) {
        self.count = count
        self.lastAccess = lastAccess
    }

    /// Counts added, the later access kept (for consolidating memories).
    public func combined(with other: MemoryAccessStats) -> MemoryAccessStats {
        let last = [lastAccess, other.lastAccess].compactMap { $0 }.max()
        return MemoryAccessStats(count: count + other.count, lastAccess: last)
    }
}

/// In-memory access counters of one store, persisted as `access.json`
/// (`{"version":1,"memories":[{"memory_id":…,"access_count":…,"last_access":"…"}]}`) only when flushed.
struct AccessLedger {
    private(set) var stats: [Int64: MemoryAccessStats] = [:]
    /// Whether anything changed since the last write.
    private(set) var isDirty = false

    mutating func note(_ id: Int64, at date: Date) {
        var entry = stats[id] ?? MemoryAccessStats()
        entry.count += 1
        if entry.lastAccess.map({ $0 < date }) ?? true { entry.lastAccess = date }
        stats[id] = entry
        isDirty = true
    }

    mutating func set(_ id: Int64, _ entry: MemoryAccessStats?) {
        stats[id] = entry
        isDirty = true
    }

    mutating func removeAll(_ ids: some Sequence<Int64>) {
        for id in ids where stats.removeValue(forKey: id) != nil { isDirty = true }
    }

    /// Drops entries for memories that no longer exist (without marking the ledger dirty).
    mutating func keepOnly(_ isKnown: (Int64) -> Bool) {
        stats = stats.filter { isKnown($0.key) }
    }

    mutating func markClean() { isDirty = false }

    private struct Line: Codable {
        var memoryID: Int64
        var accessCount: Int
        var lastAccess: String?

        enum CodingKeys: String, CodingKey {
            case memoryID = "memory_id"
            case accessCount = "access_count"
            case lastAccess = "last_access"
        }
    }

    private struct File: Codable {
        var version: Int
        var memories: [Line]
    }

    func encoded() throws -> Data {
        let lines = stats.keys.sorted().map { id in
            let entry = stats[id]!
            return Line(memoryID: id, accessCount: entry.count, lastAccess: entry.lastAccess.map(Timestamp.format))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(File(version: 1, memories: lines))
    }

    /// Reads `access.json`; an absent file is an empty ledger, an unreadable one throws.
    static func read(from url: URL) throws -> AccessLedger {
        var ledger = AccessLedger()
        guard let data = FileManager.default.contents(atPath: url.path) else { return ledger }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw MemoryStoreError.corrupt("access.json does not decode")
        }
        for line in file.memories {
            ledger.stats[line.memoryID] = MemoryAccessStats(count: line.accessCount, lastAccess: line.lastAccess.flatMap(Timestamp.parse))
        }
        return ledger
    }
}
