import Foundation
import Testing

@testable import PersonalMem

@Suite("record_turn jobs: payload and wake-up", .timeLimit(.minutes(1)))
struct TurnRecordingTests {
    func job(payload: JSONValue?, kind: String = Job.recordTurn, messageID: Int64? = 7) -> Job {
        Job(
            id: 1, kind: kind, userID: "u", messageID: messageID, status: .queued, attempts: 1, lastError: nil, failureStreak: 0,
            payload: payload, result: nil, createdAt: Date(), updatedAt: Date())
    }

    @Test("a payload written for a turn reads back as the same turn")
    func roundTrip() throws {
        let recording = TurnRecording(userID: "u", conversationID: "trip", turnID: 3, messageID: 7, generation: 2, cutoff: 500)
        #expect(TurnRecording(job(payload: recording.payload)) == recording)
    }

    @Test("a payload with a number that does not fit, a missing member, another kind or no message is refused, not trapped on")
    func refusesBadPayloads() {
        let good: [String: JSONValue] = [
            "conversation_id": .string("c"), "turn_id": .number(1), "generation": .number(0), "cutoff": .number(100),
        ]
        for (key, value) in [
            ("turn_id", JSONValue.number(1e19)), ("turn_id", .number(0)), ("turn_id", .number(1.5)), ("generation", .number(-1)),
            ("generation", .number(.infinity)), ("cutoff", .number(0)), ("conversation_id", .number(1)), ("turn_id", .null),
        ] {
            var payload = good
            payload[key] = value
            #expect(TurnRecording(job(payload: .object(payload))) == nil, "\(key): \(value)")
        }
        #expect(TurnRecording(job(payload: .object(good))) != nil)
        #expect(TurnRecording(job(payload: .object(good), kind: Job.extractMessage)) == nil)
        #expect(TurnRecording(job(payload: .object(good), messageID: nil)) == nil)
        #expect(TurnRecording(job(payload: nil)) == nil)
    }

    @Test("a signal given while no worker waits wakes the next one; a waiting worker is woken by a signal")
    func signalWakesWorkers() async throws {
        let signal = JobSignal()
        signal.notify()
        await signal.wait(upTo: .seconds(3600))  // returns at once: the earlier signal was kept
        let finished = Finished()
        let waiter = Task {
            await signal.wait(upTo: .seconds(3600))
            await finished.set()
        }
        while !(await finished.value) {
            signal.notify()
            try await Task.sleep(for: .milliseconds(10))
        }
        await waiter.value
    }

    actor Finished {
        var value = false
        func set() { value = true }
    }
}
