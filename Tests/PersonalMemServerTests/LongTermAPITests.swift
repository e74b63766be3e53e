import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem

@Suite("Long-term memory management", .serialized, .timeLimit(.minutes(3)))
struct LongTermAPITests {
    func say(_ service: TestService, _ user: String, _ text: String, conversation: String) async throws {
        let body: JSONValue = .object([
            "user": .string(user), "metadata": .object(["conversation_id": .string(conversation)]),
            "messages": .array([.object(["role": .string("user"), "content": .string(text)])]),
        ])
        #expect(try await service.chatIndexed(body).status == .ok)
    }

    func results(_ reply: TestService.Reply) -> [[String: JSONValue]] {
        reply["results"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    @Test("search ranks by the fused score, shows its parts, finds keyword-only matches, and filters by type")
    func search() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            try await say(service, user, "My locker code is 4512", conversation: "a")
            try await say(service, user, "I prefer tea over coffee in the morning", conversation: "b")
            try await say(service, user, "We talked about the weather in Oslo", conversation: "c")
            let found = try await service.get("/users/\(user)/memories/search?q=4512&top_k=3")
            #expect(found.status == .ok)
            let first = results(found).first
            #expect(first?["summary"]?.stringValue?.contains("4512") == true)
            let parts = first?["score_parts"]?.objectValue ?? [:]
            #expect(Set(parts.keys) == [
                "semantic", "keyword", "recency", "frequency", "confidence", "cosine", "bm25", "dense_rank", "keyword_rank", "time", "fused",
                "prior",
            ])
            #expect(parts["keyword"] == .number(1))
            #expect(parts["keyword_rank"] == .number(1))

            let preferences = try await service.get("/users/\(user)/memories/search?q=tea&type=preference")
            #expect(results(preferences).allSatisfy { $0["type"] == .string("preference") })
            #expect(results(preferences).count == 1)

            // Being returned by search is not an access (only being put into a chat prompt is).
            let again = try await service.get("/users/\(user)/memories/search?q=4512&top_k=1")
            #expect(results(again).first?["access_count"] == first?["access_count"])

