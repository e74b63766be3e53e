import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import PersonalMem
@testable import PersonalMemServer

/// An answer is the truth: a 2xx means committed, a refused write stored nothing, and a list at its
/// cap refuses an add with 422 instead of dropping it silently.
@Suite("Acknowledged means stored", .serialized, .timeLimit(.minutes(3)))
struct WriteTruthTests {
    @Test("a list at its cap of 200 refuses an add with 422 list_full naming the cap, and stores nothing")
    func listCap() async throws {
        try await TestService.run { service in
            let user = TestService.userID("cap")
            let full = (1...200).map { JSONValue.string("hobby \($0)") }
            let filled = try await service.post("/users/\(user)/memories/batch", .object(["hobbies": .array(full)]))
            #expect(filled.status == .ok)
            let historyBefore = try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue?.count

            let refused = try await service.post(
                "/users/\(user)/memories/batch", .object(["hobbies": .array([.string("one too many")]), "name": .string("Capped")]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "list_full")
            #expect(refused["error"]?.objectValue?["field"] == .string("hobbies"))
            #expect(refused["error"]?.objectValue?["message"]?.stringValue?.contains("200") == true)
            // The whole batch was refused: the other field was not stored either.
            let stored = try await service.memories(user)
            #expect(stored["hobbies"]?.arrayValue?.count == 200)
            #expect(stored["name"] == nil)
            #expect(try await service.get("/users/\(user)/memories/history")["history"]?.arrayValue?.count == historyBefore)

            // Items already there are no change, so they are not refused.
            let again = try await service.post("/users/\(user)/memories/batch", .object(["hobbies": .array([.string("HOBBY 7")])]))
            #expect(again.status == .ok)
            #expect(again["events"] == .array([]))
        }
    }

    @Test("50 concurrent writers to one user: answers are the truth (2xx committed, 503 not) and history rows match")
    func concurrentWritersAreTruthful() async throws {
        // A short database deadline: on a slow write path requests time out, and a timed-out write
        // must not commit afterwards.
        try await TestService.run(environment: ["DB_TIMEOUT_SECONDS": "2"]) { service in
            let user = TestService.userID("hot")
            let writers = 50
            let batches = 20
            let tally = Tally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await service.withOwnConnection { own in
                            for batch in 0..<batches {
                                let body: JSONValue = .object([
                                    "note_w\(writer)": .string("batch \(batch)"), "hobbies": .array([.string("hobby \(batch % 10)")]),
                                ])
                                let reply = try await own.post("/users/\(user)/memories/batch", body)
                                let events = reply["events"]?.arrayValue?.count ?? 0
                                tally.note(status: Int(reply.status.code), events: events)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (acknowledged, statuses) = tally.totals
            // 2xx: committed; 503: not committed; 504 commit_outcome_unknown: either (at most 2 events each).
            #expect(Set(statuses.keys).isSubset(of: [200, 503, 504]))
            let unknown = statuses[504] ?? 0
            let history = try await DeleteWinsTests.rowCounts(service, user)["profile_history"] ?? 0
            #expect(history >= acknowledged && history <= acknowledged + 2 * unknown)
            let stored = try await service.memories(user)
            if statuses[200] == writers * batches {
                for writer in 0..<writers { #expect(stored["note_w\(writer)"] == .string("batch \(batches - 1)")) }
            }
        }
    }
}

/// Statuses and acknowledged events of concurrent writers.
final class Tally: Sendable {
    private let state = Mutex((acknowledged: 0, statuses: [Int: Int]()))

    func note(status: Int, events: Int) {
        state.withLock { state in
            state.statuses[status, default: 0] += 1
            if (200..<300).contains(status) { state.acknowledged += events }
        }
    }

    var totals: (acknowledged: Int, statuses: [Int: Int]) { state.withLock { ($0.acknowledged, $0.statuses) } }
}
