import Foundation

/// One remembered turn in a user's `meta.jsonl`: `{memory_id, user_id, conv_id, turn_id, ts, summary,
/// raw_user, raw_assistant, kind, confidence, merged_from, speaker}`. The memory id is also the vector's
/// id in the index. `ts` is when the memory was created; `conv_id`/`turn_id` are its source turn.
///
/// `kind`, `confidence`, `merged_from` and `speaker` were added later: lines without them decode with
/// the defaults (`"fact"`, 0.5, `[]`, nil).
public struct MemoryRecord: Sendable, Hashable, Codable {
    /// The kind a memory gets when nothing assigned one (raw value of the long-term `MemoryKind`).
    public static let defaultKind = "fact"
    /// The confidence a memory gets when nothing assigned one.
    public static let defaultConfidence = 0.5

    public var memoryID: Int64
    public var userID: String
    public var convID: String
    public var turnID: Int
    /// Created time.
    public var ts: Date
    public var summary: String
    public var rawUser: String
    public var rawAssistant: String
    /// Raw value of the long-term `MemoryKind` (preference, fact, commitment, instruction, entity, constraint).
    public var kind: String
    /// How sure the extractor was, 0...1.
    public var confidence: Double
    /// Ids of the memories this one was consolidated from (empty for an original memory).
    public var mergedFrom: [Int64]
    /// Who said it (e.g. the user's name), when known.
    public var speaker: String?

    public init(
        memoryID: Int64, userID: String, convID: String, turnID: Int, ts: Date,
        summary: String, rawUser: String, rawAssistant: String,
        kind: String = MemoryRecord.defaultKind, confidence: Double = MemoryRecord.defaultConfidence,
        mergedFrom: [Int64] = [], speaker: String? = nil
    ) {
        self.memoryID = memoryID
        self.userID = userID
        self.convID = convID
        self.turnID = turnID
        self.ts = ts
        self.summary = summary
        self.rawUser = rawUser
        self.rawAssistant = rawAssistant
        self.kind = kind
        self.confidence = confidence
        self.mergedFrom = mergedFrom
        self.speaker = speaker
    }

    /// A record for `draft` under the given id and user.
    public init(memoryID: Int64, userID: String, draft: MemoryDraft) {
        self.init(
            memoryID: memoryID, userID: userID, convID: draft.convID, turnID: draft.turnID, ts: draft.ts,
            summary: draft.summary, rawUser: draft.rawUser, rawAssistant: draft.rawAssistant,
            kind: draft.kind, confidence: draft.confidence, mergedFrom: draft.mergedFrom, speaker: draft.speaker)
    }

    enum CodingKeys: String, CodingKey {
        case memoryID = "memory_id"
        case userID = "user_id"
        case convID = "conv_id"
        case turnID = "turn_id"
        case ts, summary
        case rawUser = "raw_user"
        case rawAssistant = "raw_assistant"
        case kind, confidence
        case mergedFrom = "merged_from"
        case speaker
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        memoryID = try container.decode(Int64.self, forKey: .memoryID)
        userID = try container.decode(String.self, forKey: .userID)
        convID = try container.decode(String.self, forKey: .convID)
        turnID = try container.decode(Int.self, forKey: .turnID)
        ts = try Timestamp.decode(container, .ts)
        summary = try container.decode(String.self, forKey: .summary)
        rawUser = try container.decodeIfPresent(String.self, forKey: .rawUser) ?? ""
        rawAssistant = try container.decodeIfPresent(String.self, forKey: .rawAssistant) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? Self.defaultKind
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence) ?? Self.defaultConfidence
        mergedFrom = try container.decodeIfPresent([Int64].self, forKey: .mergedFrom) ?? []
        speaker = try container.decodeIfPresent(String.self, forKey: .speaker)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(memoryID, forKey: .memoryID)
        try container.encode(userID, forKey: .userID)
        try container.encode(convID, forKey: .convID)
        try container.encode(turnID, forKey: .turnID)
        try container.encode(Timestamp.format(ts), forKey: .ts)
        try container.encode(summary, forKey: .summary)
        try container.encode(rawUser, forKey: .rawUser)
        try container.encode(rawAssistant, forKey: .rawAssistant)
        try container.encode(kind, forKey: .kind)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(mergedFrom, forKey: .mergedFrom)
        try container.encodeIfPresent(speaker, forKey: .speaker)
    }
}

/// What the caller knows about a new memory; the store assigns its id and user.
public struct MemoryDraft: Sendable, Hashable {
    public var convID: String
    public var turnID: Int
    /// Created time.
    public var ts: Date
    public var summary: String
    public var rawUser: String
    public var rawAssistant: String
    /// Raw value of the long-term `MemoryKind`.
    public var kind: String
    /// How sure the extractor was, 0...1.
    public var confidence: Double
    /// Ids of the memories this one consolidates.
    public var mergedFrom: [Int64]
    /// Who said it, when known.
    public var speaker: String?

    public init(
        convID: String, turnID: Int, ts: Date = Date(), summary: String, rawUser: String, rawAssistant: String,
        kind: String = MemoryRecord.defaultKind, confidence: Double = MemoryRecord.defaultConfidence,
        mergedFrom: [Int64] = [], speaker: String? = nil
    ) {
        self.convID = convID
        self.turnID = turnID
        self.ts = ts
        self.summary = summary
        self.rawUser = rawUser
        self.rawAssistant = rawAssistant
        self.kind = kind
        self.confidence = confidence
        self.mergedFrom = mergedFrom
        self.speaker = speaker
    }
}

/// A search hit: the record and its cosine similarity to the query.
public struct ScoredMemory: Sendable, Hashable {
    public var record: MemoryRecord
    public var score: Float
}
