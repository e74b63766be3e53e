import Hummingbird
import Logging
import PersonalMem
import ServiceLifecycle

/// Runs background jobs from the shared `jobs` table: `workers` loops, each claiming one job at a
/// time, polling every 200 ms when the queue is empty and backing off to 1 s, and woken at once
/// when this instance queues a job (``JobSignal``). Waits for `ready` (migrations applied) before
/// the first claim; on graceful shutdown finishes its current job. Kinds: `extract_message`
/// (`POST /messages` with `async`) and `record_turn` (the bookkeeping of a chat answer).
struct JobWorker: Service {
    let queue: JobQueue
    let memory: ProfileMemory
    let chat: ChatPipeline
    let workers: Int
    let ready: AsyncStream<Void>
    let logger: Logger
    var idleWait: (first: Duration, longest: Duration) = (.milliseconds(200), .seconds(1))

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in ready { break }
        }
        await withDiscardingTaskGroup { group in
            for _ in 0..<workers { group.addTask { await work() } }
        }
    }

    func work() async {
        var wait = idleWait.first
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                if let job = try await queue.claim() {
                    await perform(job)
                    wait = idleWait.first
                    continue
                }
            } catch {
                logger.warning("could not claim a job", metadata: ["error": "\(type(of: error))"])
            }
            let pause = wait
            await cancelWhenGracefulShutdown { await queue.signal.wait(upTo: pause) }
            wait = min(wait * 2, idleWait.longest)
        }
    }

    /// One attempt; a failure is recorded with its kind (an error code, never message text).
    /// A job whose earlier workers kept dying on it (`Job.leaseExpired`, `maxSameFailures` times
    /// in a row) is marked failed without running it again: a poison input must not crash-loop
    /// the service.
    func perform(_ job: Job) async {
        do {
            guard job.attempts <= queue.policy.maxAttempts else { throw JobFailure(Job.leaseExpired, retryable: false) }
            if job.lastError == Job.leaseExpired, job.failureStreak >= queue.policy.maxSameFailures {
                throw JobFailure(Job.leaseExpired, retryable: false)
            }
            let result = try await withHeartbeat(job) { try await execute(job) }
            try await queue.complete(job, result: JSONValue(encoding: result))
        } catch {
            let (kind, retryable) = classify(error)
            logger.warning("job attempt failed", metadata: ["job_id": "\(job.id)", "attempt": "\(job.attempts)", "error": "\(kind)"])
            do {
                try await queue.fail(job, error: kind, retryable: retryable)
            } catch {
                logger.error("could not record a job failure; its lease will return it", metadata: ["job_id": "\(job.id)"])
            }
        }
    }

    func execute(_ job: Job) async throws -> ExtractionJobResult {
        switch job.kind {
        case Job.extractMessage:
            guard let messageID = job.messageID else { throw JobFailure("unknown_kind", retryable: false) }
            guard let message = try await memory.messages.message(messageID) else { throw JobFailure("message_not_found", retryable: false) }
            return ExtractionJobResult(try await memory.reextract(message))
        case Job.recordTurn:
            guard let recording = TurnRecording(job) else { throw JobFailure("bad_payload", retryable: false) }
            let outcome = try await chat.recordTurn(recording, isRetry: job.attempts > 1)
            var result = outcome.extraction.map(ExtractionJobResult.init) ?? ExtractionJobResult(events: [])
            result.memoryID = ExplicitNull(wrappedValue: outcome.memoryID)
            return result
        default:
            throw JobFailure("unknown_kind", retryable: false)
        }
    }

    /// Runs `body` while refreshing the job's lease every third of it.
    func withHeartbeat<Result: Sendable>(_ job: Job, _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let interval = queue.policy.lease / 3
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while true {
                    try await Task.sleep(for: interval)
                    try? await queue.heartbeat(job)
                }
            }
            defer { group.cancelAll() }
            while let value = try await group.next() {
                if let value { return value }
            }
            throw CancellationError()
        }
    }

    func classify(_ error: any Error) -> (kind: String, retryable: Bool) {
        if let failure = error as? JobFailure { return (failure.kind, failure.retryable) }
        // The user was deleted since the job was queued: it has nothing left to do.
        if error is UserDeleted { return ("user_deleted", false) }
        if error is TurnNotFound { return ("turn_not_found", false) }
        // Only the embedder throws a provider error out of a job (model failures are extraction failures).
        if let error = error as? ProviderError {
            switch error {
            case .badResponse, .formatUnsupported: return ("embedder_bad_reply", true)
            default: return ("embedder_unavailable", true)
            }
        }
        return (ErrorMiddleware<BasicRequestContext>.translate(error, logger: logger).code, true)
    }
}

/// A job that cannot succeed as it is (or may not run again).
struct JobFailure: Error {
    let kind: String
    let retryable: Bool

    init(_ kind: String, retryable: Bool) {
        self.kind = kind
        self.retryable = retryable
    }
}

/// Service lifecycle describes every service it runs; the default description would print the whole
/// chat pipeline, model weights included (tens of seconds of start-up for 22 million numbers).
extension JobWorker: CustomStringConvertible {
    var description: String { "JobWorker" }
}
