import Foundation

/// The numbers and ids an export file may carry. A file is outside input: every number is checked
/// here, before anything is stored, so a later `+ 1`, conversion or path never meets a value it
/// cannot hold.
extension UserExport {
    /// Largest memory id (and `merged_from` id) accepted: JSON numbers are exact up to 2^53.
    public static let maxMemoryID: Int64 = 1 << 53
    /// Largest turn id accepted.
    public static let maxTurnID = 1_000_000_000
    /// Largest access count accepted.
    public static let maxAccessCount = 1_000_000_000
    /// Largest embedding dimension accepted.
    public static let maxEmbeddingDims = 65_536

    /// Throws ``ImportRejected`` naming the first member out of range: ids that are not valid
    /// user/conversation ids, memory and turn ids that are not positive or too large (or repeated
    /// memory ids), counts that are negative, confidences outside 0...1, an embedding size outside 0...65536.
    public func checkRanges() throws(ImportRejected) {
        func reject(_ field: String, _ reason: String) -> ImportRejected {
            ImportRejected(reason: "\(field) \(reason)", field: field)
        }
        // 0: the file carries no vectors (a user without memories, or memories to embed on import).
        guard (0...Self.maxEmbeddingDims).contains(embeddingDims) else {
            throw reject("embedding_dims", "must be from 0 to \(Self.maxEmbeddingDims)")
        }
        for (c, conversation) in conversations.enumerated() {
            let path = "conversations[\(c)]"
            guard Self.isValidID(conversation.conversationID) else { throw reject("\(path).conversation_id", "is not a valid conversation id") }
            for (t, turn) in conversation.turns.enumerated() where !(1...Self.maxTurnID).contains(turn.turnID) {
                throw reject("\(path).turns[\(t)].turn_id", "must be from 1 to \(Self.maxTurnID)")
            }
        }
        var seen = Set<Int64>()
        for (m, memory) in memories.enumerated() {
            let path = "memories[\(m)]"
            let record = memory.record
            guard (1...Self.maxMemoryID).contains(record.memoryID) else {
                throw reject("\(path).record.memory_id", "must be from 1 to \(Self.maxMemoryID)")
            }
            guard seen.insert(record.memoryID).inserted else { throw reject("\(path).record.memory_id", "is used by an earlier memory") }
            guard record.mergedFrom.allSatisfy({ (1...Self.maxMemoryID).contains($0) }) else {
                throw reject("\(path).record.merged_from", "must hold memory ids from 1 to \(Self.maxMemoryID)")
            }
            guard (1...Self.maxTurnID).contains(record.turnID) else {
                throw reject("\(path).record.turn_id", "must be from 1 to \(Self.maxTurnID)")
            }
            guard Self.isValidID(record.convID) else { throw reject("\(path).record.conv_id", "is not a valid conversation id") }
            guard record.confidence.isFinite, (0...1).contains(record.confidence) else {
                throw reject("\(path).record.confidence", "must be from 0 to 1")
            }
            guard (0...Self.maxAccessCount).contains(memory.accessCount) else {
                throw reject("\(path).access_count", "must be from 0 to \(Self.maxAccessCount)")
            }
        }
    }

    /// The service's id rule: 1 to 128 of `[A-Za-z0-9._@:-]`, not dots only.
    public static func isValidID(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && !text.utf8.allSatisfy({ $0 == 0x2E })
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x40 || byte == 0x3A || byte == 0x2D
            }
    }
}
