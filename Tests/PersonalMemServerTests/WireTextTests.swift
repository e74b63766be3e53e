import Foundation
import PersonalMem
import Testing

@testable import PersonalMemServer

/// The write answers' hand-written bytes (`WireText`) are the bytes `JSONEncoder` gives for the
/// same value, and a body the hand parser reads (`ParsedBody`) is the value `JSONDecoder` reads.
@Suite("Write answers and bodies without JSONEncoder and JSONDecoder")
struct WireTextTests {
    static let texts = ["", "plain", "a/b \"quoted\" back\\slash", "tab\tnew\nline\r\u{1}\u{1f}\u{7f}", "é 😀 中文 \u{2028}"]
    static let values: [JSONValue] = [
        .string("Berlin"), .number(42), .number(-0.0), .number(1e14), .number(0.1), .number(1e20), .number(-3.5), .bool(false), .null,
        .array([.string("jazz"), .string("tea/coffee")]), .array([]),
        .array([.object(["company": .string("Acme"), "role": .string("designer"), "type": .string("job")])]),
        .object(["b": .number(1), "a": .string("x"), "a_b": .array([]), "aB": .null, "a10": .bool(true), "a9": .number(2)]), .object([:]),
    ]

    static var events: [ProfileEventWire] {
        var events: [ProfileEventWire] = []
        for (index, value) in values.enumerated() {
            let text = texts[index % texts.count]
            events.append(ProfileEventWire(field: "field_\(text)", value: value, event: "ADD", oldValue: nil))
            events.append(ProfileEventWire(field: text, value: value, event: "UPDATE", oldValue: values[(index + 3) % values.count]))
        }
        return events
    }

    func written(_ value: some WireText) -> String {
        var bytes: [UInt8] = []
        value.writeJSON(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try WireFormat.encode(value), as: UTF8.self)
    }

    @Test("events, batch answers and message answers")
    func sameBytes() throws {
        for event in Self.events { #expect(try written(event) == encoded(event)) }
        for text in Self.texts {
            for events in [[], Array(Self.events.prefix(3)), Self.events] {
                let batch = BatchResponse(success: true, userID: text, updatedFields: events.map(\.field), totalFields: events.count, events: events)
                #expect(try written(batch) == encoded(batch))
                let message = MessageResponse(
                    success: true, userID: "u-1", messageID: Int64.max, extractedMemories: events, memoryContext: text, extractor: "rules",
                    rejectedFacts: events.count, responseTimeMilliseconds: -1)
                #expect(try written(message) == encoded(message))
            }
        }
    }

    @Test("a body the hand parser reads is the value JSONDecoder reads", arguments: [
        #"{"user_id":"a","message":"hi"}"#,
        #"{"user_id":"a","message":"h\u00e9 \/ \"x\"","conversation_id":"c-1","async":false,"extra":[1,{"z":null}]}"#,
        #"{"user_id":"a","message":"hi","conversation_id":null,"async":null}"#,
        #"{"message":"first","message":"second","user_id":"a",}"#,
    ])
    func sameMessage(body: String) throws {
        let parsed = try #require(MessageRequest(parsed: try JSONValue.parse(Data(body.utf8))))
        #expect(parsed == (try JSONDecoder().decode(MessageRequest.self, from: Data(body.utf8))))
    }

    @Test("a batch body", arguments: [
        #"{"city":"Lyon","hobbies":["h1","h2"],"age":30,"diet":null}"#,
        #"{"jobs":[{"company":"Acme","role":"x"}],"weight":70.5,"big":1e300,"neg":-0,"s":"\ud83d\ude00"}"#,
        #"{}"#,
    ])
    func sameBatch(body: String) throws {
        let parsed = try #require(BatchRequest(parsed: try JSONValue.parse(Data(body.utf8))))
        #expect(parsed == (try JSONDecoder().decode(BatchRequest.self, from: Data(body.utf8))))
    }
}
