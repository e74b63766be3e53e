import Foundation
import Hummingbird
import PersonalMem

/// `GET /jobs/{id}`: the state of a background job and, once done, what it produced.
struct JobController<Context: RequestContext> {
    let queue: JobQueue

    func register(on router: Router<Context>) {
        router.get("jobs/:job_id", use: show)
    }

    @Sendable func show(request: Request, context: Context) async throws -> Response {
        guard let id = context.parameters.get("job_id", as: Int64.self) else {
            throw APIError.badRequest("job_id must be a number.")
        }
        guard let job = try await queue.job(id) else { throw APIError.notFound("No job \(id).") }
        return .json(Self.render(job))
    }

    /// The answer to `POST /messages` with `"async": true`.
    static func renderQueued(_ job: Job) -> JSONValue {
        .object([
            "job_id": .number(Double(job.id)), "status": .string(job.status.rawValue), "user_id": .string(job.userID),
            "message_id": job.messageID.map { .number(Double($0)) } ?? .null,
        ])
    }

    static func render(_ job: Job) -> JSONValue {
        var object: [String: JSONValue] = [
            "job_id": .number(Double(job.id)), "kind": .string(job.kind), "status": .string(job.status.rawValue),
            "attempts": .number(Double(job.attempts)), "user_id": .string(job.userID),
            "message_id": job.messageID.map { .number(Double($0)) } ?? .null,
            "created_at": .string(job.createdAt.iso8601), "updated_at": .string(job.updatedAt.iso8601),
        ]
        if job.status == .done, let result = job.result?.objectValue {
            object["events"] = result["events"] ?? .array([])
            object["extractor"] = result["extractor"]
            if let memoryID = result["memory_id"] { object["memory_id"] = memoryID }
        }
        if let error = job.lastError, job.status != .done { object["error"] = .string(error) }
        return .object(object)
    }
}
