import Foundation

/// The append-only JSONL log of one conversation: `<userDir>/conversations/<safe conv id>.jsonl`.
///
/// Each ``append(user:assistant:at:)`` writes one `{turn_id, ts, user, assistant}` line and fsyncs before
/// returning. A torn (unterminated) last line left by a crash is never read, and is cut off before the
/// next append. Conversations are listed in `conversations/_index.jsonl` (the file names are hashed).
/// Not thread-safe: access is serialised by the owner (``UserMemoryStore`` under ``UserMemoryStores``).
public final class ConversationLog: @unchecked Sendable {
    /// The conversation id as given by the client.
    public let conversationID: String
    /// The log file.
    public let url: URL

    private let lines: JSONLinesFile
    /// The last turn id written (0 for an empty log).
    public private(set) var lastTurnID: Int

    /// Opens or creates a conversation's log under a user's directory (which must exist).
    public init(userDirectory: URL, conversationID: String) throws {
        self.conversationID = conversationID
        url = try UserDirectory.conversationFile(in: userDirectory, conversationID: conversationID)
        let folder = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: url.path) {
            try DurableFile.createDirectory(folder)
            let info = ConversationInfo(conversationID: conversationID, fileName: url.lastPathComponent, created: Date())
            let index = try JSONLinesFile(url: Self.indexURL(in: folder))
            defer { index.closeHandle() }
            try index.append([JSONLine.encode(info)])
        }
        lines = try JSONLinesFile(url: url)
        lastTurnID = 0
        for line in try lines.lastLines(8).reversed() {
            if let turn = try? ConversationTurn.read(line: line) {
                lastTurnID = turn.turnID
                break
            }
        }
    }

    /// Whether the file currently ends with a torn line (repaired on the next append).
    public var hasTornTail: Bool { lines.hasTornTail }

    /// Appends the next turn (turn id = last + 1) and returns it once it is on disk.
    @discardableResult
    public func append(user: String, assistant: String, at ts: Date = Date()) throws -> ConversationTurn {
        let turn = ConversationTurn(turnID: lastTurnID + 1, ts: ts, user: user, assistant: assistant)
        try append(turn)
        return turn
    }

    /// Appends the next turn like ``append(user:assistant:at:)`` but returns before it is on disk:
    /// the ``PendingFlush`` puts it there, and can run outside the store's lock beside other work.
    public func appendDeferringFlush(user: String, assistant: String, at ts: Date = Date()) throws -> (turn: ConversationTurn, flush: PendingFlush) {
        let turn = ConversationTurn(turnID: lastTurnID + 1, ts: ts, user: user, assistant: assistant)
        let flush = try lines.appendDeferringFlush([JSONLine.encode(turn)])
        lastTurnID = turn.turnID
        return (turn, flush)
    }

    /// Appends a record as given (its turn id becomes the log's last turn id).
    public func append(_ turn: ConversationTurn) throws {
        try lines.append([JSONLine.encode(turn)])
        lastTurnID = turn.turnID
    }

    /// The last `n` turns, oldest first. Lines that do not decode are skipped.
    public func last(_ n: Int) throws -> [ConversationTurn] {
        try lines.lastLines(n).compactMap { try? ConversationTurn.read(line: $0) }
    }

    /// One turn by id, read backwards from the end (where a turn waiting to be indexed is).
    public func turn(_ turnID: Int) throws -> ConversationTurn? {
        guard turnID > 0, turnID <= lastTurnID else { return nil }
        if let turn = try last(lastTurnID - turnID + 1).first(where: { $0.turnID == turnID }) { return turn }
        return try all().first { $0.turnID == turnID }
    }

    /// Every turn, oldest first.
    public func all() throws -> [ConversationTurn] {
        var turns: [ConversationTurn] = []
        try lines.forEachLine { _, line in
            if let turn = try? ConversationTurn.read(line: line) { turns.append(turn) }
        }
        return turns
    }

    /// Releases the file descriptor.
    public func close() { lines.closeHandle() }

    /// The conversations started in a user's directory, oldest first (one entry per id).
    public static func list(userDirectory: URL) throws -> [ConversationInfo] {
        let folder = userDirectory.appendingPathComponent("conversations", isDirectory: true)
        let indexURL = indexURL(in: folder)
        guard FileManager.default.fileExists(atPath: indexURL.path) else { return [] }
        let index = try JSONLinesFile(url: indexURL)
        defer { index.closeHandle() }
        var seen = Set<String>()
        var result: [ConversationInfo] = []
        try index.forEachLine { _, line in
            guard let info = try? JSONLine.decode(ConversationInfo.self, from: line), seen.insert(info.conversationID).inserted else { return }
            result.append(info)
        }
        return result
    }

    static func indexURL(in folder: URL) -> URL { folder.appendingPathComponent("_index.jsonl") }
}
