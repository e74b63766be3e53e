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
        return try .json(JobResponse(job))
    }
}
