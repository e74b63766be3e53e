import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem

@Suite("Chat completions with conversation memory", .serialized, .timeLimit(.minutes(3)))
struct ChatAPITests {
    func chat(_ user: String, _ text: String, conversation: String? = nil, metadata: [String: JSONValue] = [:], stream: Bool = false) -> JSONValue {
        var meta = metadata
        if let conversation { meta["conversation_id"] = .string(conversation) }
        var body: [String: JSONValue] = [
            "model": .string("any"), "user": .string(user), "metadata": .object(meta),
            "messages": .array([.object(["role": .string("system"), "content": .string("ignored")]), .object(["role": .string("user"), "content": .string(text)])]),
        ]
        if stream { body["stream"] = .bool(true) }
        return .object(body)
    }

    func memory(_ reply: TestService.Reply) -> [String: JSONValue] { reply["memory"]?.objectValue ?? [:] }

    @Test("dry run assembles the prompt without a model and stores nothing; without a model a real call is a 503")
    func dryRunWithoutLLM() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")]))
            let dry = try await service.post("/v1/chat/completions", chat(user, "hello", metadata: ["dry_run": .bool(true)]))
            #expect(dry.status == .ok)
            #expect(dry["dry_run"] == .bool(true))
            let messages = dry["messages"]?.arrayValue ?? []
            #expect(messages.first?.objectValue?["role"] == .string("system"))
            #expect(messages.first?.objectValue?["content"]?.stringValue?.contains("- name: Ada") == true)
            #expect(messages.last?.objectValue?["content"] == .string("hello"))
            #expect(memory(dry)["profile_fields"] == .array([.string("name")]))
            #expect(try await service.get("/users/\(user)/conversations")["conversations"] == .array([]))

