import Foundation

/// The conversation half of a user export: logs and memories with their attributes and vectors.
public struct ConversationExport: Sendable {
    public var conversations: [UserExport.Conversation]
    public var memories: [UserExport.Memory]
    public var embeddingModel: String
    public var embeddingDims: Int
}

/// Import refused: the user already has conversation memory.
public struct UserNotEmpty: Error, Sendable {}

extension ConversationMemory {
    public func exportConversations(userID: String) async throws -> ConversationExport {
        try await stores.withStoreOffloaded(userID: userID) { store in
            let conversations = try store.conversations().map { info in
                UserExport.Conversation(conversationID: info.conversationID, turns: try store.conversation(info.conversationID).all())
            }
            let memories = try store.allRecordsWithVectors().map { item in
                let access = store.accessStats(item.record.memoryID)
                return UserExport.Memory(
                    record: item.record, accessCount: access.count, lastAccess: access.lastAccess, vector: UserExport.encodeVector(item.vector))
            }
            return ConversationExport(
                conversations: conversations, memories: memories, embeddingModel: store.embedding.model, embeddingDims: store.embedding.dims)
        }
    }

    /// Writes exported logs and memories into an empty user. Vectors are reused when they came
    /// from this service's embedding model, re-embedded from the memory text otherwise.
    public func importConversations(userID: String, from export: UserExport) async throws {
        // Vectors are kept only when they come from this embedder; otherwise (or with none) memories are embedded anew.
        let sameModel = export.embeddingDims > 0 && export.embeddingModel == embedder.model
            && export.embeddingDims == (embedder.dims ?? export.embeddingDims)
        var vectors: [[Float]] = []
        if sameModel {
            vectors = try export.memories.map { memory in
                guard let vector = UserExport.decodeVector(memory.vector), vector.count == export.embeddingDims else {
                    throw ImportRejected(reason: "memory \(memory.record.memoryID) has a malformed vector")
                }
                return vector
            }
        } else {
            for start in stride(from: 0, to: export.memories.count, by: 64) {
                let batch = export.memories[start..<min(start + 64, export.memories.count)]
                vectors += try await embedder.embed(batch.map { MemoryText.indexed($0.record) })
            }
        }
        let records = export.memories.map { memory in
            var record = memory.record
            record.userID = userID
            return record
        }
        let access = Dictionary(
            export.memories.map { ($0.record.memoryID, MemoryAccessStats(count: $0.accessCount, lastAccess: $0.lastAccess)) },
            uniquingKeysWith: { $1 })
        let finalVectors = vectors
        try await stores.withStoreOffloaded(userID: userID) { store in
            guard store.count == 0, try store.conversations().isEmpty else { throw UserNotEmpty() }
            for conversation in export.conversations {
                let log = try store.conversation(conversation.conversationID)
                for turn in conversation.turns { try log.append(turn) }
            }
            try store.add(records: records, vectors: finalVectors, access: access)
        }
    }
}

/// An import file that cannot be used; the reason names what is wrong, never its content.
public struct ImportRejected: Error, Sendable {
    public let reason: String
    /// Where in the file, e.g. `memories[3].record.turn_id`, when one member is at fault.
    public var field: String? = nil
}
