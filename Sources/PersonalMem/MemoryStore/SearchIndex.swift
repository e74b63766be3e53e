import Foundation

/// What ranking needs to know about a memory without reading its line from `meta.jsonl`: where it
/// sits in its conversation, when it was made, its kind and how sure its extractor was.
public struct MemoryFacts: Sendable, Hashable {
    public var memoryID: Int64
    public var convID: String
    public var turnID: Int
    public var ts: Date
    public var kind: String
    public var confidence: Double
    /// Whether the memory's text ends by asking (its last sentence is a question).
    public var asks: Bool

    public init(_ record: MemoryRecord) {
        memoryID = record.memoryID
        convID = record.convID
        turnID = record.turnID
        ts = record.ts
        kind = record.kind
        confidence = record.confidence
        asks = AskingTurn.asks(record.summary)
    }
}

/// The in-memory side of search besides FAISS: BM25 over the memory texts (``MemoryText/indexed(_:)``)
/// and every memory's ``MemoryFacts``. ``UserMemoryStore`` builds it from `meta.jsonl` on first use,
/// keeps it in step with every add and drops it on a rewrite, so a search reads a record's line only
/// for the memories it returns.
public struct SearchIndex: Sendable {
    public private(set) var keywords = KeywordIndex()
    public private(set) var facts: [Int64: MemoryFacts] = [:]

    public init() {}

    mutating func add(_ record: MemoryRecord) {
        keywords.add(id: record.memoryID, text: MemoryText.indexed(record))
        facts[record.memoryID] = MemoryFacts(record)
    }
}
