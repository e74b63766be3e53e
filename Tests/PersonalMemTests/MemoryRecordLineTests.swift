import Foundation
import Testing

@testable import PersonalMem

/// `meta.jsonl` lines read by the hand parser must give what `JSONDecoder` gives, or the same refusal.
@Suite("Memory record lines")
struct MemoryRecordLineTests {
    /// The line through `JSONDecoder` alone, nil when it refuses it.
    static func byFoundation(_ line: String) -> MemoryRecord? {
        try? JSONDecoder().decode(MemoryRecord.self, from: Data(line.utf8))
    }

    static func read(_ line: String) -> MemoryRecord? {
        try? MemoryRecord.read(line: Array(line.utf8))
    }

    @Test("records as the store writes them, with awkward texts and ids, read back equal")
    func written() throws {
        var random = SystemRandomNumberGenerator()
        let pieces = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab", "émoji 🐕 and 中文", "\u{1}control", "", "/slash/", "\u{2028}"]
        for index in 0..<500 {
            let record = MemoryRecord(
                memoryID: [Int64(index), 9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_993, -5, Int64.max][index % 6],
                userID: pieces.randomElement(using: &random)!, convID: pieces.randomElement(using: &random)!,
                turnID: Int.random(in: -3...1_000_000, using: &random),
                ts: Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &random)) / 1000 * 997),
                summary: pieces.shuffled(using: &random).joined(separator: " "), rawUser: pieces.randomElement(using: &random)!,
                rawAssistant: pieces.randomElement(using: &random)!, kind: index % 3 == 0 ? "preference" : "fact",
                confidence: Double.random(in: 0...1, using: &random), mergedFrom: index % 4 == 0 ? [1, 2, Int64.max] : [],
                speaker: index % 2 == 0 ? nil : pieces.randomElement(using: &random))
            let line = try JSONLine.encode(record)
            let expected = try JSONDecoder().decode(MemoryRecord.self, from: Data(line))
            #expect(try MemoryRecord.read(line: line) == expected)
            let fits = ([record.memoryID] + record.mergedFrom).allSatisfy { abs($0) < 9_007_199_254_740_992 }
            #expect((MemoryRecord(parsed: try JSONValue.parse(Data(line))) != nil) == fits, "the hand parser takes every line the store writes with ids below 2⁵³")
        }
    }

    @Test("hand-made lines: missing and null members, other types, other number forms, duplicates")
    func handMade() {
        let base = #""memory_id":7,"user_id":"u","conv_id":"c","turn_id":3,"ts":"2026-05-01T09:30:00.250Z","summary":"s""#
        let lines = [
            "{\(base)}",
            "{\(base),\"raw_user\":null,\"raw_assistant\":\"a\",\"kind\":null,\"confidence\":null,\"merged_from\":null,\"speaker\":null}",
            "{\(base),\"confidence\":1,\"merged_from\":[3,4.0],\"speaker\":\"Mira\"}",
            "{\(base),\"confidence\":\"high\"}",
            "{\(base),\"merged_from\":[1.5]}",
            "{\(base),\"merged_from\":[\"1\"]}",
            "{\(base),\"speaker\":3}",
            "{\(base),\"kind\":false}",
            "{\(base),\"memory_id\":8}",
            "{\"memory_id\":7.0,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3e0,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":7.5,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":9007199254740993,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":9007199254740991.9,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":12345678901234567890,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":7,\"user_id\":null,\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "{\"memory_id\":7,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"yesterday\",\"summary\":\"s\"}",
            "{\"memory_id\":7,\"user_id\":\"u\",\"conv_id\":\"c\",\"turn_id\":3,\"ts\":\"2026-05-01T09:30:00+02:00\",\"summary\":\"s\"}",
            "{\"memory_id\":7,\"user_id\":\"u\",\"conv_id\":\"c\",\"ts\":\"2026-05-01T09:30:00Z\",\"summary\":\"s\"}",
            "[1,2]", "{\(base)", "{\(base)} trailing", "",
        ]
        for line in lines {
            #expect(Self.read(line) == Self.byFoundation(line), "\(line)")
        }
    }
}
