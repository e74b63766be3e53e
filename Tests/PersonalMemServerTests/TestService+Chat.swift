import Foundation
import HTTPTypes
import PersonalMem

extension TestService {
    /// `POST /v1/chat/completions`, then waits for the answer's `record_turn` job (summary,
    /// embedding, index, profile extraction) to finish, so the next request sees the turn indexed
    /// and no scripted model reply is taken by the job. Returns the chat reply.
    @discardableResult
    func chatIndexed(_ body: JSONValue) async throws -> Reply {
        let reply = try await post("/v1/chat/completions", body)
        if let jobID = reply["memory"]?.objectValue?["job_id"] { try await waitForJob(jobID) }
        return reply
    }

    /// Polls `GET /jobs/{id}` until the job is done or failed (at most 20 s); returns its last state.
    @discardableResult
    func waitForJob(_ id: JSONValue, headers: HTTPFields = [:]) async throws -> Reply {
        guard let number = id.wholeNumber(in: 1...Int.max) else { throw JobIDMissing() }
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let reply = try await request(.get, "/jobs/\(number)", headers: headers)
            if reply["status"] == .string("done") || reply["status"] == .string("failed") || ContinuousClock.now > deadline {
                return reply
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Polls `GET /users/{id}/memories/search` until `q` finds at least `count` memories (at most
    /// 20 s); returns the hits.
    func searchUntilFound(_ user: String, _ query: String, count: Int = 1) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(20)
        let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        while true {
            let hits = try await get("/users/\(user)/memories/search?q=\(q)")["results"]?.arrayValue ?? []
            if hits.count >= count || ContinuousClock.now > deadline { return hits }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    struct JobIDMissing: Error {}
}
