import Foundation

/// One remembered turn in a user's `meta.jsonl`: `{memory_id, user_id, conv_id, turn_id, ts, summary,
/// raw_user, raw_assistant}`. The memory id is also the vector's id in the index.
public struct MemoryRecord: Sendable, Hashable, Codable {
    public var memoryID: Int64
    public var userID: String
    public var convID: String
    public var turnID: Int
    public var ts: Date
    public var summary: String
    public var rawUser: String
    public var rawAssistant: String

    public init(
        memoryID: Int64, userID: String, convID: String, turnID: Int, ts: Date,
        summary: String, rawUser: String, rawAssistant: String
    ) {
        self.memoryID = memoryID
        self.userID = userID
        self.convID = convID
        self.turnID = turnID
        self.ts = ts
        self.summary = summary
        self.rawUser = rawUser
        self.rawAssistant = rawAssistant
    }

    enum CodingKeys: String, CodingKey {
        case memoryID = "memory_id"
        case userID = "user_id"
        case convID = "conv_id"
        case turnID = "turn_id"
        case ts, summary
        case rawUser = "raw_user"
        case rawAssistant = "raw_assistant"
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
    }

    /// Reads `memory_id` from an encoded line without decoding the rest (nil if the key is not found).
    ///
    /// Safe against look-alikes in text: inside a JSON string every `"` is escaped, so the bytes
    /// `"memory_id":` only occur as the key.
    static func fastMemoryID(in line: ArraySlice<UInt8>) -> Int64? {
        let key = Array("\"memory_id\":".utf8)
        guard line.count > key.count else { return nil }
        var i = line.startIndex
        let last = line.endIndex - key.count
        while i <= last {
            if line[i] == key[0] && line[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < line.endIndex && line[j] == UInt8(ascii: " ") { j += 1 }
                var negative = false
                if j < line.endIndex && line[j] == UInt8(ascii: "-") {
                    negative = true
                    j += 1
                }
                var value: Int64 = 0
                var digits = 0
                while j < line.endIndex, line[j] >= UInt8(ascii: "0"), line[j] <= UInt8(ascii: "9") {
                    let (times, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(Int64(line[j] - UInt8(ascii: "0")))
                    if o1 || o2 { return nil }
                    value = sum
                    digits += 1
                    j += 1
                }
                return digits > 0 ? (negative ? -value : value) : nil
            }
            i += 1
        }
        return nil
    }
}

/// What the caller knows about a new memory; the store assigns its id and user.
public struct MemoryDraft: Sendable, Hashable {
    public var convID: String
    public var turnID: Int
    public var ts: Date
    public var summary: String
    public var rawUser: String
    public var rawAssistant: String

    public init(convID: String, turnID: Int, ts: Date = Date(), summary: String, rawUser: String, rawAssistant: String) {
        self.convID = convID
        self.turnID = turnID
        self.ts = ts
        self.summary = summary
        self.rawUser = rawUser
        self.rawAssistant = rawAssistant
    }
}

/// A search hit: the record and its cosine similarity to the query.
public struct ScoredMemory: Sendable, Hashable {
    public var record: MemoryRecord
    public var score: Float
}
