import Testing

@testable import PersonalMem

@Suite("Reading extraction replies")
struct LLMReplyParserTests {
    @Test("a plain reply")
    func plain() throws {
        let parsed = try LLMReplyParser.parse(#"{"facts": [{"field": "name", "op": "set", "value": "Bob"}]}"#)
        #expect(parsed.facts == [Fact(field: "name", op: .set, value: .string("Bob"))])
        #expect(parsed.malformed == 0)
    }

    @Test("code fences and prose around the JSON")
    func wrapped() throws {
        let fenced = "Sure! Here you go:\n```json\n{\"facts\": [{\"field\": \"likes\", \"op\": \"add\", \"value\": [\"tea {hot}\"]}]}\n```\nAnything else?"
        let parsed = try LLMReplyParser.parse(fenced)
        #expect(parsed.facts == [Fact(field: "likes", op: .add, value: .array([.string("tea {hot}")]))])
    }

    @Test("a prose brace before the JSON is skipped")
    func leadingBrace() throws {
        let parsed = try LLMReplyParser.parse(#"Note {not json} then {"facts": []}"#)
        #expect(parsed.facts.isEmpty)
    }

    @Test("truncated, empty, and wrong-schema replies are errors, never 'no facts'")
    func failures() {
        #expect(throws: ExtractionError.self) { try LLMReplyParser.parse(#"{"facts": [{"field": "name", "op": "set", "val"#) }
        #expect(throws: ExtractionError.self) { try LLMReplyParser.parse("") }
        #expect(throws: ExtractionError.self) { try LLMReplyParser.parse(#"{"name": "Bob"}"#) }
        #expect(throws: ExtractionError.self) { try LLMReplyParser.parse(#"{"facts": "none"}"#) }
    }

    @Test("malformed facts are dropped and counted, good ones kept")
    func partial() throws {
        let parsed = try LLMReplyParser.parse(
            #"{"facts": [{"field": "age", "op": "set", "value": 30}, {"field": "x", "op": "explode"}, "junk", {"op": "add"}]}"#)
        #expect(parsed.facts == [Fact(field: "age", op: .set, value: .number(30))])
        #expect(parsed.malformed == 3)
    }
}
