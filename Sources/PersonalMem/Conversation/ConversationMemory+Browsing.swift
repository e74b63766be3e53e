import Foundation

/// A conversation as listed for a user.
public struct ConversationSummary: Sendable, Equatable {
    public let conversationID: String
    public let turns: Int
    public let lastTimestamp: Date?
}

extension ConversationMemory {
    /// The user's conversations, most recent first.
    public func conversations(userID: String) async throws -> [ConversationSummary] {
        try await stores.withStoreOffloaded(userID: userID) { store in
            try store.conversations().map { info in
                let turns = try store.conversation(info.conversationID).all()
                return ConversationSummary(conversationID: info.conversationID, turns: turns.count, lastTimestamp: turns.last?.ts ?? info.created)
            }
            .sorted { ($0.lastTimestamp ?? .distantPast) > ($1.lastTimestamp ?? .distantPast) }
        }
    }

    /// Every turn of one conversation, oldest first.
    public func turns(userID: String, conversationID: String) async throws -> [ConversationTurn] {
        try await stores.withStoreOffloaded(userID: userID) { store in
            guard try store.hasConversation(conversationID) else { return [] }
            return try store.conversation(conversationID).all()
        }
    }

    /// Removes the user's conversation files, index and memories, and everything held in memory
    /// about them (keyword index, access statistics, open files); chat answers under way for the
    /// user store nothing afterwards.
    public func deleteUser(_ userID: String) async throws {
        try await stores.deleteUser(userID)
    }

    /// Deletes everything about the user, in the order that lets delete win over work under way:
    /// revoke the passes of chats under way, delete the rows (raising the user's generation), then the
    /// files and in-memory state. Returns how many rows went.
    public func eraseUser(_ userID: String) async throws -> Int {
        stores.fence.revoke(userID)
        let rows = try await profiles.deleteUser(userID)
        try await deleteUser(userID)
        return rows
    }
}
