import Foundation

extension MemoryRecord {
    /// A `meta.jsonl` line read as ``init(from:)`` reads it: by the hand JSON parser when the line
    /// is exactly of the form this store writes (``init(parsed:)``).
    static func read(line: some Collection<UInt8>) throws -> MemoryRecord {
        try JSONLine.decode(MemoryRecord.self, from: line, parsed: MemoryRecord.init(parsed:))
    }

    /// The record from parsed JSON, or nil when `JSONDecoder` might read it otherwise: a member
    /// missing, null where it is required, of another type, or an integer of 2⁵³ or more (which a
    /// Double does not hold exactly).
    init?(parsed: JSONValue) {
        guard case .object(let members) = parsed,
            let memoryID = Self.integer(members["memory_id"]), case .string(let userID)? = members["user_id"],
            case .string(let convID)? = members["conv_id"], let turnID = Self.integer(members["turn_id"]).flatMap(Int.init(exactly:)),
            case .string(let stamp)? = members["ts"], let ts = Timestamp.parse(stamp), case .string(let summary)? = members["summary"],
            let rawUser = Self.optional(members["raw_user"], Self.text), let rawAssistant = Self.optional(members["raw_assistant"], Self.text),
            let kind = Self.optional(members["kind"], Self.text), let confidence = Self.optional(members["confidence"], Self.double),
            let mergedFrom = Self.optional(members["merged_from"], Self.integers), let speaker = Self.optional(members["speaker"], Self.text)
        else { return nil }
        self.init(
            memoryID: memoryID, userID: userID, convID: convID, turnID: turnID, ts: ts, summary: summary,
            rawUser: rawUser ?? "", rawAssistant: rawAssistant ?? "", kind: kind ?? Self.defaultKind,
            confidence: confidence ?? Self.defaultConfidence, mergedFrom: mergedFrom ?? [], speaker: speaker)
    }

    /// `.some(nil)` for a member absent or null (`decodeIfPresent`), `.some(value)` when `read` takes
    /// it, nil when it does not.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> T?? {
        guard let value, value != .null else { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }

    private static func text(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func double(_ value: JSONValue) -> Double? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// A whole number below 2⁵³ in magnitude: integer text at or past 2⁵³ may have been rounded on
    /// its way to a Double, and `JSONDecoder` reads it exactly.
    private static func integer(_ value: JSONValue?) -> Int64? {
        guard case .number(let number)? = value, abs(number) < JSONValue.maxSafeInteger else { return nil }
        return Int64(exactly: number)
    }

    private static func integers(_ value: JSONValue) -> [Int64]? {
        guard case .array(let items) = value else { return nil }
        var ids: [Int64] = []
        ids.reserveCapacity(items.count)
        for item in items {
            guard let id = integer(item) else { return nil }
            ids.append(id)
        }
        return ids
    }
}
