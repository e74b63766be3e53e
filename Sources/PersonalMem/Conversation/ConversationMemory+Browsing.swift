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
        try await stores.withStore(userID: userID) { store in
            try store.conversations().map { info in
                let turns = try store.conversation(info.conversationID).all()
                return ConversationSummary(conversationID: info.conversationID, turns: turns.count, lastTimestamp: turns.last?.ts ?? info.created)
            }
            .sorted { ($0.lastTimestamp ?? .distantPast) > ($1.lastTimestamp ?? .distantPast) }
        }
    }

    /// Every turn of one conversation, oldest first.
    public func turns(userID: String, conversationID: String) async throws -> [ConversationTurn] {
        try await stores.withStore(userID: userID) { store in
            guard try store.conversations().contains(where: { $0.conversationID == conversationID }) else { return [] }
            return try store.conversation(conversationID).all()
        }
    }

    /// Removes the user's conversation files, index and memories.
    public func deleteUser(_ userID: String) async throws {
        try await stores.deleteUser(userID)
    }
}
