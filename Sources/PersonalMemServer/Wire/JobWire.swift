import Foundation
import PersonalMem

/// The 202 answer to `POST /messages` with `"async": true`; poll `GET /jobs/{job_id}`.
struct JobQueuedResponse: Codable, Equatable {
    var jobID: Int64
    var status: String
    var userID: String
    @ExplicitNull var messageID: Int64?

    enum CodingKeys: String, CodingKey {
        case status
        case jobID = "job_id"
        case userID = "user_id"
        case messageID = "message_id"
    }
}

/// `GET /jobs/{job_id}`: the job's state; once done, what it produced; while it fails, why.
struct JobResponse: Codable, Equatable {
    var jobID: Int64
    var kind: String
    var status: String
    var attempts: Int
    var userID: String
    @ExplicitNull var messageID: Int64?
    var createdAt: String
    var updatedAt: String
    /// The changes the extraction made; only on a done job.
    var events: [ProfileEventWire]?
    /// Which extractor ran; only on a done job.
    var extractor: String?
    /// The memory a done `record_turn` job made of its turn (absent when the turn made none).
    var memoryID: Int64?
    /// The kind of the last failure (never message text); only on a job not done.
    var error: String?

    enum CodingKeys: String, CodingKey {
        case kind, status, attempts, events, extractor, error
        case memoryID = "memory_id"
        case jobID = "job_id"
        case userID = "user_id"
        case messageID = "message_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// What a finished job stores in `jobs.result` (see `JobWorker.execute`), stored through
/// `JSONValue(encoding:)`: an extraction's events, extractor and rejected facts; a `record_turn`
/// job's memory (always present for that kind, `null` when the turn made none).
struct ExtractionJobResult: Codable, Equatable, Sendable {
    var events: [ProfileEventWire]?
    var extractor: String?
    var rejectedFacts: Int?
    var memoryID: ExplicitNull<Int64>?

    enum CodingKeys: String, CodingKey {
        case events, extractor
        case rejectedFacts = "rejected_facts"
        case memoryID = "memory_id"
    }
}

extension ExtractionJobResult {
    init(_ outcome: ProfileMemory.MessageOutcome) {
        self.init(events: outcome.events.map(ProfileEventWire.init), extractor: outcome.extractor, rejectedFacts: outcome.rejectedFacts)
    }
}

extension JobQueuedResponse {
    init(_ job: Job) {
        self.init(jobID: job.id, status: job.status.rawValue, userID: job.userID, messageID: job.messageID)
    }
}

extension JobResponse {
    init(_ job: Job) throws {
        self.init(
            jobID: job.id, kind: job.kind, status: job.status.rawValue, attempts: job.attempts, userID: job.userID,
            messageID: job.messageID, createdAt: job.createdAt.iso8601, updatedAt: job.updatedAt.iso8601)
        if job.status == .done, let result = job.result, result.objectValue != nil {
            let stored = try JSONDecoder().decode(ExtractionJobResult.self, from: WireFormat.encode(result))
            events = stored.events ?? []
            extractor = stored.extractor
            memoryID = stored.memoryID?.wrappedValue
        }
        if let lastError = job.lastError, job.status != .done { error = lastError }
    }
}
