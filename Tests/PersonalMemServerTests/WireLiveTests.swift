import FakeOpenAI
import Foundation
import PersonalMem
import Testing

@testable import PersonalMemServer

/// Live bodies from the running service: each is exactly the text the hand-built `JSONValue`
/// renderer wrote before the wire types (compact, sorted keys, whole numbers without a
/// fraction), and each decodes strictly into its type and encodes back to the same bytes.
@Suite("Live responses are the typed wire format, byte for byte", .serialized, .timeLimit(.minutes(3)))
struct WireLiveTests {
    func check(_ reply: TestService.Reply, _ shape: WireShape, _ label: String) throws {
        #expect(reply.text == reply.json.jsonText, "\(label): \(reply.text)")
        let differences = try shape.roundTripDifferences(reply.json)
        #expect(differences.isEmpty, "\(label): \(differences.joined(separator: "; "))")
    }

    @Test("profile, job, health and error bodies")
    func profileBodies() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let user = TestService.userID()
            let message = try await service.message(user, "My name is Wren and I live in Oslo. I like tea and hiking.")
            #expect(message.status == .ok)
            try check(message, WireShape(MessageResponse.self), "POST /messages")
            let batch = try await service.post("/users/\(user)/memories/batch", .object(["age": .number(41), "hobbies": .array([.string("chess")])]))
            try check(batch, WireShape(BatchResponse.self), "batch")
            try check(try await service.get("/users/\(user)/context/text"), WireShape(ContextTextResponse.self), "context/text")
            try check(try await service.get("/users/\(user)/memories/raw"), WireShape(RawMemoriesResponse.self), "memories/raw")
            try check(try await service.get("/users/\(user)/memories/history"), WireShape(HistoryResponse.self), "history")
            let empty = TestService.userID()
            try check(try await service.get("/users/\(empty)/context/text"), WireShape(ContextTextResponse.self), "empty context/text")
            try check(try await service.get("/users/\(empty)/memories/raw"), WireShape(RawMemoriesResponse.self), "empty memories/raw")

            let queued = try await service.post(
                "/messages", .object(["user_id": .string(user), "message": .string("I moved to Bergen"), "async": .bool(true)]))
            #expect(queued.status == .accepted)
            try check(queued, WireShape(JobQueuedResponse.self), "202")
            try check(try await service.get("/jobs/\(try JobsTests.jobID(queued))"), WireShape(JobResponse.self), "job")

            try check(try await service.get("/health"), WireShape(HealthResponse.self), "health")
            try check(try await service.get("/fields"), WireShape(FieldListResponse.self), "fields")
            let missing = try await service.post("/messages", .object(["user_id": .string(user)]))
            #expect(missing.status == .badRequest)
            #expect(missing["error"]?.objectValue?["message"] == .string("'message' is required."))
            try check(missing, WireShape(ErrorResponse.self), "400")
            let rejected = try await service.post("/users/\(user)/memories/batch", .object(["age": .string("old"), "nope": .number(1)]))
            #expect(rejected.status == .unprocessableContent)
            try check(rejected, WireShape(ErrorResponse.self), "422")
            try check(try await service.request(.delete, "/users/\(user)/memories"), WireShape(DeleteResponse.self), "delete")
        }
    }

    @Test("search, optimize, stats and import bodies")
    func memoryBodies() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            for (text, conversation) in [("My favourite band is Radiohead", "a"), ("My favourite band is Radiohead", "b"), ("I adopted a grey cat", "c")] {
                let body: JSONValue = .object([
                    "user": .string(user), "metadata": .object(["conversation_id": .string(conversation)]),
                    "messages": .array([.object(["role": .string("user"), "content": .string(text)])]),
                ])
                #expect(try await service.chatIndexed(body).status == .ok)  // indexed by its record_turn job before the next step
            }
            let search = try await service.get("/users/\(user)/memories/search?q=Radiohead&top_k=3")
            #expect(search["results"]?.arrayValue?.isEmpty == false)
            try check(search, WireShape(MemorySearchResponse.self), "search")
            try check(try await service.post("/users/\(user)/optimize", .object(["dry_run": .bool(true)])), WireShape(OptimizeResponse.self), "dry run")
            let optimized = try await service.post("/users/\(user)/optimize", .object([:]))
            #expect(optimized["merged"]?.arrayValue?.count == 1)
            try check(optimized, WireShape(OptimizeResponse.self), "optimize")
            try check(try await service.get("/users/\(user)/stats"), WireShape(UserStatsResponse.self), "stats")
            try check(try await service.get("/users/\(TestService.userID())/stats"), WireShape(UserStatsResponse.self), "empty stats")
            let exported = try await service.get("/users/\(user)/export")
            let imported = try await service.request(.post, "/users/\(TestService.userID())/import", raw: exported.text)
            #expect(imported.status == .ok)
            try check(imported, WireShape(ImportResponse.self), "import")
        }
    }
}
