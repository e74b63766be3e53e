import FakeOpenAI
import Foundation
import HTTPTypes
import PersonalMem
import Testing

@testable import PersonalMemServer

/// The chat, conversation and embedder bodies of the running service, as `WireLiveTests` checks
/// the others: each is the text the hand-built renderer wrote (compact, sorted keys, whole numbers
/// without a fraction) and decodes strictly into its type and encodes back to the same bytes;
/// so is every event of a stream, the last chunk and the error event included.
@Suite("Live chat responses are the typed wire format, byte for byte", .serialized, .timeLimit(.minutes(3)))
struct WireChatLiveTests {
    let live = WireLiveTests()

    func chat(_ user: String, _ text: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        .object(
            ["user": .string(user), "messages": .array([.object(["role": .string("user"), "content": .string(text)])])].merging(extra) { $1 })
    }

    /// Each `data:` event checked against its type; returns the events' JSON (without `[DONE]`).
    @discardableResult
    func checkEvents(_ reply: TestService.Reply, _ label: String) throws -> [JSONValue] {
        #expect(reply.headers[.contentType] == "text/event-stream")
        let events = reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(events.allSatisfy { $0.hasPrefix("data: ") }, "\(label): \(reply.text)")
        return try events.filter { $0 != "data: [DONE]" }.map { event in
            let text = String(event.dropFirst(6))
            let json = try JSONValue.parse(Data(text.utf8))
            #expect(text == json.jsonText, "\(label): \(text)")
            let shape = json.objectValue?["error"] != nil ? WireShape(ChatStreamErrorEvent.self) : WireShape(ChatCompletionChunk.self)
            let differences = try shape.roundTripDifferences(json)
            #expect(differences.isEmpty, "\(label): \(differences.joined(separator: "; "))")
            return json
        }
    }

    @Test("answers, dry runs, streams, a failed stream, conversations and the embedder check")
    func chatBodies() async throws {
        try await TestService.run(llm: true, environment: ["LLM_STREAM_IDLE_SECONDS": "1", "LLM_MAX_ATTEMPTS": "1"]) { service in
            let user = TestService.userID()
            let first = try await service.chatIndexed(chat(user, "I adopted a cat called Miso", ["metadata": .object(["conversation_id": .string("c1")])]))
            #expect(first.status == .ok)
            try live.check(first, WireShape(ChatCompletionResponse.self), "answer")
            let second = try await service.chatIndexed(chat(user, "What is my cat called?", ["metadata": .object(["conversation_id": .string("c2")])]))
            #expect(second["memory"]?.objectValue?["replayed"]?.arrayValue?.isEmpty == false, "a memory is replayed")
            try live.check(second, WireShape(ChatCompletionResponse.self), "answer with memories")
            let dryRun = try await service.post("/v1/chat/completions", chat(user, "cat?", ["metadata": .object(["dry_run": .bool(true)])]))
            #expect(dryRun["dry_run"] == .bool(true))
            try live.check(dryRun, WireShape(ChatDryRunResponse.self), "dry run")

            let streamed = try await service.post("/v1/chat/completions", chat(user, "tell me about boats", ["stream": .bool(true)]))
            #expect(streamed.text.hasSuffix("data: [DONE]\n\n"))
            let events = try checkEvents(streamed, "stream")
            #expect(events.first?.objectValue?["choices"]?.arrayValue?.first?.objectValue?["delta"] == .object(["role": .string("assistant"), "content": .string("")]))
            #expect(events.last?.objectValue?["memory"]?.objectValue?["indexing"] == .string("queued"))
            #expect(events.last?.objectValue?["usage"] != nil, "the last chunk has usage (null or counts)")
            #expect(events.dropLast().allSatisfy { $0.objectValue?["usage"] == nil && $0.objectValue?["memory"] == nil })
            // Its record_turn job calls the model too: wait for it before scripting the next reply.
            try await service.waitForJob(try #require(events.last?.objectValue?["memory"]?.objectValue?["job_id"]))

            service.fake.script(.streamRaw(FakeOpenAI.streamText(["Half "], end: false)))
            // A new user: no memories, so no gate or rerank call takes the scripted reply.
            let failed = try await service.post("/v1/chat/completions", chat(TestService.userID(), "a story", ["stream": .bool(true)]))
            #expect(!failed.text.contains("[DONE]"))
            #expect(try checkEvents(failed, "failed stream").last?.objectValue?["error"] != nil)

            try live.check(try await service.get("/users/\(user)/conversations"), WireShape(ConversationListResponse.self), "conversations")
            try live.check(try await service.get("/users/\(user)/conversations/c1"), WireShape(ConversationResponse.self), "conversation")
            try live.check(try await service.get("/health/embed"), WireShape(EmbedderHealthResponse.self), "health/embed")
        }
    }
}
