import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem

@Suite("Profile API against PostgreSQL", .serialized, .timeLimit(.minutes(3)))
struct ProfileAPITests {
    @Test("a message with facts answers the original shape with events, and the profile serves them")
    func messageRoundTrip() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            service.fake.script(.reply(factsReply([("name", "set", .string("John")), ("likes", "add", .array([.string("Python")]))])))
            let reply = try await service.message(user, "My name is John and I love Python")
            #expect(reply.status == .ok)
            #expect(reply["success"] == .bool(true))
            #expect(reply["user_id"] == .string(user))
            #expect(reply["extractor"] == .string("llm:fake-model"))
            let events = reply["extracted_memories"]?.arrayValue ?? []
            #expect(events.count == 2)
            #expect(events.first?.objectValue?["event"] == .string("ADD"))
            #expect(reply["memory_context"]?.stringValue?.contains("- name: John") == true)
            #expect(reply["response_time_ms"] != nil)

            let context = try await service.get("/users/\(user)/context/text")
            #expect(context["has_memories"] == .bool(true))
            #expect(context["context"]?.stringValue?.hasPrefix("User Information:") == true)
            #expect(try await service.memories(user)["likes"] == .array([.string("Python")]))

            // The prompt carried the catalog and the stored profile.
            let prompt = service.fake.chatRequests.last?.objectValue?["messages"]?.arrayValue ?? []
            #expect(prompt.first?.objectValue?["content"]?.stringValue?.contains("programming_languages") == true)
        }
    }

    @Test("with the built-in extractor the message, its facts and their history are stored together")
    func builtinMessage() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            let reply = try await service.message(user, "My name is Ada and I live in Paris")
            #expect(reply["extractor"] == .string("builtin"))
            guard case .number(let id)? = reply["message_id"] else {
                Issue.record("no message_id")
                return
            }
            #expect(try await service.memories(user)["name"] == .string("Ada"))
            let history = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
            #expect(!history.isEmpty)
            #expect(history.allSatisfy { $0.objectValue?["source"] == .string("message:\(Int(id))") })
            let stored = try await service.parts.profileMemory.messages.message(Int64(id))
            #expect(stored?.status == "extracted")
        }
    }

    @Test("an unknown user has an empty context, not an error")
    func unknownUser() async throws {
        try await TestService.run { service in
            let context = try await service.get("/users/\(TestService.userID())/context/text")
            #expect(context.status == .ok)
            #expect(context["context"] == .string(""))
            #expect(context["has_memories"] == .bool(false))
        }
    }

    @Test("batch validates every value, records history, merges lists, and null removes a field")
    func batch() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            let first = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Alice"), "age": .string("31"), "skills": .array([.string("Go")])]))
            #expect(first.status == .ok)
            #expect(first["total_fields"] == .number(3))
            let bad = try await service.post("/users/\(user)/memories/batch", .object(["age": .string("old"), "name": .string("Eve")]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad["error"]?.objectValue?["field"] == .string("age"))
            #expect(try await service.memories(user)["name"] == .string("Alice"), "a refused batch changes nothing")
            _ = try await service.post("/users/\(user)/memories/batch", .object(["skills": .array([.string("Rust")]), "name": .null]))
            let memories = try await service.memories(user)
            #expect(memories["skills"] == .array([.string("Go"), .string("Rust")]))
            #expect(memories["name"] == nil)
            #expect(memories["age"] == .number(31))
            let replaced = try await service.post("/users/\(user)/memories/batch?mode=replace", .object(["skills": .array([.string("Swift")])]))
            #expect(replaced["updated_fields"] == .array([.string("skills")]))
            #expect(try await service.memories(user)["skills"] == .array([.string("Swift")]))

            let history = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
            let events = history.compactMap { $0.objectValue?["event"]?.stringValue }
            #expect(events == ["ADD", "ADD", "ADD", "DELETE", "UPDATE", "UPDATE"])
            #expect(history.allSatisfy { $0.objectValue?["source"] == .string("batch") })
        }
    }

    @Test("bad input is a 4xx JSON error and changes nothing")
    func badInput() async throws {
        try await TestService.run(environment: ["MAX_MESSAGE_BYTES": "100"]) { service in
            #expect(try await service.request(.post, "/messages", raw: "{not json").status == .badRequest)
            #expect(try await service.request(.post, "/messages", raw: "[1]").status == .badRequest)
            #expect(try await service.post("/messages", .object(["user_id": .string("a")])).status == .badRequest)
            #expect(try await service.post("/messages", .object(["user_id": .string("a"), "message": .string("  ")])).status == .badRequest)
            #expect(try await service.post("/messages", .object(["user_id": .number(3), "message": .string("hi")])).status == .badRequest)
            for unsafe in ["../etc", "a/b", String(repeating: "x", count: 129), "bad id", "é"] {
                let reply = try await service.post("/messages", .object(["user_id": .string(unsafe), "message": .string("hi")]))
                #expect(reply.status == .badRequest, "\(unsafe)")
                #expect(reply.errorCode == "invalid_request")
            }
            let long = try await service.message("a", String(repeating: "y", count: 101))
            #expect(long.status == .contentTooLarge)
            let missing = try await service.get("/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            #expect(try await service.post("/users/x/memories/batch", .object([:])).status == .badRequest)
            #expect(try await service.post("/users/x/memories/batch", .object(["remove_likes": .string("a")])).status == .unprocessableContent)
            #expect(try await service.memories("a").isEmpty)
        }
    }

    @Test("delete removes profile, history and stored messages; reads then find nothing; a second delete is fine")
    func delete() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Zed")]))
            _ = try await service.message(user, "hello there")
            let deleted = try await service.request(.delete, "/users/\(user)/memories")
            #expect(deleted.status == .ok)
            #expect(deleted["message"] == .string("All memories deleted for user \(user)"))
            #expect(try await service.memories(user).isEmpty)
            #expect(try await service.get("/users/\(user)/memories/history")["history"] == .array([]))
            #expect(try await service.get("/users/\(user)/context/text")["has_memories"] == .bool(false))
            #expect(try await service.parts.profileMemory.messages.pendingMessages(userID: user, limit: 10).isEmpty)
            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
        }
    }

    @Test("20 concurrent messages and batches to one user lose nothing")
    func concurrency() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            for index in 0..<20 {
                service.fake.script(.reply(factsReply([("hobbies", "add", .array([.string("hobby\(index)")]))])))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = try await service.message(user, "message \(index)") }
                    group.addTask {
                        _ = try await service.post("/users/\(user)/memories/batch", .object(["skills": .array([.string("skill\(index)")])]))
                    }
                }
                try await group.waitForAll()
            }
            let memories = try await service.memories(user)
            #expect(memories["hobbies"]?.arrayValue?.count == 20)
            #expect(memories["skills"]?.arrayValue?.count == 20)
            let history = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
            #expect(history.count == 40)
        }
    }

    @Test("429 with Retry-After is retried and succeeds")
    func retryAfter() async throws {
        try await TestService.run(llm: true) { service in
            service.fake.script(.status(429, retryAfter: 1), .reply(factsReply([("city", "set", .string("Oslo"))])))
            let reply = try await service.message(TestService.userID(), "I live in Oslo")
            #expect(reply.status == .ok)
            #expect(service.fake.chatRequests.count == 2)
        }
    }

    @Test("an LLM that keeps failing gives 503, keeps the message, and it can be extracted later")
    func failingLLM() async throws {
        try await TestService.run(llm: true, environment: ["LLM_MAX_ATTEMPTS": "2"]) { service in
            let user = TestService.userID()
            service.fake.script(.status(500), .status(500))
            let reply = try await service.message(user, "My name is Kim")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "llm_unavailable")
            let pending = try await service.parts.profileMemory.messages.pendingMessages(userID: user, limit: 10)
            #expect(pending.count == 1)
            #expect(pending.first?.status == "failed")
            service.fake.script(.reply(factsReply([("name", "set", .string("Kim"))])))
            let again = try await service.post("/messages/\(pending[0].id)/extract", .object([:]))
            #expect(again.status == .ok)
            #expect(try await service.memories(user)["name"] == .string("Kim"))
            #expect(try await service.parts.profileMemory.messages.pendingMessages(userID: user, limit: 10).isEmpty)
        }
    }

    @Test("a hanging LLM times out; garbage and unreadable replies are 502; nothing is stored unvalidated")
    func hangAndGarbage() async throws {
        try await TestService.run(llm: true, environment: ["LLM_TIMEOUT_SECONDS": "1", "LLM_MAX_ATTEMPTS": "1"]) { service in
            let user = TestService.userID()
            service.fake.script(.hang)
            #expect(try await service.message(user, "I am 40").status == .serviceUnavailable)
            service.fake.script(.garbage)
            #expect(try await service.message(user, "I am 40").status == .badGateway)
            service.fake.script(.reply("I think the user is 40"), .reply("still no json"))
            let unreadable = try await service.message(user, "I am 40")
            #expect(unreadable.status == .badGateway)
            #expect(unreadable.errorCode == "llm_bad_reply")
            service.fake.script(.reply(factsReply([("age", "set", .string("forty")), ("clear_work_context", "set", .string("x")), ("name", "set", .string("Ana"))])))
            let partial = try await service.message(user, "I am Ana")
            #expect(partial["rejected_facts"] == .number(2))
            #expect(try await service.memories(user) == ["name": .string("Ana")])
        }
    }

    @Test("with API_KEYS set, routes need a bearer key; health does not")
    func apiKeys() async throws {
        try await TestService.run(environment: ["API_KEYS": "k1, k2"]) { service in
            #expect(try await service.get("/health").status == .ok)
            let refused = try await service.get("/users/x/memories/raw")
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "unauthorized")
            #expect(try await service.request(.get, "/users/x/memories/raw", headers: [.authorization: "Bearer k3"]).status == .unauthorized)
            #expect(try await service.request(.get, "/users/x/memories/raw", headers: [.authorization: "Bearer k2"]).status == .ok)
        }
    }

    @Test("an unreachable database is a 503 with a clear message")
    func databaseDown() async throws {
        try await TestService.run(environment: ["DATABASE_URL": "postgres://postgres@127.0.0.1:9/none", "MIGRATE_ON_START": "false", "DB_TIMEOUT_SECONDS": "1"]) { service in
            let health = try await service.get("/health")
            #expect(health.status == .serviceUnavailable)
            #expect(health["database"] == .string("unavailable"))
            let reply = try await service.message("u", "hello")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.errorCode == "database_unavailable")
        }
    }
}
