import Foundation
import Testing

@testable import PersonalMem

@Suite("ConversationLog")
struct ConversationLogTests {
    private func userDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("turns are numbered from 1 and read back, last n oldest first")
    func appendAndRead() throws {
        let directory = try userDirectory()
        let log = try ConversationLog(userDirectory: directory, conversationID: "conv-1")
        for i in 1...5 { try log.append(user: "question \(i)\nwith a newline", assistant: "answer \(i)") }
        #expect(try log.last(2).map(\.turnID) == [4, 5])
        #expect(try log.last(10).count == 5)
        #expect(try log.all().first?.user == "question 1\nwith a newline")

        let text = try String(contentsOf: log.url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.contains("\"turn_id\":1"))

        let reopened = try ConversationLog(userDirectory: directory, conversationID: "conv-1")
        #expect(reopened.lastTurnID == 5)
        #expect(try reopened.append(user: "u", assistant: "a").turnID == 6)
    }

    @Test("a torn last line is dropped on read and repaired before the next append")
    func tornLine() throws {
        let directory = try userDirectory()
        let log = try ConversationLog(userDirectory: directory, conversationID: "c")
        try log.append(user: "one", assistant: "1")
        try log.append(user: "two", assistant: "2")
        log.close()

        let handle = try FileHandle(forWritingTo: log.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"turn_id\":3,\"ts\":\"2024-".utf8))
        try handle.close()

        let reopened = try ConversationLog(userDirectory: directory, conversationID: "c")
        #expect(reopened.hasTornTail)
        #expect(try reopened.last(5).map(\.turnID) == [1, 2])
        #expect(reopened.lastTurnID == 2)
        try reopened.append(user: "three", assistant: "3")
        #expect(!reopened.hasTornTail)
        let lines = try String(contentsOf: log.url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "three whole lines and a final newline")
        #expect(try reopened.all().map(\.turnID) == [1, 2, 3])
    }

    @Test("last n reads across chunk boundaries")
    func longConversation() throws {
        let directory = try userDirectory()
        let log = try ConversationLog(userDirectory: directory, conversationID: "long")
        let big = String(repeating: "x", count: 300_000)
        for _ in 1...8 { try log.append(user: big, assistant: "ok") }
        let last = try log.last(3)
        #expect(last.map(\.turnID) == [6, 7, 8])
        #expect(last.allSatisfy { $0.user.count == 300_000 })
        // Short and long lines mixed: the first small read, the growing ones, and a line longer than all of them.
        let mixed = try ConversationLog(userDirectory: directory, conversationID: "mixed")
        let sizes = [10, 5_000, 3, 70_000, 1_500_000, 20, 4_090, 4_100, 1, 900_000, 2]
        for size in sizes { try mixed.append(user: String(repeating: "y", count: size), assistant: "ok") }
        for n in [1, 2, 3, 5, 8, 11, 40] {
            #expect(try mixed.last(n).map(\.user.count) == sizes.suffix(n), "last \(n)")
        }
    }

    @Test("conversations are listed with their original ids")
    func listing() throws {
        let directory = try userDirectory()
        for id in ["b", "a/../../x", "b", "中文"] { _ = try ConversationLog(userDirectory: directory, conversationID: id) }
        #expect(try ConversationLog.list(userDirectory: directory).map(\.conversationID) == ["b", "a/../../x", "中文"])
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("conversations").path)
        #expect(files.count == 4, "three logs and the index")
    }

    @Test("turns the log writes, with awkward texts and times, read back by the hand parser as JSONDecoder reads them")
    func handParsedTurns() throws {
        let log = try ConversationLog(userDirectory: try userDirectory(), conversationID: "awkward")
        let texts = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab", "émoji 🐕 and 中文", "\u{1}control", "", "/slash/", "\u{2028}"]
        for (index, user) in texts.enumerated() {
            let at = Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 86_399.997)
            try log.append(user: user, assistant: texts.reversed().joined(separator: " "), at: at)
        }
        let lines = try String(contentsOf: log.url, encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
        let byFoundation = try lines.map { try JSONDecoder().decode(ConversationTurn.self, from: Data($0)) }
        #expect(try log.all() == byFoundation)
        #expect(try log.last(3) == Array(byFoundation.suffix(3)))
        for line in lines { #expect(ConversationTurn(parsed: try JSONValue.parse(Data(line))) != nil, "the hand parser takes the line") }
    }

    @Test("hand-made log lines (missing and null members, other types, other number forms) read as JSONDecoder reads them, or refused as it refuses them")
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
            #expect((try? ConversationTurn.read(line: Array(line.utf8))) == (try? JSONDecoder().decode(ConversationTurn.self, from: Data(line.utf8))), "\(line)")
        }
    }
}