            let refused = try await service.post("/v1/chat/completions", chat(user, "hello"))
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.errorCode == "llm_not_configured")
            #expect(refused["error"]?.objectValue?["message"]?.stringValue?.contains("LLM_BASE_URL") == true)
        }
    }

    @Test("the pipeline logs turns, keeps the recent window, retrieves past turns across conversations, and orders the prompt")
    func pipeline() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            let first = try await service.chatIndexed(chat(user, "My sister Maria lives in Lisbon", conversation: "trip"))
            #expect(first.status == .ok)
            #expect(first["object"] == .string("chat.completion"))
            #expect(first["choices"]?.arrayValue?.first?.objectValue?["message"]?.objectValue?["content"] == .string("Echo: My sister Maria lives in Lisbon"))
            #expect(first["usage"]?.objectValue?["total_tokens"] == .number(18))
            #expect(memory(first)["recent_turn_ids"] == .array([]))
            #expect(memory(first)["indexing"] == .string("queued"))

            let second = try await service.chatIndexed(chat(user, "Where does Maria live?", conversation: "trip"))
            #expect(memory(second)["recent_turn_ids"] == .array([.number(1)]))
            // Turn 1 is in the recent window, so it is not retrieved again.
            #expect(memory(second)["replayed"] == .array([]))
            #expect(memory(second)["dropped_as_recent"] == .number(1))

            _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ola")]))
            let other = try await service.chatIndexed(
                chat(user, "Remind me where Maria lives", conversation: "later", metadata: ["retrieve_k": .number(1)]))
            let usage = memory(other)
            #expect(usage["recent_turn_ids"] == .array([]))
            let replayed = usage["replayed"]?.arrayValue ?? []
            #expect(replayed.count == 1)
            #expect(replayed.first?.objectValue?["conv_id"] == .string("trip"))
            #expect((usage["summaries"]?.arrayValue ?? []).count == 1)

            // The answer call: system + profile, summaries, replay header + pair, then the new message.
            let answerCall = service.fake.chatRequests.last { request in
                request.objectValue?["messages"]?.arrayValue?.last?.objectValue?["content"] == .string("Remind me where Maria lives")
                    && request.objectValue?["messages"]?.arrayValue?.count ?? 0 > 2
            }
            let roles = answerCall?.objectValue?["messages"]?.arrayValue?.compactMap { $0.objectValue?["role"]?.stringValue } ?? []
            #expect(roles == ["system", "system", "system", "user", "assistant", "user"])
            let contents = answerCall?.objectValue?["messages"]?.arrayValue?.compactMap { $0.objectValue?["content"]?.stringValue } ?? []
            #expect(contents.first?.contains("- name: Ola") == true)
            #expect(contents.dropFirst().first?.hasPrefix("Relevant memories") == true)

            let conversations = try await service.get("/users/\(user)/conversations")["conversations"]?.arrayValue ?? []
            #expect(conversations.count == 2)
            let trip = try await service.get("/users/\(user)/conversations/trip")
            #expect(trip["turns"]?.arrayValue?.count == 2)
        }
    }

    @Test("the answer returns before the turn is indexed; the queued job makes it searchable and applies its profile facts")
    func indexingAfterTheAnswer() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            // The answer, then the job's summary and its profile extraction.
            service.fake.script(
                .reply("Noted, Porto it is."), .reply("Summary: the user moved to Porto"),
                .reply(factsReply([("location", "set", .string("Porto"))])))
            let reply = try await service.post("/v1/chat/completions", chat(user, "I moved to Porto last spring", conversation: "move"))
            #expect(reply.status == .ok)
            #expect(memory(reply)["indexing"] == .string("queued"))
            let jobID = try #require(memory(reply)["job_id"])
            // Searchable without anything else asking for it.
            let hits = try await service.searchUntilFound(user, "Porto")
            #expect(hits.count == 1)
            #expect(hits.first?.objectValue?["conv_id"] == .string("move"))
            let job = try await service.waitForJob(jobID)
            #expect(job["status"] == .string("done"))
            #expect(job["kind"] == .string("record_turn"))
            #expect(job["memory_id"] == hits.first?.objectValue?["memory_id"])
            let profile = try await service.get("/users/\(user)/memories/raw")
            #expect(profile["memories"]?.objectValue?["location"] != nil)
        }
    }

    @Test("gate and rerank fall back to the first candidates when their replies cannot be read")
    func fallbacks() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            for index in 0..<3 {
                _ = try await service.chatIndexed(chat(user, "note \(index) about gardening", conversation: "c\(index)"))
            }
            service.fake.script(.reply("no json here"), .reply("{\"wrong\": 1}"))
            let reply = try await service.post(
                "/v1/chat/completions", chat(user, "gardening tips?", conversation: "new", metadata: ["retrieve_k": .number(1), "gate_keep_max": .number(2)]))
            let usage = memory(reply)
            #expect(usage["gate_fallback"] == .bool(true))
            #expect(usage["rerank_fallback"] == .bool(true))
            #expect(usage["replayed"]?.arrayValue?.count == 1)
            #expect(usage["summaries"]?.arrayValue?.count == 1)
        }
    }

    @Test("streaming sends chunks, then memory, then [DONE], and stores the turn")
    func streaming() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            let reply = try await service.request(.post, "/v1/chat/completions", json: chat(user, "tell me about boats", stream: true))
            guard case .string(let text) = reply.json else {
                Issue.record("expected an event stream")
                return
            }
            let payloads = text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
            #expect(payloads.last == "[DONE]")
            let chunks = payloads.dropLast().compactMap { try? JSONValue.parse(Data($0.utf8)).objectValue }
            let content = chunks.compactMap { $0["choices"]?.arrayValue?.first?.objectValue?["delta"]?.objectValue?["content"]?.stringValue }.joined()
            #expect(content == "Echo: tell me about boats")
            let usage = chunks.last?["memory"]?.objectValue
            #expect(usage?["indexing"] == .string("queued"))
            let turns = try await service.get("/users/\(user)/conversations/\(user)")["turns"]?.arrayValue ?? []
            #expect(turns.count == 1)
            #expect(try await service.searchUntilFound(user, "boats").count == 1, "the streamed turn becomes searchable")
        }
    }

    @Test("users are isolated, ids that could be paths are refused, and delete removes the files")
    func isolationAndSafety() async throws {
        try await TestService.run(llm: true) { service in
            let alice = TestService.userID("alice")
            let bob = TestService.userID("bob")
            _ = try await service.chatIndexed(chat(alice, "my locker code is 4512"))
            let peek = try await service.post("/v1/chat/completions", chat(bob, "what is the locker code 4512", metadata: ["dry_run": .bool(true)]))
            #expect(memory(peek)["candidates"] == .number(0))

            for bad in ["../x", "a/b", "", String(repeating: "z", count: 200)] {
                #expect(try await service.post("/v1/chat/completions", chat(bad, "hi")).status == .badRequest)
                #expect(try await service.post("/v1/chat/completions", chat(alice, "hi", conversation: bad.isEmpty ? "../.." : bad)).status == .badRequest)
            }
            #expect(try await service.post("/v1/chat/completions", .object(["user": .string(alice), "messages": .array([])])).status == .badRequest)
            #expect(try await service.post("/v1/chat/completions", chat(alice, "hi", metadata: ["recent_turns": .number(-1)])).status == .unprocessableContent)

            let usersRoot = service.storage.appendingPathComponent("users")
            let before = try FileManager.default.contentsOfDirectory(atPath: usersRoot.path).filter { !$0.hasPrefix(".") }
            #expect(before.count == 2)
            #expect(try await service.request(.delete, "/users/\(alice)/memories").status == .ok)
            let after = try FileManager.default.contentsOfDirectory(atPath: usersRoot.path).filter { !$0.hasPrefix(".") }
            #expect(after.count == 1)
            #expect(try await service.get("/users/\(alice)/conversations")["conversations"] == .array([]))
        }
    }

    @Test("memories survive a restart of the service")
    func reload() async throws {
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-reload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: storage) }
        let user = TestService.userID()
        try await TestService.run(llm: true, storage: storage) { service in
            _ = try await service.chatIndexed(chat(user, "I keep bees on my roof", conversation: "a"))
        }
        try await TestService.run(llm: true, storage: storage) { service in
            let reply = try await service.post("/v1/chat/completions", chat(user, "how are my bees on the roof", conversation: "b", metadata: ["dry_run": .bool(true)]))
            #expect(memory(reply)["candidates"] == .number(1))
            #expect(memory(reply)["replayed"]?.arrayValue?.first?.objectValue?["conv_id"] == .string("a"))
        }
    }
}
