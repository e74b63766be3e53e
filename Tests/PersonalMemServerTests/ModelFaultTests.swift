import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// A model server that misbehaves: numbers that do not fit, bodies that drip, streams cut short
/// or empty, embeddings that fail after the answer. None of it may crash the service, hold a
/// request past its limits, or turn into a stored turn that looks complete.
@Suite("Model faults", .serialized, .timeLimit(.minutes(3)))
struct ModelFaultTests {
    static let quick = ["LLM_TIMEOUT_SECONDS": "1", "LLM_STREAM_IDLE_SECONDS": "1", "LLM_MAX_ATTEMPTS": "2"]
    /// `quick` without job workers, for the tests that need none: a worker of this service could claim
    /// another suite's job from the shared test database and spend this test's scripted reply on it
    /// (seen in CI: an extraction job took the reply meant for a chat, which then got the fake
    /// server's default 200).
    static let quickAlone = quick.merging(["JOB_WORKERS": "0"]) { $1 }
    /// For tests whose fault is in the reply itself, not in its timing: a first attempt that a loaded
    /// machine stretches past one second must not be retried into the fake server's default reply.
    static let patient = quickAlone.merging(["LLM_TIMEOUT_SECONDS": "20"]) { $1 }

    static func chat(_ user: String, _ text: String, stream: Bool = false) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string("any"), "user": .string(user),
            "messages": .array([.object(["role": .string("user"), "content": .string(text)])]),
        ]
        if stream { body["stream"] = .bool(true) }
        return .object(body)
    }

    /// The `data:` payloads of an event stream, in order.
    static func payloads(_ reply: TestService.Reply) -> [String] {
        guard case .string(let text) = reply.json else { return [] }
        return text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    static func streamedContent(_ payloads: [String]) -> String {
        payloads.compactMap { try? JSONValue.parse(Data($0.utf8)).objectValue }
            .compactMap { $0["choices"]?.arrayValue?.first?.objectValue?["delta"]?.objectValue?["content"]?.stringValue }.joined()
    }

    static func turns(_ service: TestService, _ user: String) async throws -> [JSONValue] {
        try await service.get("/users/\(user)/conversations/\(user)")["turns"]?.arrayValue ?? []
    }

    @Test("chat replies whose usage numbers do not fit are a 502 llm_bad_reply, and the service stays up")
    func hugeUsage() async throws {
        // Patient: a first attempt timed out on a loaded machine was retried and answered by
        // the fake server's default reply (200), which is not what this test is about.
        try await TestService.run(llm: true, environment: Self.patient) { service in
            let user = TestService.userID()
            for usage: JSONValue in [
                .object(["prompt_tokens": .number(1e19), "completion_tokens": .number(1), "total_tokens": .number(2)]),
                .object(["prompt_tokens": .number(1), "completion_tokens": .number(-5), "total_tokens": .number(1e300)]),
                .object(["total_tokens": .number(2.5)]), .string("lots"),
            ] {
                service.fake.script(.raw(FakeOpenAI.completion("Hello", usage: usage).jsonText))
                let reply = try await service.post("/v1/chat/completions", Self.chat(user, "hi there"))
                #expect(reply.status == .badGateway)
                #expect(reply.errorCode == "llm_bad_reply")
            }
            #expect(try await service.get("/health").status == .ok)
            #expect(try await Self.turns(service, user).isEmpty)
        }
    }

    @Test("extracted facts carrying numbers that do not fit are rejected, the others stored, and usage is checked there too")
    func hugeFactValues() async throws {
        try await TestService.run(llm: true, environment: Self.patient) { service in
            let user = TestService.userID()
            service.fake.script(
                .reply(
                    factsReply([
                        ("nickname", "set", .number(1e19)), ("age", "set", .number(1e300)), ("hobbies", "add", .array([.number(-1e19)])),
                        ("jobs", "add", .array([.object(["company": .number(9.3e18)])])), ("name", "set", .string("Nia")),
                    ])))
            let reply = try await service.message(user, "My name is Nia")
            #expect(reply.status == .ok)
            let memories = try await service.memories(user)
            #expect(memories["name"] == .string("Nia"))
            #expect(memories["nickname"] == nil && memories["age"] == nil && memories["hobbies"] == nil && memories["jobs"] == nil)

            // A reply whose usage does not fit is unreadable: a 502.
            let poison = FakeOpenAI.completion(factsReply([("city", "set", .string("Oslo"))]), usage: .object(["prompt_tokens": .number(1e19)]))
            service.fake.script(.raw(poison.jsonText))
            let refused = try await service.message(user, "I live in Oslo")
            #expect(refused.status == .badGateway)
            #expect(refused.errorCode == "llm_bad_reply")
            #expect(try await service.get("/health").status == .ok)
        }
    }

    @Test("embedding replies with an index, a size or a value that does not fit are refused, not a crash")
    func badEmbeddings() async throws {
        try await TestService.run(llm: true, environment: Self.patient) { service in
            let vector = JSONValue.array((0..<64).map { _ in .number(0.1) })
            func reply(_ items: [JSONValue], usage: JSONValue = .null) -> String {
                JSONValue.object(["data": .array(items), "usage": usage]).jsonText
            }
            let bodies = [
                reply([.object(["index": .number(1e19), "embedding": vector])]),
                reply([.object(["index": .number(-1), "embedding": vector])]),
                reply([.object(["index": .number(0.5), "embedding": vector])]),
                reply([.object(["index": .number(3), "embedding": vector])]),
                reply([.object(["index": .number(0), "embedding": .array([.number(1e300)])])]),
                reply([.object(["index": .number(0), "embedding": .array([])])]),
                reply([.object(["index": .number(0), "embedding": vector])], usage: .object(["prompt_tokens": .number(1e19)])),
                reply([]),
            ]
            for body in bodies {
                service.fake.scriptEmbeddings(raw: body)
                let health = try await service.get("/health/embed")
                #expect(health.status == .serviceUnavailable, "\(body.prefix(60))")
            }
            service.fake.scriptEmbeddings(raw: bodies[0])
            let chat = try await service.post("/v1/chat/completions", Self.chat(TestService.userID(), "hello"))
            #expect(chat.status == .serviceUnavailable)
            #expect(chat.errorCode == "embedder_unavailable")
            #expect(try await service.get("/health/embed").status == .ok)
        }
    }

    @Test("a body that drips is cut at LLM_TIMEOUT_SECONDS per attempt: a 503 within the bound, not minutes")
    func drippingBody() async throws {
        try await TestService.run(llm: true, environment: Self.quickAlone) { service in
            let long = String(repeating: "slow ", count: 100)
            service.fake.script(.drip(long, interval: .milliseconds(50)), .drip(long, interval: .milliseconds(50)))
            let started = ContinuousClock.now
            let reply = try await service.post("/v1/chat/completions", Self.chat(TestService.userID(), "hello"))
            let elapsed = ContinuousClock.now - started
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "llm_unavailable")
            // Two attempts of 1 s and one backoff of at most 0.25 s.
            #expect(elapsed < .seconds(5), "took \(elapsed)")
        }
    }

    @Test("a cut or empty whole reply is a 502")
    func cutAndEmptyReplies() async throws {
        try await TestService.run(llm: true, environment: Self.patient) { service in
            let user = TestService.userID()
            let whole = FakeOpenAI.completion("a complete answer").jsonText
            for step: FakeOpenAI.Step in [.raw(String(whole.prefix(whole.count / 2))), .reply(""), .raw("")] {
                service.fake.script(step)
                let reply = try await service.post("/v1/chat/completions", Self.chat(user, "hello"))
                #expect(reply.status == .badGateway)
                #expect(reply.errorCode == "llm_bad_reply")
            }
            #expect(try await Self.turns(service, user).isEmpty)
        }
    }

    @Test("a stream cut before its end marker, an empty one, or one that goes quiet ends with an error event and no [DONE]; nothing is stored")
    func brokenStreams() async throws {
        try await TestService.run(llm: true, environment: Self.quickAlone) { service in
            let user = TestService.userID()
            let cases: [(FakeOpenAI.Step, String)] = [
                (.streamRaw(FakeOpenAI.streamText(["Half ", "an "], end: false)), "Half an "),
                (.streamRaw(FakeOpenAI.streamText([], end: true)), ""),
                (.streamRaw(""), ""),
                (.streamRaw(FakeOpenAI.streamText(["Then "], end: false), thenHang: true), "Then "),
                (.streamRaw("data: {\"choices\": [], \"usage\": {\"prompt_tokens\": 1e19}}\n\n"), ""),
            ]
            for (step, partial) in cases {
                service.fake.script(step)
                let started = ContinuousClock.now
                let reply = try await service.request(.post, "/v1/chat/completions", json: Self.chat(user, "tell me a story", stream: true))
                #expect(ContinuousClock.now - started < .seconds(4))
                let payloads = Self.payloads(reply)
                #expect(!payloads.contains("[DONE]"))
                #expect(Self.streamedContent(payloads) == partial)
                let last = payloads.last.flatMap { try? JSONValue.parse(Data($0.utf8)).objectValue }
                let error = last?["error"]?.objectValue
                #expect(error?["message"]?.stringValue?.isEmpty == false)
                #expect(error?["type"]?.stringValue != nil)
                #expect(["llm_bad_reply", "llm_unavailable"].contains(error?["code"]?.stringValue ?? ""))
                let finishes = payloads.compactMap { try? JSONValue.parse(Data($0.utf8)).objectValue }
                    .compactMap { $0["choices"]?.arrayValue?.first?.objectValue?["finish_reason"]?.stringValue }
                #expect(finishes.isEmpty, "no chunk claims the answer finished")
            }
            #expect(try await Self.turns(service, user).isEmpty)
            #expect(try await service.get("/health").status == .ok)
        }
    }

    @Test("a failure indexing the turn after the answer (its embedding) does not touch the answer; the job retries and indexes it")
    func recordFailureKeepsTheAnswer() async throws {
        var environment = Self.quick
        environment["JOB_BACKOFF_MS"] = "300"
        try await TestService.run(llm: true, environment: environment) { service in
            let user = TestService.userID()
            // The record job embeds the turn's summary; the fake's summaries start "Summary: ".
            service.fake.failEmbeddings(containing: "Summary: ")
            let whole = try await service.post("/v1/chat/completions", Self.chat(user, "remember my boat"))
            #expect(whole.status == .ok)
            #expect(
                whole["choices"]?.arrayValue?.first?.objectValue?["message"]?.objectValue?["content"] == .string("Echo: remember my boat"))
            #expect(whole["memory"]?.objectValue?["indexing"] == .string("queued"))

            let streamed = try await service.request(.post, "/v1/chat/completions", json: Self.chat(user, "and my kayak", stream: true))
            let payloads = Self.payloads(streamed)
            #expect(streamed.status == .ok)
            #expect(payloads.last == "[DONE]")
            #expect(Self.streamedContent(payloads) == "Echo: and my kayak")

            let jobID = try #require(whole["memory"]?.objectValue?["job_id"])
            var job = try await service.get("/jobs/\(jobID.wholeNumber() ?? 0)")
            for _ in 0..<400 where job["error"] != .string("embedder_unavailable") && job["status"] != .string("failed") {
                try await Task.sleep(for: .milliseconds(25))
                job = try await service.get("/jobs/\(jobID.wholeNumber() ?? 0)")
            }
            #expect(job["error"] == .string("embedder_unavailable"), "the failed embedding is recorded on the job")
            #expect(job["status"] == .string("queued"), "and the job waits for its retry")
            service.fake.reset()
            #expect(try await service.waitForJob(jobID)["status"] == .string("done"))
            #expect(try await service.searchUntilFound(user, "boat").count >= 1)
            #expect(try await service.searchUntilFound(user, "kayak").count >= 1)
        }
    }
}
