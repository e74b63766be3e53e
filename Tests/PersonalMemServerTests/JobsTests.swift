import FakeOpenAI
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// Async extraction. Every test gets a fresh database of its own: the other suites' services run
/// job workers against the shared test database, and one of them (with its own fake LLM) must not
/// take these jobs.
@Suite("Async extraction jobs", .serialized, .timeLimit(.minutes(3)))
struct JobsTests {
    @Test("async: true answers 202 with a job; the worker extracts; GET /jobs/{id} shows the events and the profile has them")
    func asyncMessageIsExtracted() async throws {
        let database = try await TestService.freshDatabase("personalmem_jobs_test")
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database]) { service in
            let user = TestService.userID()
            let doneBefore = MetricsTests.value(try await MetricsTests.scrape(service), ServiceMetrics.jobs, ["event": "done"])
            service.fake.script(.reply(factsReply([("name", "set", .string("Jo")), ("likes", "add", .array([.string("tea")]))])))
            let queued = try await Self.postAsync(service, user, "My name is Jo and I like tea")
            #expect(queued.status == .accepted)
            #expect(queued["status"] == .string("queued"))
            #expect(queued["user_id"] == .string(user))
            let messageID = try #require(queued["message_id"])
            #expect(messageID != .null)
            let id = try Self.jobID(queued)
            #expect(queued.headers[.location] == "/jobs/\(id)")

            let job = try await Self.waitUntilFinished(service, id)
            #expect(job["status"] == .string("done"))
            #expect(job["attempts"] == .number(1))
            #expect(job["user_id"] == .string(user))
            #expect(job["message_id"] == queued["message_id"])
            #expect(job["error"] == nil)
            #expect(job["created_at"]?.stringValue != nil && job["updated_at"]?.stringValue != nil)
            let events = job["events"]?.arrayValue ?? []
            #expect(events.count == 2)
            #expect(events.first?.objectValue?["event"] == .string("ADD"))
            #expect(events.first?.objectValue?["field"] == .string("name"))
            #expect(try await service.memories(user)["name"] == .string("Jo"))
            let doneAfter = MetricsTests.value(try await MetricsTests.scrape(service), ServiceMetrics.jobs, ["event": "done"])
            #expect(doneAfter > doneBefore)
        }
    }

    @Test("a failing model makes the job retry with backoff, then succeed")
    func retryThenDone() async throws {
        let database = try await TestService.freshDatabase("personalmem_jobs_test")
        let environment = ["DATABASE_URL": database, "LLM_MAX_ATTEMPTS": "1", "JOB_BACKOFF_MS": "50"]
        try await TestService.run(llm: true, environment: environment) { service in
            let user = TestService.userID()
            service.fake.script(.status(500), .reply(factsReply([("name", "set", .string("Ray"))])))
            let id = try await Self.jobID(Self.postAsync(service, user, "I am Ray"))
            let job = try await Self.waitUntilFinished(service, id)
            #expect(job["status"] == .string("done"))
            #expect(job["attempts"] == .number(2))
            #expect(try await service.memories(user)["name"] == .string("Ray"))
        }
    }

    @Test("a model that keeps failing makes the job fail after JOB_MAX_ATTEMPTS with the error kind, not the text")
    func retriesThenFails() async throws {
        let database = try await TestService.freshDatabase("personalmem_jobs_test")
        let environment = ["DATABASE_URL": database, "LLM_MAX_ATTEMPTS": "1", "JOB_MAX_ATTEMPTS": "3", "JOB_BACKOFF_MS": "50"]
        try await TestService.run(llm: true, environment: environment) { service in
            let user = TestService.userID()
            service.fake.script(.status(500), .status(500), .status(500))
            let id = try await Self.jobID(Self.postAsync(service, user, "My secret is 42"))
            let job = try await Self.waitUntilFinished(service, id)
            #expect(job["status"] == .string("failed"))
            #expect(job["attempts"] == .number(3))
            #expect(job["error"] == .string("llm_unavailable"))
            #expect(job["events"] == nil)
            #expect(service.fake.chatRequests.count == 3)
            #expect(try await service.memories(user).isEmpty)
        }
    }

    @Test("a job queued while no worker runs, and one left running by a crashed worker, are done after a restart")
    func survivesRestart() async throws {
        let database = try await TestService.freshDatabase("personalmem_jobs_test")
        let user = TestService.userID()
        let queued = Mutex<[Int64]>([])
        try await TestService.run(environment: ["DATABASE_URL": database, "JOB_WORKERS": "0"]) { service in
            let first = try await Self.jobID(Self.postAsync(service, user, "My name is Kim"))
            let second = try await Self.jobID(Self.postAsync(service, user, "I live in Oslo"))
            // The second job's worker "crashed": running, its heartbeat an hour old.
            try await service.parts.postgres.query(
                "UPDATE jobs SET status = 'running', attempts = 1, updated_at = now() - interval '1 hour' WHERE id = \(second)",
                logger: service.parts.logger)
            try await Task.sleep(for: .milliseconds(500))
            let waiting = try await service.get("/jobs/\(first)")
            #expect(waiting["status"] == .string("queued"))
            #expect(waiting["attempts"] == .number(0))
            queued.withLock { $0 = [first, second] }
        }
        let ids = queued.withLock { $0 }
        try #require(ids.count == 2)
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database]) { service in
            // The two jobs may run in either order, so both scripted replies carry both facts.
            let both = factsReply([("name", "set", .string("Kim")), ("location", "set", .string("Oslo"))])
            service.fake.script(.reply(both), .reply(both))
            let first = try await Self.waitUntilFinished(service, ids[0])
            let second = try await Self.waitUntilFinished(service, ids[1])
            #expect(first["status"] == .string("done"))
            #expect(second["status"] == .string("done"))
            #expect(second["attempts"] == .number(2), "the crashed attempt counts")
            let memories = try await service.memories(user)
            #expect(memories["name"] == .string("Kim"))
            #expect(memories["location"] != nil)
        }
    }

    @Test("an unknown job is a 404 JSON error; a job id that is not a number is a 400")
    func unknownJob() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let missing = try await service.get("/jobs/987654321987")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            #expect(try await service.get("/jobs/abc").status == .badRequest)
        }
    }

    @Test("a bad async value is a 400 and stores nothing")
    func badAsyncValue() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let user = TestService.userID()
            for value: JSONValue in [.string("yes"), .number(1)] {
                let reply = try await service.post(
                    "/messages", .object(["user_id": .string(user), "message": .string("My name is Al"), "async": value]))
                #expect(reply.status == .badRequest)
                #expect(reply["error"]?.objectValue?["message"]?.stringValue?.contains("async") == true)
            }
            let synchronous = try await service.post(
                "/messages", .object(["user_id": .string(user), "message": .string("hello"), "async": .bool(false)]))
            #expect(synchronous.status == .ok)
        }
    }

    @Test("deleting a user deletes their jobs")
    func deleteRemovesJobs() async throws {
        let database = try await TestService.freshDatabase("personalmem_jobs_test")
        try await TestService.run(environment: ["DATABASE_URL": database, "JOB_WORKERS": "0"]) { service in
            let user = TestService.userID()
            let id = try await Self.jobID(Self.postAsync(service, user, "My name is Del"))
            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
            #expect(try await service.get("/jobs/\(id)").status == .notFound)
        }
    }

    // MARK: - Helpers

    static func postAsync(_ service: TestService, _ user: String, _ text: String) async throws -> TestService.Reply {
        try await service.post("/messages", .object(["user_id": .string(user), "message": .string(text), "async": .bool(true)]))
    }

    /// Polls GET /jobs/{id} until the job is done or failed (20 s at most, as a safety net).
    static func waitUntilFinished(_ service: TestService, _ id: Int64) async throws -> TestService.Reply {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let reply = try await service.get("/jobs/\(id)")
            if reply["status"] == .string("done") || reply["status"] == .string("failed") || ContinuousClock.now > deadline {
                return reply
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func jobID(_ reply: TestService.Reply) throws -> Int64 {
        guard case .number(let id)? = reply["job_id"] else { throw JobIDMissing(status: reply.status.code) }
        return Int64(id)
    }

    struct JobIDMissing: Error {
        let status: Int
    }
}
