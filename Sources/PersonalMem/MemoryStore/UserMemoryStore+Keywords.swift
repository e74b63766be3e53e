extension UserMemoryStore {
    /// BM25 over the memory texts and each memory's facts (``SearchIndex``): built from `meta.jsonl`
    /// on first use, then kept in step by every add and import, and rebuilt after a rewrite. It lives
    /// and dies with the store, so a deleted user's words never weigh in anyone's scores.
    public func searchIndex() throws -> SearchIndex {
        try ensureOpen()
        if let lookup { return lookup }
        var built = SearchIndex()
        for record in try allRecords() { built.add(record) }
        lookup = built
        return built
    }

    /// Whether the search index is built (for tests).
    public var hasKeywordIndex: Bool { lookup != nil }

    /// Whether a memory was already made from the given turn (a retried turn-recording job checks
    /// this before adding). Reads every record: use it only on retries.
    public func hasMemory(conversationID: String, turnID: Int) throws -> Bool {
        try ensureOpen()
        var found = false
        try meta.forEachLine { _, line in
            guard !found, let record = try? MemoryRecord.read(line: line) else { return }
            found = record.convID == conversationID && record.turnID == turnID
        }
        return found
    }
}
