import Foundation
import Logging
import PostgresNIO
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// Shared commits (issue 12): writes of different users gathered into one transaction, each caller
/// answered with its own events; a refused write fails alone; a database error fails the round.
/// The rounds are held on purpose (two users' rows locked from outside, so both rounds wait) to
/// gather the writes that queue meanwhile into one round; nothing here depends on timing.
@Suite("Shared commits", .serialized, .timeLimit(.minutes(3)))
struct SharedCommitTests {
    @Test("writes of 20 users queued together commit in one transaction with their own events; a list at its cap fails alone")
    func gatheredWrites() async throws {
        try await TestService.run { service in
            let capped = TestService.userID("cap")
            let full = (1...200).map { JSONValue.string("hobby \($0)") }
            #expect(try await service.post("/users/\(capped)/memories/batch", .object(["hobbies": .array(full)])).status == .ok)
            let users = (0..<20).map { _ in TestService.userID("many") }

            let replies = try await Self.whileRoundsAreHeld(service, queueing: users.count + 1) {
                var tasks: [Task<TestService.Reply, any Error>] = users.enumerated().map { index, user in
                    Task {
                        try await service.withOwnConnection {
                            try await $0.post("/users/\(user)/memories/batch", .object(["city": .string("City \(index)"), "age": .number(Double(20 + index))]))
                        }
                    }
                }
                tasks.append(Task {
                    try await service.withOwnConnection {
                        try await $0.post("/users/\(capped)/memories/batch", .object(["hobbies": .array([.string("one more")]), "name": .string("Capped")]))
                    }
                })
                return tasks
            }

            for (index, user) in users.enumerated() {
                let reply = replies[index]
                #expect(reply.status == .ok)
                let events = reply["events"]?.arrayValue ?? []
                #expect(events.count == 2)
                #expect(events.contains { $0.objectValue?["value"] == .string("City \(index)") })
                #expect(try await service.memories(user)["city"] == .string("City \(index)"))
                #expect(try await DeleteWinsTests.rowCounts(service, user)["profile_history"] == 2)
            }
            let refused = replies[users.count]
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "list_full")
            #expect(try await service.memories(capped)["name"] == nil)
            // One round, one transaction: every gathered history row carries the same transaction id.
            #expect(try await Self.transactions(service, users) == 1)
        }
    }

    @Test("built-in extractor messages of several users share a commit, each answered with its own message and events")
    func gatheredMessages() async throws {
        try await TestService.run { service in
            let users = (0..<6).map { _ in TestService.userID("msg") }
            let cities = ["Lisbon", "Oslo", "Lyon", "Osaka", "Austin", "Berlin"]
            let replies = try await Self.whileRoundsAreHeld(service, queueing: users.count) {
                users.enumerated().map { index, user in
                    Task { try await service.withOwnConnection { try await $0.message(user, "I moved to \(cities[index]) last month") } }
                }
            }
            var messageIDs: Set<Int> = []
            for (index, user) in users.enumerated() {
                let reply = replies[index]
                #expect(reply.status == .ok)
                guard case .number(let number)? = reply["message_id"] else {
                    Issue.record("no message_id")
                    continue
                }
                let id = Int(number)
                messageIDs.insert(id)
                #expect(reply["memory_context"]?.stringValue?.contains(cities[index]) == true)
                let history = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue ?? []
                #expect(history.count == (reply["extracted_memories"]?.arrayValue?.count ?? -1))
                #expect(!history.isEmpty && history.allSatisfy { $0.objectValue?["source"] == .string("message:\(id)") })
                #expect(try await DeleteWinsTests.rowCounts(service, user)["messages"] == 1)
            }
            #expect(messageIDs.count == users.count)
            #expect(try await Self.transactions(service, users) == 1)
        }
    }

    @Test("a database error in a shared commit fails every write of that round with 503 and stores none of them")
    func databaseErrorFailsTheRound() async throws {
        try await TestService.run { service in
            let users = (0..<3).map { _ in TestService.userID("boom") }
            // A real server-side failure: PostgreSQL refuses any history row for the field 'boom_field'
            // (no other test writes that field, so a trigger left behind by a failed run harms nothing).
            try await Self.execute(service, """
                CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.field = 'boom_field' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$
                """)
            try await Self.execute(service, "DROP TRIGGER IF EXISTS refuse_boom ON profile_history")
            try await Self.execute(service, "CREATE TRIGGER refuse_boom BEFORE INSERT ON profile_history FOR EACH ROW EXECUTE FUNCTION refuse_boom()")

            let replies = try await Self.whileRoundsAreHeld(service, queueing: users.count) {
                users.enumerated().map { index, user in
                    let field = index == 0 ? "boom_field" : "fine_field"
                    return Task { try await service.withOwnConnection { try await $0.post("/users/\(user)/memories/batch", .object([field: .string("x")])) } }
                }
            }
            try await Self.execute(service, "DROP TRIGGER IF EXISTS refuse_boom ON profile_history")
            for (index, user) in users.enumerated() {
                #expect(replies[index].status == .serviceUnavailable)
                #expect(try await DeleteWinsTests.rowCounts(service, user) == DeleteWinsTests.noRows)
            }
            // Not committed means the same write can simply be sent again.
            let again = try await service.post("/users/\(users[1])/memories/batch", .object(["fine_field": .string("x")]))
            #expect(again.status == .ok)
            #expect(again["events"]?.arrayValue?.count == 1)
        }
    }

    @Test("a row changed outside this instance's writes is read again: the write applies to what is stored")
    func rowMovedUnderTheMemo() async throws {
        try await TestService.run { service in
            let user = TestService.userID("moved")
            #expect(try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")])).status == .ok)
            // Another instance's write: the row moves without this instance's memo or cache hearing of it.
            try await Self.execute(
                service,
                "UPDATE users SET profile = profile || '{\"city\": \"Oslo\"}'::jsonb, version = nextval('profile_versions') WHERE user_id = '\(user)'")
            let same = try await service.post("/users/\(user)/memories/batch", .object(["city": .string("Oslo")]))
            #expect(same.status == .ok)
            #expect(same["events"] == .array([]))
            let changed = try await service.post("/users/\(user)/memories/batch", .object(["age": .number(40)]))
            #expect(changed["total_fields"] == .number(3))
            let stored = try await service.memories(user)
            #expect(stored["name"] == .string("Ada") && stored["city"] == .string("Oslo") && stored["age"] == .number(40))

            // After a delete the next write starts from nothing: its event is an ADD, not an UPDATE of deleted data.
            #expect(try await service.request(.delete, "/users/\(user)/memories").status == .ok)
            let fresh = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Bea")]))
            #expect(fresh["events"]?.arrayValue?.first?.objectValue?["event"] == .string("ADD"))
            #expect(fresh["events"]?.arrayValue?.first?.objectValue?["old_value"] == nil)
            #expect(try await service.memories(user) == ["name": .string("Bea")])
        }
    }

    @Test("a round PostgreSQL aborts as a deadlock (40P01) runs again and commits instead of answering 503")
    func deadlockedRoundRunsAgain() async throws {
        try await TestService.run { service in
            let user = TestService.userID("deadlock")
            #expect(try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")])).status == .ok)
            let logger = Logger(label: "test")
            let (locked, lockedSignal) = AsyncStream.makeStream(of: Void.self)
            let (roundWaits, roundWaitsSignal) = AsyncStream.makeStream(of: Void.self)
            // Another transaction (as another instance's round would) holds the profile row, then asks
            // for the generation row the round holds FOR SHARE while it waits for the profile row: a
            // cycle. Only the round's backend looks for it in time, so the round is the one aborted.
            let other = Task {
                try await service.parts.postgres.withTransaction(logger: logger) { connection in
                    try await connection.query("SET LOCAL deadlock_timeout = '60s'", logger: logger)
                    try await connection.query("SELECT 1 FROM users WHERE user_id = \(user) FOR UPDATE", logger: logger)
                    lockedSignal.yield()
                    for await _ in roundWaits { break }
                    try await connection.query(
                        "SELECT 1 FROM user_generations WHERE user_key = sha256(convert_to(\(user), 'UTF8')) FOR UPDATE", logger: logger)
                }
            }
            for await _ in locked { break }
            let write = Task {
                try await service.withOwnConnection { try await $0.post("/users/\(user)/memories/batch", .object(["city": .string("Oslo")])) }
            }
            while try await Self.sharedCommitsWaitingForLocks(service) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            roundWaitsSignal.yield()
            // The other transaction gets the generation row only once the round's first attempt is gone.
            try await other.value
            let reply = try await write.value
            #expect(reply.status == .ok)
            #expect(reply["events"]?.arrayValue?.count == 1)
            #expect(try await service.memories(user) == ["name": .string("Ada"), "city": .string("Oslo")])
            #expect(try await DeleteWinsTests.rowCounts(service, user)["profile_history"] == 2)
        }
    }

    // MARK: - Holding rounds

    /// Shared-commit statements of this database waiting for a row lock.
    static func sharedCommitsWaitingForLocks(_ service: TestService) async throws -> Int {
        let rows = try await service.parts.postgres.query(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%WITH input AS%'
            """, logger: Logger(label: "test"))
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Locks two users' rows from outside, starts one write for each (both rounds then wait on the
    /// locks), starts the writes of `start` (they queue: no round is free), waits until `queueing`
    /// writes are queued, releases the locks, and returns the replies of `start`'s writes.
    static func whileRoundsAreHeld(
        _ service: TestService, queueing: Int, _ start: () -> [Task<TestService.Reply, any Error>]
    ) async throws -> [TestService.Reply] {
        let queue = try service.postgresProfiles.sharedCommits
        let holders = [TestService.userID("hold"), TestService.userID("hold")]
        for user in holders { _ = try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Holder")])) }
        let (locked, lockedSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let lock = Task {
            try await service.parts.postgres.withTransaction(logger: Logger(label: "test")) { connection in
                _ = try await connection.query("SELECT 1 FROM users WHERE user_id IN (\(holders[0]), \(holders[1])) FOR UPDATE", logger: Logger(label: "test"))
                lockedSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in locked { break }
        let held = holders.map { user in
            Task { try await service.withOwnConnection { try await $0.post("/users/\(user)/memories/batch", .object(["city": .string("Held")])) } }
        }
        while queue.roundsUnderWay < queue.maxRounds { try await Task.sleep(for: .milliseconds(10)) }
        let tasks = start()
        while queue.queued < queueing { try await Task.sleep(for: .milliseconds(10)) }
        releaseSignal.yield()
        try await lock.value
        for task in held { #expect(try await task.value.status == .ok) }
        var replies: [TestService.Reply] = []
        for task in tasks { replies.append(try await task.value) }
        return replies
    }

    /// How many transactions wrote the users' history rows.
    static func transactions(_ service: TestService, _ users: [String]) async throws -> Int {
        let rows = try await service.parts.postgres.query(
            "SELECT count(DISTINCT xmin::text) FROM profile_history WHERE user_id = ANY(\(users)::text[])", logger: Logger(label: "test"))
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    static func execute(_ service: TestService, _ sql: String) async throws {
        try await service.parts.postgres.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
    }
}

extension SharedCommitTests {
    /// Waits until `condition` holds (the listener runs on its own connection), up to five seconds.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test("this instance's own change notices keep its cached copy; another instance's newer change drops it")
    func ownNoticesKeepTheCache() async throws {
        try await TestService.run { service in
            let cache = service.parts.profileMemory.cache
            let user = TestService.userID("notice")
            let marker = TestService.userID("marker")
            #expect(try await service.post("/users/\(user)/memories/batch", .object(["name": .string("Ada")])).status == .ok)
            #expect(try await service.post("/users/\(marker)/memories/batch", .object(["name": .string("Bea")])).status == .ok)
            let version = try #require(cache.get(user)?.version)

            // The write's own notice may reach the listener before or after the write put its copy
            // in; the same notice again, now surely after, stands for the late case. Notices of one
            // session arrive in order: once the marker is dropped, the one before it has been read.
            let channel = PostgresProfileRepository.changeChannel
            try await Self.execute(service, "SELECT pg_notify('\(channel)', '\(version) \(user)'), pg_notify('\(channel)', '\(Int64.max) \(marker)')")
            #expect(try await Self.eventually { cache.get(marker) == nil })
            #expect(cache.get(user)?.version == version, "the write's own notice left its copy in")

            // Another instance's write: a newer version and its notice.
            try await Self.execute(
                service,
                """
                WITH moved AS (
                    UPDATE users SET profile = profile || '{"city": "Oslo"}'::jsonb, version = nextval('profile_versions')
                    WHERE user_id = '\(user)' RETURNING version
                )
                SELECT pg_notify('\(PostgresProfileRepository.changeChannel)', version::text || ' \(user)') FROM moved
                """)
            #expect(try await Self.eventually { cache.get(user) == nil })
            #expect(try await service.memories(user)["city"] == .string("Oslo"), "the next read sees the other instance's change")
        }
    }
}
