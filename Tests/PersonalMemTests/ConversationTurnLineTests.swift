import Foundation
import Testing

@testable import PersonalMem

/// Conversation log lines read by the hand parser must give what `JSONDecoder` gives, or the same refusal.
@Suite("Conversation turn lines")
struct ConversationTurnLineTests {
    static func byFoundation(_ line: String) -> ConversationTurn? {
        try? JSONDecoder().decode(ConversationTurn.self, from: Data(line.utf8))
    }

    static func read(_ line: String) -> ConversationTurn? {
        try? ConversationTurn.read(line: Array(line.utf8))
    }

    @Test("turns as the log writes them, with awkward texts, read back equal and by the hand parser")
    func written() throws {
        var random = SystemRandomNumberGenerator()
        let pieces = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab", "émoji 🐕 and 中文", "\u{1}control", "", "/slash/", "\u{2028}"]
        for index in 0..<500 {
            let turn = ConversationTurn(
                turnID: [index + 1, Int.random(in: 1...1_000_000, using: &random)][index % 2],
                ts: Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &random)) / 1000 * 997),
                user: pieces.shuffled(using: &random).joined(separator: " "), assistant: pieces.randomElement(using: &random)!)
            let line = try JSONLine.encode(turn)
            #expect(try ConversationTurn.read(line: line) == JSONDecoder().decode(ConversationTurn.self, from: Data(line)))
            #expect(ConversationTurn(parsed: try JSONValue.parse(Data(line))) != nil, "the hand parser takes every line the log writes")
        }
    }

    @Test("hand-made lines: missing and null members, other types, other number forms")
    func handMade() {
        let rest = #""ts":"2026-05-01T09:30:00.250Z","user":"u","assistant":"a""#
        let lines = [
            "{\"turn_id\":3,\(rest)}", "{\"turn_id\":3.0,\(rest)}", "{\"turn_id\":3e0,\(rest)}", "{\"turn_id\":3.5,\(rest)}",
            "{\"turn_id\":\"3\",\(rest)}", "{\"turn_id\":null,\(rest)}", "{\(rest)}", "{\"turn_id\":9007199254740993,\(rest)}",
            "{\"turn_id\":12345678901234567890,\(rest)}", "{\"turn_id\":-2,\(rest)}",
            #"{"turn_id":3,"ts":"yesterday","user":"u","assistant":"a"}"#,
            #"{"turn_id":3,"ts":"2026-05-01T09:30:00+02:00","user":"u","assistant":"a"}"#,
            #"{"turn_id":3,"ts":"2026-05-01T09:30:00Z","user":null,"assistant":"a"}"#,
            #"{"turn_id":3,"ts":"2026-05-01T09:30:00Z","user":"u"}"#,
            #"{"turn_id":3,"ts":"2026-05-01T09:30:00Z","user":"u","assistant":7}"#,
            "{\"turn_id\":3,\(rest),\"extra\":[1,{\"a\":null}]}", "[1,2]", "{\"turn_id\":3,\(rest)", "{\"turn_id\":3,\(rest)} trailing", "",
        ]
        for line in lines {
            #expect(Self.read(line) == Self.byFoundation(line), "\(line)")
        }
    }
}
