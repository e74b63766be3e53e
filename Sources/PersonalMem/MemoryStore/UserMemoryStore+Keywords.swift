extension UserMemoryStore {
    /// The BM25 index over the memory texts (``MemoryText/indexed(_:)``): built from `meta.jsonl` on
    /// first use, then kept in step by every add and import, and rebuilt after a rewrite. It lives
    /// and dies with the store, so a deleted user's words never weigh in anyone's scores.
    public func keywordIndex() throws -> KeywordIndex {
        try ensureOpen()
        if let keywords { return keywords }
        var index = KeywordIndex()
        for record in try allRecords() { index.add(id: record.memoryID, text: MemoryText.indexed(record)) }
        keywords = index
        return index
    }

    /// Whether the keyword index is built (for tests).
    public var hasKeywordIndex: Bool { keywords != nil }

    /// Whether a memory was already made from the given turn (a retried turn-recording job checks
    /// this before adding). Reads every record: use it only on retries.
    public func hasMemory(conversationID: String, turnID: Int) throws -> Bool {
        try ensureOpen()
        var found = false
        try meta.forEachLine { _, line in
            guard !found, let record = try? JSONLine.decode(MemoryRecord.self, from: line) else { return }
            found = record.convID == conversationID && record.turnID == turnID
        }
        return found
    }
}
