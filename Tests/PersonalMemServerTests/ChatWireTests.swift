import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// The chat request read through its wire type answers every body as the hand-written reader
/// did (the words, codes and order of the errors are what clients see), and the chat and job
/// types keep each null-versus-absent choice.
@Suite("Chat and job wire types")
struct ChatWireTests {
    static let hi = #""messages":[{"role":"user","content":"hi"}]"#

    func parse(_ body: String, maxMessageBytes: Int = 1000) throws -> ParsedChatRequest {
        let request = try WireFormat.decodeBody(ChatCompletionRequest.self, from: Data(body.utf8))
        return try ChatRequestParser.parse(request, defaults: ChatKnobs(), maxMessageBytes: maxMessageBytes)
    }

    func failure(_ body: String) -> String {
        do {
            _ = try parse(body)
            return "accepted"
        } catch let error as APIError {
            return "\(error.status.code) \(error.code)\(error.field.map { " " + $0 } ?? ""): \(error.message)"
        } catch {
            return "unexpected \(error)"
        }
    }

    /// Each body with the answer the server gave before the wire types (recorded from a running
    /// service at d1c0516).
    @Test("malformed requests get the same errors as before", arguments: [
        ("", "400 invalid_request: The request needs a JSON object body."),
        ("[1]", "400 invalid_request: The request body must be a JSON object."),
        ("{bad", "400 invalid_json: The request body is not valid JSON."),
        (#"{\#(hi)}"#, "400 invalid_request: 'user' is required: it is the id of the user whose memory to use."),
        (#"{"user":5,\#(hi)}"#, "400 invalid_request: 'user' is required: it is the id of the user whose memory to use."),
        (#"{"user":"",\#(hi)}"#, "400 invalid_request user_id: user_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only"),
        (#"{"user":"u","messages":[]}"#, "400 invalid_request: 'messages' must be a non-empty array of {role, content}."),
        (#"{"user":"u","messages":{"role":"user"}}"#, "400 invalid_request: 'messages' must be a non-empty array of {role, content}."),
        (#"{"user":"u","messages":[{"role":"assistant","content":"hi"}]}"#, "400 invalid_request: 'messages' has no message with role 'user'."),
        (#"{"user":"u","messages":[{"role":"user","content":"  "}]}"#, "400 invalid_request: The last user message is empty."),
        (#"{"user":"u","messages":[{"role":"user","content":5}]}"#, "400 invalid_request: The last user message is empty."),
        (#"{"user":"u",\#(hi),"metadata":[]}"#, "400 invalid_request: 'metadata' must be an object."),
        (#"{"user":"u",\#(hi),"metadata":{"conversation_id":5}}"#, "400 invalid_request: 'conversation_id' must be a string."),
        (
            #"{"user":"u",\#(hi),"metadata":{"conversation_id":"../x"}}"#,
            "400 invalid_request conversation_id: conversation_id must be 1 to 128 characters of letters, digits, and . _ @ : -, not dots only"
        ),
        (#"{"user":"u",\#(hi),"metadata":{"recent_turns":"5"}}"#, "400 invalid_request: 'recent_turns' must be a number."),
        (#"{"user":"u",\#(hi),"metadata":{"recent_turns":1.5}}"#, "422 invalid_value metadata.recent_turns: 'recent_turns' must be a whole number from 0 to 100."),
        (#"{"user":"u",\#(hi),"metadata":{"candidate_n":1e30}}"#, "422 invalid_value metadata.candidate_n: 'candidate_n' must be a whole number from 0 to 1000."),
        (#"{"user":"u",\#(hi),"max_tokens":0}"#, "422 invalid_value max_tokens: 'max_tokens' must be a whole number from 1 to 65536."),
        (#"{"user":"u",\#(hi),"max_tokens":"5"}"#, "400 invalid_request: 'max_tokens' must be a number."),
        (#"{"user":"u",\#(hi),"temperature":3}"#, "422 invalid_value temperature: 'temperature' must be from 0 to 2."),
        (#"{"user":"u",\#(hi),"temperature":true}"#, "400 invalid_request: 'temperature' must be a number."),
        (#"{"user":"u",\#(hi),"temperature":1e400}"#, "400 invalid_json: The request body is not valid JSON."),
        (#"{"user":"u",\#(hi),"metadata":{"use_gate":1}}"#, "400 invalid_request: 'use_gate' must be true or false."),
        (#"{"user":"u",\#(hi),"metadata":{"max_cosine_distance":3}}"#, "422 invalid_value metadata.max_cosine_distance: 'max_cosine_distance' must be from 0 to 2."),
        (#"{"user":"u",\#(hi),"metadata":{"dry_run":"yes"}}"#, "400 invalid_request: 'dry_run' must be true or false."),
        (#"{"user":"u",\#(hi),"stream":"yes"}"#, "400 invalid_request: 'stream' must be true or false."),
        (#"{"user":"u",\#(hi),"model":5}"#, "400 invalid_request: 'model' must be a string."),
        (#"{"user":"u","messages":[{"role":"user","content":"12345"}]}"#, "accepted"),
    ])
    func errors(body: String, expected: String) {
        #expect(failure(body) == expected)
    }

    @Test("a message over MAX_MESSAGE_BYTES is a 413")
    func tooLong() {
        #expect(throws: APIError.self) { try parse(#"{"user":"u","messages":[{"role":"user","content":"123456"}]}"#, maxMessageBytes: 5) }
    }

    @Test("what OpenAI clients send beyond the shape is accepted, and the last user message's text is read")
    func lenient() throws {
        let parsed = try parse(
            #"{"user":"u","messages":[1,{"role":5,"content":"no"},{"role":"assistant","content":null,"tool_calls":[]},"#
                + #"{"role":"user","content":[{"type":"text","text":"What is my"},{"type":"image_url","image_url":{"url":"x"}},"#
                + #"{"type":"text","text":"cat called?"},7]},{"role":"tool","content":"x"},],"tools":[],"frequency_penalty":0.5,"#
                + #""metadata":{"conv_id":"c1","dry_run":true,"retrieve_k":3,"max_cosine_distance":1.5,"extra":{}},"model":"","x":1e300}"#)
        #expect(parsed.message == "What is my\ncat called?")
        #expect(parsed.conversationID == "c1")
        #expect(parsed.dryRun && parsed.knobs.retrieveK == 3 && parsed.knobs.maxCosineDistance == 1.5)
        #expect(parsed.model == nil, "an empty model is not given")
        let nulls = try parse(#"{"user":"u",\#(Self.hi),"metadata":null,"model":null,"stream":null,"temperature":null,"max_tokens":null}"#)
        #expect(nulls.conversationID == "u" && !nulls.stream && nulls.knobs == ChatKnobs())
        let empty = try parse(#"{"user":"u",\#(Self.hi),"metadata":{"conversation_id":"","conv_id":"c2"}}"#)
        #expect(empty.conversationID == "c2", "an empty conversation_id falls back to conv_id")
    }

    @Test("the request type re-encodes what it read, a mistyped member included")
    func requestRoundTrip() throws {
        let shape = WireShape(ChatCompletionRequest.self)
        let body = try JSONValue.parse(Data(#"{"messages":[1,{"content":[{"text":"a","type":"text"},7],"role":"user"}],"metadata":{"recent_turns":"5"},"user":"u"}"#.utf8))
        #expect(try shape.roundTripDifferences(body).isEmpty)
    }

    @Test("a chunk's usage is absent, null or counts, and each reads back as it was")
    func chunkUsage() throws {
        var chunk = ChatCompletionChunk(
            id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [.init(index: 0, delta: .init(content: "x"))])
        #expect(String(decoding: try WireFormat.encode(chunk), as: UTF8.self).contains("usage") == false)
        #expect(String(decoding: try WireFormat.encode(chunk), as: UTF8.self).contains(#""finish_reason":null"#))
        for usage in [nil, TokenUsage(promptTokens: 1, completionTokens: 2, totalTokens: 3)] {
            chunk.usage = ExplicitNull(wrappedValue: usage)
            let text = String(decoding: try WireFormat.encode(chunk), as: UTF8.self)
            #expect(text.contains(usage == nil ? #""usage":null"# : #""usage":{"completion_tokens":2,"#))
            #expect(try JSONDecoder().decode(ChatCompletionChunk.self, from: Data(text.utf8)) == chunk)
        }
    }

    @Test("memory: indexing and job_id with an answer only; scores to four decimals, never -0")
    func memoryUsed() throws {
        var usage = MemoryUsage()
        let record = MemoryRecord(
            memoryID: 7, userID: "u", convID: "c", turnID: 2, ts: Date(timeIntervalSince1970: 0), summary: "s", rawUser: "a", rawAssistant: "b")
        usage.replayed = [ScoredMemory(record: record, score: 0.123456), ScoredMemory(record: record, score: -0.00001)]
        let dryRun = String(decoding: try WireFormat.encode(MemoryUsedWire(usage)), as: UTF8.self)
        #expect(!dryRun.contains("indexing") && !dryRun.contains("job_id"))
        #expect(dryRun.contains(#""score":0.1235,"#) && dryRun.contains(#""score":0,"#))
        let answer = try JSONValue(encoding: MemoryUsedWire(usage, indexing: .queued(jobID: 42))).objectValue
        #expect(answer?["indexing"] == .string("queued") && answer?["job_id"] == .number(42))
        let skipped = try JSONValue(encoding: MemoryUsedWire(usage, indexing: .skipped)).objectValue
        #expect(skipped?["indexing"] == .string("skipped") && skipped?["job_id"] == nil)
    }

    @Test("a job result is stored as before: a record_turn job's memory_id is null when the turn made none")
    func storedJobResult() throws {
        let turn = try JSONValue(encoding: ExtractionJobResult(events: [], memoryID: ExplicitNull(wrappedValue: nil)))
        #expect(turn.jsonText == #"{"events":[],"memory_id":null}"#)
        let extraction = try JSONValue(encoding: ExtractionJobResult(events: [], extractor: "rules", rejectedFacts: 1))
        #expect(extraction.jsonText == #"{"events":[],"extractor":"rules","rejected_facts":1}"#)
        let stored = try JSONDecoder().decode(ExtractionJobResult.self, from: Data(turn.jsonText.utf8))
        #expect(stored.memoryID == ExplicitNull(wrappedValue: nil), "null reads back as null, not as absent")
    }
}
