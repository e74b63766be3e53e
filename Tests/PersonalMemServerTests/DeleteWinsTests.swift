import FakeOpenAI
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// Delete wins: `DELETE /users/{id}/memories` while an async extraction, a sync extraction or a chat
/// answer for the user is waiting on the model. Afterwards nothing of the user is stored: no rows,
/// no conversation files holding the deleted words, no keyword-index words, no colliding memory ids.
@Suite("Delete wins over work under way", .serialized, .timeLimit(.minutes(3)))
struct DeleteWinsTests {
    @Test("a delete while an async extraction job waits on the model leaves no rows")
    func deleteRacesAsyncJob() async throws {
        let database = try await TestService.freshDatabase("personalmem_delete_test")
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database, "JOB_BACKOFF_MS": "50"]) { service in
            let user = TestService.userID("del")
            service.fake.script(.delayed(factsReply([("hobbies", "add", .array([.string("zebra racing")]))]), by: .seconds(1)))
            let queued = try await service.post(
                "/messages", .object(["user_id": .string(user), "message": .string("I love zebra racing"), "async": .bool(true)]))
            #expect(queued.status == .accepted)
            try await Self.waitForChatCalls(service, 1)
            let deleted = try await service.request(.delete, "/users/\(user)/memories")
            #expect(deleted.status == .ok)
            // The model answers after the delete; the job must not write.
            try await Task.sleep(for: .seconds(2))
            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            #expect(try await service.memories(user).isEmpty)
        }
    }

    @Test("a delete while a sync extraction waits on the model: the message answers 409 and leaves no rows")
    func deleteRacesSyncExtraction() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID("del")
            _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Zed")]))
            let calls = service.fake.chatRequests.count
            service.fake.script(.delayed(factsReply([("hobbies", "add", .array([.string("zebra watching")]))]), by: .seconds(1)))
            let pending = Task { try await service.withOwnConnection { try await $0.message(user, "I love zebra watching") } }
            try await Self.waitForChatCalls(service, calls + 1)
            let deleted = try await service.request(.delete, "/users/\(user)/memories")
            #expect(deleted.status == .ok)
            let reply = try await pending.value
            #expect(reply.status == .conflict)
            #expect(reply.errorCode == "user_deleted")
            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            #expect(try await service.memories(user).isEmpty)
            #expect(try await service.get("/users/\(user)/memories/history")["history"] == .array([]))
        }
    }

    @Test("a delete while a chat answer is in flight: no turn, memory, keyword or row comes back, and new ids do not collide")
    func deleteRacesChatAnswer() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID("del")
            let quiet: [String: JSONValue] = ["use_gate": .bool(false), "use_rerank": .bool(false)]
            let first = try await service.chatIndexed(Self.chat(user, "Zebras are my favourite animal", metadata: quiet))
            #expect(first.status == .ok)
            let found = try await service.get("/users/\(user)/memories/search?q=zebras")
            let hits = found["results"]?.arrayValue ?? []
            #expect(hits.count == 1)

            let calls = service.fake.chatRequests.count
            service.fake.script(.delayed("Zebras have stripes", by: .seconds(1)))
            let pending = Task {
                try await service.withOwnConnection { try await $0.post("/v1/chat/completions", Self.chat(user, "Tell me about zebras", metadata: quiet)) }
            }
            try await Self.waitForChatCalls(service, calls + 1)
            let deleted = try await service.request(.delete, "/users/\(user)/memories")
            #expect(deleted.status == .ok)
            let answer = try await pending.value
            #expect(answer.status == .ok)
            #expect(answer["memory"]?.objectValue?["indexing"] == .string("skipped"), "the turn of a deleted user is not queued")

            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            #expect(try Self.filesMention(service, user, "zebra") == [])
            #expect(try await service.get("/users/\(user)/conversations")["conversations"] == .array([]))
            #expect(try await service.get("/users/\(user)/memories/search?q=zebras")["results"] == .array([]))
            #expect(try await service.get("/users/\(user)/stats")["memories"] == .number(0))

            // A new memory after the delete: the old user's words must not find it through a stale index.
            let later = try await service.chatIndexed(Self.chat(user, "Giraffes are tall", metadata: quiet))
            #expect(later.status == .ok)
            // Dense search may still return the new memory, but no deleted word may score it (a stale
            // keyword index would map the old memory 1 onto the new memory 1).
            let after = try await service.get("/users/\(user)/memories/search?q=zebras")["results"]?.arrayValue ?? []
            for hit in after {
                #expect(hit.objectValue?["score_parts"]?.objectValue?["keyword"] == .number(0))
            }
            let giraffes = try await service.get("/users/\(user)/memories/search?q=giraffes")["results"]?.arrayValue ?? []
            #expect(giraffes.count == 1)
        }
    }

    @Test("a delete while a chat turn's record job waits on the model (its summary): nothing of the user comes back")
    func deleteRacesRecordJob() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID("del")
            let quiet: [String: JSONValue] = ["use_gate": .bool(false), "use_rerank": .bool(false)]
            let calls = service.fake.chatRequests.count
            // The answer, then the job's summary, slow enough for the delete to land while it waits.
            service.fake.script(.reply("Zebras are striped"), .delayed("Summary: zebras", by: .seconds(1)))
            let answer = try await service.post("/v1/chat/completions", Self.chat(user, "Tell me about zebras", metadata: quiet))
            #expect(answer.status == .ok)
            #expect(answer["memory"]?.objectValue?["indexing"] == .string("queued"))
            try await Self.waitForChatCalls(service, calls + 2)
            let deleted = try await service.request(.delete, "/users/\(user)/memories")
            #expect(deleted.status == .ok)
            // Let the summary arrive and the job go on from there.
            try await Task.sleep(for: .seconds(2))
            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            #expect(try Self.filesMention(service, user, "zebra") == [])
            #expect(try await service.get("/users/\(user)/conversations")["conversations"] == .array([]))
            #expect(try await service.get("/users/\(user)/memories/search?q=zebras")["results"] == .array([]))
            #expect(try await service.get("/users/\(user)/stats")["memories"] == .number(0))
            #expect(try await service.memories(user).isEmpty)
        }
    }

    @Test("a delete while a chat turn's record job is queued: the job never runs and nothing comes back")
    func deleteBeforeRecordJobRuns() async throws {
        let database = try await TestService.freshDatabase("personalmem_delete_test")
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-delete-queued-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: storage) }
        let user = TestService.userID("del")
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database, "JOB_WORKERS": "0"], storage: storage) { service in
            let answer = try await service.post("/v1/chat/completions", Self.chat(user, "Zebras are my favourite animal", metadata: [:]))
            #expect(answer["memory"]?.objectValue?["indexing"] == .string("queued"))
            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
        }
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database], storage: storage) { service in
            let calls = service.fake.chatRequests.count
            try await Task.sleep(for: .seconds(1))
            #expect(service.fake.chatRequests.count == calls, "no job ran for the deleted user")
            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            #expect(try Self.filesMention(service, user, "zebra") == [])
            #expect(try await service.get("/users/\(user)/memories/search?q=zebras")["results"] == .array([]))
        }
    }

    @Test("after a delete the user's in-memory state is gone: fence entries, write memo, keyword index")
    func deleteDropsMemoryState() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID("del")
            _ = try await service.chatIndexed(Self.chat(user, "Okapis live in forests", metadata: ["use_gate": .bool(false)]))
            _ = try await service.get("/users/\(user)/memories/search?q=okapis")
            #expect(await service.parts.conversationMemory.stores.hasKeywordIndex(user))
            _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Oka")]))
            #expect(try service.postgresProfiles.memo.contains(user))
            _ = try await service.request(.delete, "/users/\(user)/memories")
            #expect(!(await service.parts.conversationMemory.stores.hasKeywordIndex(user)))
            #expect(try !service.postgresProfiles.memo.contains(user))
            #expect(service.parts.conversationMemory.stores.fence.trackedUsers == 0)
        }
    }

    @Test("a chat turn's job commits only at the generation the chat began with: a first write, the same generation, a stale one")
    func turnJobAtGeneration() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let jobs = service.parts.jobs
            let user = TestService.userID("gen")
            func enqueue(turn: Int, generation: Int64) async throws -> Job {
                try await jobs.enqueueTurn(
                    userID: user, conversationID: "c", turnID: turn, message: "turn \(turn)", generation: generation, cutoff: 100)
            }
            func oneStatement(generation: Int64) async throws -> Job? {
                let recording = TurnRecording(userID: user, conversationID: "c", turnID: 9, messageID: 0, generation: generation, cutoff: 100)
                return try await jobs.enqueueTurnInOneStatement(userID: user, conversationID: "c", message: "turn 9", recording: recording)
            }
            // No generation row yet: the one statement stores nothing and the transaction creates the row.
            #expect(try await oneStatement(generation: 0) == nil)
            let first = try await enqueue(turn: 1, generation: 0)
            let second = try await enqueue(turn: 2, generation: 0)
            #expect(try await oneStatement(generation: 1) == nil, "not the user's generation")
            #expect(try await oneStatement(generation: 0)?.kind == Job.recordTurn)
            #expect(first.kind == Job.recordTurn && second.kind == Job.recordTurn && second.id > first.id)
            #expect(try await Self.rowCounts(service, user) == ["users": 0, "profile_history": 0, "messages": 3, "jobs": 3])

            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
            await #expect(throws: UserDeleted.self) { _ = try await enqueue(turn: 3, generation: 0) }
            #expect(try await Self.rowCounts(service, user) == Self.noRows)
            let current = try await service.parts.database.generation(user)
            #expect(current > 0)
            _ = try await enqueue(turn: 3, generation: current)
            #expect(try await Self.rowCounts(service, user)["jobs"] == 1)
        }
    }

    // MARK: - Helpers

    static let noRows = ["users": 0, "profile_history": 0, "messages": 0, "jobs": 0]

    static func chat(_ user: String, _ text: String, metadata: [String: JSONValue]) -> JSONValue {
        .object([
            "model": .string("any"), "user": .string(user), "metadata": .object(metadata),
            "messages": .array([.object(["role": .string("user"), "content": .string(text)])]),
        ])
    }

    /// Rows about the user in each table, read straight from PostgreSQL.
    static func rowCounts(_ service: TestService, _ user: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in noRows.keys {
            var binds = PostgresBindings()
            binds.append(user)
            let rows = try await service.parts.postgres.query(
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE user_id = $1", binds: binds), logger: Logger(label: "test"))
            for try await count in rows.decode(Int64.self) { counts[table] = Int(count) }
        }
        return counts
    }

    /// Files under the user's directory whose bytes mention `word` (any case).
    static func filesMention(_ service: TestService, _ user: String, _ word: String) throws -> [String] {
        let directory = try service.parts.conversationMemory.stores.layout.directory(forUser: user)
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var hits: [String] = []
        for case let url as URL in walker {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            if String(decoding: data, as: UTF8.self).lowercased().contains(word.lowercased()) { hits.append(url.lastPathComponent) }
        }
        return hits
    }

    static func waitForChatCalls(_ service: TestService, _ count: Int) async throws {
        for _ in 0..<200 where service.fake.chatRequests.count < count {
            try await Task.sleep(for: .milliseconds(25))
        }
        try #require(service.fake.chatRequests.count >= count, "the model call never arrived")
    }
}
