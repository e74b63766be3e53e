import Foundation
import Logging
import PersonalMem
import PostgresNIO
import Testing

@testable import PersonalMemServer

/// A write is answered as stored only after its commit succeeded. These tests make the commit fail
/// on purpose (a deferred constraint trigger that raises at commit, for one user only) and check
/// that the write is never reported as stored. (A statement run alone, without BEGIN and COMMIT,
/// would fail the first: PostgreSQL commits it after its rows are queued, and the commit's error
/// follows them.)
@Suite("A failed commit is never reported as stored", .serialized)
struct CommitCheckTests {
    static func execute(_ service: TestService, _ sql: String) async throws {
        try await service.parts.postgres.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
    }

    /// Installs a trigger that fails the commit of any transaction that stored a row of `user` in `table`.
    static func failingCommits(
        for user: String, table: String = "messages", _ service: TestService, _ body: () async throws -> Void
    ) async throws {
        let name = "fail_commit_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await execute(
            service,
            """
            CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.user_id = '\(user)' THEN RAISE EXCEPTION 'commit refused for the test'; END IF;
                RETURN NULL;
            END $$
            """)
        try await execute(
            service,
            "CREATE CONSTRAINT TRIGGER \(name) AFTER INSERT ON \(table) DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION \(name)()")
        do {
            try await body()
        } catch {
            try? await execute(service, "DROP TRIGGER \(name) ON \(table)")
            try? await execute(service, "DROP FUNCTION \(name)()")
            throw error
        }
        try await execute(service, "DROP TRIGGER \(name) ON \(table)")
        try await execute(service, "DROP FUNCTION \(name)()")
    }

    @Test("a chat turn's job whose commit fails is not reported as queued, and nothing of it is stored")
    func turnJobCommitFails() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let jobs = service.parts.jobs
            let user = TestService.userID("commitcheck")
            // The user's generation row exists, so the turn takes the one-statement path.
            _ = try await jobs.enqueueTurn(userID: user, conversationID: "c", turnID: 1, message: "turn 1", generation: 0, cutoff: 100)
            try await Self.failingCommits(for: user, service) {
                await #expect(throws: (any Error).self) {
                    _ = try await jobs.enqueueTurn(userID: user, conversationID: "c", turnID: 2, message: "turn 2", generation: 0, cutoff: 100)
                }
            }
            #expect(try await DeleteWinsTests.rowCounts(service, user) == ["users": 0, "profile_history": 0, "messages": 1, "jobs": 1])
        }
    }

    @Test("a batch or a message whose shared commit fails is answered 503 (not committed), and nothing of it is stored")
    func sharedCommitFails() async throws {
        try await TestService.run(environment: ["JOB_WORKERS": "0"]) { service in
            let user = TestService.userID("commitcheck")
            try await Self.failingCommits(for: user, table: "profile_history", service) {
                let batch = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")]))
                #expect(batch.status == .serviceUnavailable)
            }
            try await Self.failingCommits(for: user, service) {
                let message = try await service.post("/messages", .object(["user_id": .string(user), "message": .string("I live in Oslo.")]))
                #expect(message.status == .serviceUnavailable)
            }
            #expect(try await DeleteWinsTests.rowCounts(service, user) == DeleteWinsTests.noRows)
            #expect(try await service.memories(user) == [:], "nothing of either write is served")
            let again = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")]))
            #expect(again.status == .ok)
            #expect(again["events"]?.arrayValue?.first?.objectValue?["event"] == .string("ADD"))
        }
    }
}
