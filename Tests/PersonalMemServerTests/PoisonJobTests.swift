import FakeOpenAI
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// A queued job whose input keeps failing the same way is marked failed after three attempts in
/// a row, without taking the service down; one whose workers kept dying on it is not run again.
/// Each test has a database of its own (named apart from JobsTests', which runs alongside).
@Suite("Poison jobs", .serialized, .timeLimit(.minutes(3)))
struct PoisonJobTests {
    @Test("a model reply that cannot be read (a usage count of 1e19) fails the job after three attempts, not JOB_MAX_ATTEMPTS")
    func poisonReply() async throws {
        let database = try await TestService.freshDatabase("personalmem_poison_jobs_test")
        let environment = ["DATABASE_URL": database, "LLM_MAX_ATTEMPTS": "1", "JOB_MAX_ATTEMPTS": "5", "JOB_BACKOFF_MS": "50"]
        try await TestService.run(llm: true, environment: environment) { service in
            let user = TestService.userID()
            let poison = FakeOpenAI.completion(factsReply([("name", "set", .string("Pia"))]), usage: .object(["prompt_tokens": .number(1e19)]))
            for _ in 0..<10 { service.fake.script(.raw(poison.jsonText)) }
            let id = try await JobsTests.jobID(JobsTests.postAsync(service, user, "My name is Pia"))
            let job = try await JobsTests.waitUntilFinished(service, id)
            #expect(job["status"] == .string("failed"))
            #expect(job["attempts"] == .number(3))
            #expect(job["error"] == .string("llm_bad_reply"))
            #expect(service.fake.chatRequests.count == 3)
            #expect(try await service.memories(user).isEmpty)
            #expect(try await service.get("/health").status == .ok)
        }
    }

    @Test("a job whose workers died on it three times in a row is marked failed without running it again")
    func crashLoop() async throws {
        let database = try await TestService.freshDatabase("personalmem_poison_jobs_test")
        let user = TestService.userID()
        let id = try await Self.queueWithoutWorkers(database: database, user: user) { service, id in
            // Two earlier instances died running it; this lease has run out too.
            try await service.parts.postgres.query(
                """
                UPDATE jobs SET status = 'running', attempts = 2, last_error = 'lease_expired', failure_streak = 2,
                    updated_at = now() - interval '1 hour' WHERE id = \(id)
                """, logger: service.parts.logger)
        }
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database]) { service in
            let job = try await JobsTests.waitUntilFinished(service, id)
            #expect(job["status"] == .string("failed"))
            #expect(job["error"] == .string("lease_expired"))
            #expect(service.fake.chatRequests.isEmpty, "the poison job is not run again")
        }
    }

    @Test("one dead worker is not a pattern: the job runs again and is done")
    func oneCrashIsRetried() async throws {
        let database = try await TestService.freshDatabase("personalmem_poison_jobs_test")
        let user = TestService.userID()
        let id = try await Self.queueWithoutWorkers(database: database, user: user) { service, id in
            try await service.parts.postgres.query(
                "UPDATE jobs SET status = 'running', attempts = 1, updated_at = now() - interval '1 hour' WHERE id = \(id)",
                logger: service.parts.logger)
        }
        try await TestService.run(llm: true, environment: ["DATABASE_URL": database]) { service in
            service.fake.script(.reply(factsReply([("name", "set", .string("Quin"))])))
            let job = try await JobsTests.waitUntilFinished(service, id)
            #expect(job["status"] == .string("done"))
            #expect(job["attempts"] == .number(2))
        }
    }

    // MARK: - Helpers

    /// Queues one job with no worker running, lets `prepare` change its row, and returns its id.
    static func queueWithoutWorkers(
        database: String, user: String, prepare: @escaping @Sendable (TestService, Int64) async throws -> Void
    ) async throws -> Int64 {
        let holder = Holder()
        try await TestService.run(environment: ["DATABASE_URL": database, "JOB_WORKERS": "0"]) { service in
            let id = try await JobsTests.jobID(JobsTests.postAsync(service, user, "My name is Quin"))
            try await prepare(service, id)
            await holder.set(id)
        }
        return try #require(await holder.id)
    }

    actor Holder {
        var id: Int64?
        func set(_ value: Int64) { id = value }
    }
}
