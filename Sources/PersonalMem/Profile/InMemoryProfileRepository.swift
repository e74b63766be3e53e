import Foundation

/// Profiles, their history and the messages they came from, in memory, for unit tests of the
/// profile logic. It keeps the PostgreSQL repositories' rules (checked against them by one
/// contract test): versions from one sequence across users, history only for events, a row made by
/// a locked update even when nothing changes, and the generation a delete raises, which fences
/// later writes of work that began before it.
public actor InMemoryProfileRepository: ProfileRepository, MessageRepository {
    public nonisolated let catalog: FieldCatalog
    private let renderer: ContextRenderer

    private struct Row {
        var profile: Profile
        var version: Int64
    }

    private var rows: [String: Row] = [:]
    private var historyRows: [String: [HistoryEntry]] = [:]
    private var storedMessages: [Int64: StoredMessage] = [:]
    private var generations: [String: Int64] = [:]
    private var lastVersion: Int64 = 0
    private var lastHistoryID: Int64 = 0
    private var lastMessageID: Int64 = 0

    public init(catalog: FieldCatalog = .standard) {
        self.catalog = catalog
        self.renderer = ContextRenderer(catalog: catalog)
    }

    // MARK: - Profiles

    public func profile(_ userID: String) -> ProfileSnapshot {
        snapshot(userID, rows[userID]?.profile ?? [:], version: rows[userID]?.version ?? 0)
    }

    public func update(
        _ userID: String, source: ChangeSource, storingMessage: NewMessage?, extracting messageID: Int64?,
        expectedGeneration: Int64?, _ change: @escaping ProfileChange
    ) throws -> (snapshot: ProfileSnapshot, events: [ProfileEvent], source: ChangeSource) {
        try enter(userID, expecting: expectedGeneration)
        if let messageID, storedMessages[messageID] == nil { throw UserDeleted() }
        let (profile, events) = try change(rows[userID]?.profile ?? [:])
        // Decided: from here on everything is written, as one transaction would be.
        var source = source
        if let message = storingMessage {
            source = .message(insert(userID: userID, conversationID: message.conversationID, body: message.body, status: "extracted"),
                extractor: message.extractor)
        }
        if let messageID { storedMessages[messageID] = storedMessages[messageID]?.with(status: "extracted") }
        if rows[userID] == nil { rows[userID] = Row(profile: [:], version: nextVersion()) }
        if !events.isEmpty { write(profile, events: events, of: userID, source: source) }
        return (snapshot(userID, profile, version: rows[userID]!.version), events, source)
    }

    public func commitShared(_ userID: String, storingMessage: NewMessage?, cache: ProfileCache?, _ change: @escaping ProfileChange)
        throws -> SharedWriteResult
    {
        try enter(userID, expecting: nil)
        let before = rows[userID]
        let (profile, events) = try change(before?.profile ?? [:])
        var source = ChangeSource.batch
        if let message = storingMessage {
            source = .message(insert(userID: userID, conversationID: message.conversationID, body: message.body, status: "extracted"),
                extractor: message.extractor)
        }
        // A shared commit that changes nothing makes no row.
        if !events.isEmpty { write(profile, events: events, of: userID, source: source) }
        let version = rows[userID]?.version ?? 0
        let written = snapshot(userID, profile, version: version)
        if version != before?.version ?? 0 { cache?.storeCommitted(written) }
        return SharedWriteResult(snapshot: written, events: events, source: source)
    }

    public func history(_ userID: String) -> [HistoryEntry] {
        historyRows[userID] ?? []
    }

    public func importUser(_ userID: String, profile: Profile, history: [UserExport.HistoryRow]) throws -> Bool {
        try enter(userID, expecting: nil)
        if rows[userID].map({ !$0.profile.isEmpty }) == true || historyRows[userID]?.isEmpty == false { return false }
        rows[userID] = Row(profile: profile, version: nextVersion())
        for row in history {
            lastHistoryID += 1
            historyRows[userID, default: []].append(
                HistoryEntry(
                    id: lastHistoryID, field: row.field, event: ProfileEvent.Kind(rawValue: row.event) ?? .update, value: row.value,
                    oldValue: row.oldValue, newValue: row.newValue, source: row.source, extractor: row.extractor, createdAt: row.createdAt))
        }
        return true
    }

    public func deleteUser(_ userID: String) -> (rows: Int, versionFloor: Int64) {
        generations[userID, default: 0] += 1
        var count = rows.removeValue(forKey: userID) == nil ? 0 : 1
        count += historyRows.removeValue(forKey: userID)?.count ?? 0
        let messages = storedMessages.values.filter { $0.userID == userID }.map(\.id)
        for id in messages { storedMessages[id] = nil }
        count += messages.count
        return (count, nextVersion())
    }

    public func generation(_ userID: String) -> Int64 {
        generations[userID] ?? 0
    }

    // MARK: - Messages

    public func storeMessage(userID: String, conversationID: String?, body: String, expectedGeneration: Int64?) throws -> Int64 {
        try enter(userID, expecting: expectedGeneration)
        return insert(userID: userID, conversationID: conversationID, body: body, status: "pending")
    }

    public func message(_ id: Int64) -> StoredMessage? {
        storedMessages[id]
    }

    public func pendingMessages(userID: String?, limit: Int) -> [StoredMessage] {
        let pending = storedMessages.values.filter { $0.status != "extracted" && (userID == nil || $0.userID == userID) }
        return Array(pending.sorted { $0.id < $1.id }.prefix(max(0, limit)))
    }

    /// Marks the message failed (the reason is not kept: nothing here reads it back).
    public func markFailed(messageID: Int64, reason: String) {
        storedMessages[messageID] = storedMessages[messageID]?.with(status: "failed")
    }

    // MARK: - Rows

    /// Throws ``UserDeleted`` when the user's generation is not `expected`.
    private func enter(_ userID: String, expecting expected: Int64?) throws {
        if let expected, expected != generations[userID] ?? 0 { throw UserDeleted() }
    }

    private func nextVersion() -> Int64 {
        lastVersion += 1
        return lastVersion
    }

    private func snapshot(_ userID: String, _ profile: Profile, version: Int64) -> ProfileSnapshot {
        ProfileSnapshot(userID: userID, profile: profile, version: version, renderer: renderer)
    }

    private func write(_ profile: Profile, events: [ProfileEvent], of userID: String, source: ChangeSource) {
        rows[userID] = Row(profile: profile, version: nextVersion())
        for event in events {
            lastHistoryID += 1
            historyRows[userID, default: []].append(
                HistoryEntry(
                    id: lastHistoryID, field: event.field, event: event.kind, value: event.value.json, oldValue: event.oldValue?.json,
                    newValue: event.newValue?.json, source: source.source, extractor: source.extractor, createdAt: Date()))
        }
    }

    private func insert(userID: String, conversationID: String?, body: String, status: String) -> Int64 {
        lastMessageID += 1
        storedMessages[lastMessageID] = StoredMessage(id: lastMessageID, userID: userID, conversationID: conversationID, body: body, status: status)
        return lastMessageID
    }
}

extension StoredMessage {
    fileprivate func with(status: String) -> StoredMessage {
        StoredMessage(id: id, userID: userID, conversationID: conversationID, body: body, status: status)
    }
}
