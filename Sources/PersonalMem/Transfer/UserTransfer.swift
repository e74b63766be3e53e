import Foundation

/// Moves everything about one user in and out: profile, history, conversations, memories.
/// Export → delete → import gives back the same profile, history, conversations and search results.
public struct UserTransfer: Sendable {
    let conversations: ConversationMemory
    let profiles: ProfileMemory

    public init(conversations: ConversationMemory, profiles: ProfileMemory) {
        self.conversations = conversations
        self.profiles = profiles
    }

    public func export(userID: String) async throws -> UserExport {
        let snapshot = try await profiles.repository.profile(userID)
        let history = try await profiles.history(userID).map { entry in
            UserExport.HistoryRow(
                field: entry.field, event: entry.event.rawValue, value: entry.value, oldValue: entry.oldValue, newValue: entry.newValue,
                source: entry.source, extractor: entry.extractor, createdAt: entry.createdAt)
        }
        let memory = try await conversations.exportConversations(userID: userID)
        return UserExport(
            userID: userID, exportedAt: Date(), profile: snapshot.profile.mapValues(\.json), history: history,
            conversations: memory.conversations, embeddingModel: memory.embeddingModel, embeddingDims: memory.embeddingDims,
            memories: memory.memories)
    }

    public struct ImportCounts: Sendable {
        public let profileFields: Int
        public let historyEvents: Int
        public let conversations: Int
        public let memories: Int
    }

    /// Imports into a user with nothing stored; `UserNotEmpty` otherwise. Profile values are
    /// validated against the catalog like any write.
    public func `import`(_ export: UserExport, into userID: String) async throws -> ImportCounts {
        try export.checkRanges()
        var profile: Profile = [:]
        for (field, value) in export.profile {
            do {
                profile[field] = try profiles.catalog.validate(value, forField: field)
            } catch {
                throw ImportRejected(reason: error.message, field: "profile.\(field)")
            }
        }
        for row in export.history where ProfileEvent.Kind(rawValue: row.event) == nil {
            throw ImportRejected(reason: "history event '\(row.event)' is not ADD, UPDATE or DELETE", field: "history.event")
        }
        let existing = try await conversations.stats(userID: userID)
        guard existing.memories == 0, existing.conversations == 0 else { throw UserNotEmpty() }
        guard try await profiles.repository.importUser(userID, profile: profile, history: export.history) else { throw UserNotEmpty() }
        profiles.cache.invalidate(userID)
        try await conversations.importConversations(userID: userID, from: export)
        return ImportCounts(
            profileFields: profile.count, historyEvents: export.history.count, conversations: export.conversations.count,
            memories: export.memories.count)
    }
}

extension UserExport {
    /// A flat table: one row per profile field and one per memory.
    public var csv: String {
        var rows = [["record", "key", "value", "conv_id", "turn_id", "ts", "type", "confidence", "access_count"]]
        for field in profile.keys.sorted() {
            let value: String = if case .string(let text)? = profile[field] { text } else { profile[field]?.jsonText ?? "" }
            rows.append(["profile", field, value, "", "", "", "", "", ""])
        }
        for memory in memories {
            let record = memory.record
            rows.append([
                "memory", String(record.memoryID), record.summary, record.convID, String(record.turnID), Timestamp.format(record.ts),
                record.kind, String(record.confidence), String(memory.accessCount),
            ])
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