            #expect(try await service.get("/users/\(user)/memories/search").status == .badRequest)
            #expect(try await service.get("/users/\(user)/memories/search?q=x&top_k=0").status == .unprocessableContent)
            #expect(try await service.get("/users/\(user)/memories/search?q=x&type=gossip").status == .badRequest)
        }
    }

    @Test("turns shorter than MIN_MESSAGE_LENGTH are logged but not indexed; stats count both")
    func writeFilterAndStats() async throws {
        try await TestService.run(llm: true, environment: ["MIN_MESSAGE_LENGTH": "60"]) { service in
            let user = TestService.userID()
            try await say(service, user, "hi", conversation: "a")
            try await say(service, user, "I am planning a long trip to Japan next spring with my sister Anna", conversation: "a")
            let stats = try await service.get("/users/\(user)/stats")
            #expect(stats.status == .ok)
            #expect(stats["turns"] == .number(2))
            #expect(stats["memories"] == .number(1))
            #expect(stats["conversations"] == .number(1))
            #expect(stats["index"]?.objectValue?["kind"] == .string("flat"))
            #expect(stats["last_activity"] != .null)
        }
    }

    @Test("optimize merges near-duplicates keeping their provenance; dry run changes nothing; logs stay whole")
    func optimize() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            try await say(service, user, "My favourite band is Radiohead", conversation: "a")
            try await say(service, user, "My favourite band is Radiohead", conversation: "b")
            try await say(service, user, "I adopted a grey cat last week", conversation: "c")
            let dry = try await service.post("/users/\(user)/optimize", .object(["dry_run": .bool(true)]))
            #expect(dry.status == .ok)
            #expect(dry["merged"]?.arrayValue?.count == 1)
            #expect(try await service.get("/users/\(user)/stats")["memories"] == .number(3))

            let done = try await service.post("/users/\(user)/optimize", .object([:]))
            #expect(done["memories_after"] == .number(2))
            let merged = done["merged"]?.arrayValue?.first?.objectValue
            #expect(merged?["merged_ids"]?.arrayValue?.count == 2)
            let stats = try await service.get("/users/\(user)/stats")
            #expect(stats["memories"] == .number(2))
            #expect(stats["turns"] == .number(3))
            let hit = try await service.get("/users/\(user)/memories/search?q=Radiohead&top_k=1")
            #expect(results(hit).first?["merged_from"]?.arrayValue?.count == 2)
        }
    }

    @Test("export, delete, import gives back the same profile, history, conversations and search results")
    func roundTrip() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            service.fake.script(.reply(factsReply([("name", "set", .string("Ines")), ("likes", "add", .array([.string("fado")]))])))
            _ = try await service.message(user, "I am Ines and I love fado")
            try await say(service, user, "My locker code is 4512", conversation: "gym")
            try await say(service, user, "I bought a red bicycle", conversation: "errands")
            let profile = try await service.memories(user)
            let history = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
            let search = results(try await service.get("/users/\(user)/memories/search?q=bicycle&top_k=5")).map { $0["memory_id"] }
            let exported = try await service.get("/users/\(user)/export")
            #expect(exported.status == .ok)
            #expect(exported["memories"]?.arrayValue?.count == 2)

            let csv = try await service.get("/users/\(user)/export?format=csv")
            #expect(csv.json.stringValue?.hasPrefix("record,key,value") == true)

            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
            #expect(try await service.memories(user).isEmpty)
            let imported = try await service.request(.post, "/users/\(user)/import", json: exported.json)
            #expect(imported.status == .ok)
            #expect(try await service.memories(user) == profile)
            let historyAfter = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
            func strip(_ rows: [JSONValue]) -> [JSONValue] {
                rows.map { row in .object((row.objectValue ?? [:]).filter { $0.key != "id" && $0.key != "created_at" }) }
            }
            #expect(strip(historyAfter) == strip(history))
            #expect(try await service.get("/users/\(user)/conversations/gym")["turns"]?.arrayValue?.count == 1)
            // Same memories, same order; access counts came along too.
            let searchAfter = results(try await service.get("/users/\(user)/memories/search?q=bicycle&top_k=5")).map { $0["memory_id"] }
            #expect(searchAfter == search)

            let conflict = try await service.request(.post, "/users/\(user)/import", json: exported.json)
            #expect(conflict.status == .conflict)
            #expect(try await service.request(.post, "/users/\(user)/import", raw: "{\"nope\": 1}").status == .badRequest)
        }
    }

    @Test("a user with a profile and no memories round-trips; memories without vectors are embedded on import")
    func importWithoutVectors() async throws {
        try await TestService.run { service in
            let user = TestService.userID()
            _ = try await service.message(user, "My name is Ines and I love fado")
            let profile = try await service.memories(user)
            #expect(!profile.isEmpty)
            let exported = try await service.get("/users/\(user)/export")
            #expect(exported["memories"]?.arrayValue?.isEmpty == true)
            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
            #expect(try await service.request(.post, "/users/\(user)/import", json: exported.json).status == .ok)
            #expect(try await service.memories(user) == profile)

            // A file written by another tool: no vectors, no embedding size; the service embeds the texts.
            let other = TestService.userID()
            let memory: JSONValue = .object([
                "record": .object([
                    "memory_id": .number(1), "user_id": .string(other), "conv_id": .string("c1"), "turn_id": .number(1),
                    "ts": .string("2024-03-01T12:00:00.000Z"), "summary": .string("Ines rode a red bicycle to the harbour"),
                    "raw_user": .string("Ines rode a red bicycle to the harbour"), "raw_assistant": .string(""),
                ]),
                "access_count": .number(0), "last_access": .null, "vector": .string(""),
            ])
            let file: JSONValue = .object([
                "format": .string("personalmem-export-1"), "user_id": .string(other), "exported_at": .string("2025-01-01T00:00:00.000Z"),
                "profile": .object([:]), "history": .array([]), "conversations": .array([]), "embedding_model": .string("none"),
                "embedding_dims": .number(0), "memories": .array([memory]),
            ])
            let imported = try await service.request(.post, "/users/\(other)/import", json: file)
            #expect(imported.status == .ok)
            let found = results(try await service.get("/users/\(other)/memories/search?q=bicycle&top_k=5"))
            #expect(found.first?["memory_id"] == .number(1))
        }
    }
}
