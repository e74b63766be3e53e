import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

extension OpenAICompatibleClient {
    /// Largest stream event accepted (a content delta is a few bytes).
    static let maxEventBytes = 1 << 20

    /// Streams a completion as content deltas; the last element carries usage when the server
    /// sends it. Retries happen only before the first byte of the stream. The stream finishes with
    /// an error (never quietly) when the upstream goes quiet for longer than
    /// `endpoint.streamIdleTimeout` between events (`.timeout`), sends an error object or a number
    /// that does not fit (`.badResponse`), ends before its end marker (`[DONE]` or a
    /// `finish_reason`, `.badResponse`), or its connection fails (`.transport`).
    public func streamChat(_ request: ChatRequest) async throws(ProviderError) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        let body = chatBody(request, stream: true)
        let response = try await open(path: "chat/completions", body: body)
        let idle = endpoint.streamIdleTimeout
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await Self.read(response, idleLimit: idle) { event in _ = continuation.yield(event) }
                    continuation.finish()
                } catch {
                    let failure: ProviderError =
                        switch error {
                        case let error as ProviderError: error
                        case is TimeLimitExceeded: .timeout
                        default: .transport("stream ended early")
                        }
                    ServiceMetrics.recordModelCallError(path: "chat/completions", kind: failure.metricKind)
                    continuation.finish(throwing: failure)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Reads the events of a streamed response until its end marker, passing each on; throws when
    /// the stream ends without one or an event takes longer than `idleLimit` to arrive.
    static func read(
        _ response: HTTPClientResponse, idleLimit: Duration, yield: @escaping @Sendable (ChatStreamEvent) -> Void
    ) async throws {
        let watch = IdleWatch()
        try await watch.run(limit: idleLimit) {
            var parser = ServerSentEventParser()
            var ended = false
            reading: for try await buffer in response.body {
                for payload in parser.feed(bytes: buffer.readableBytesView) {
                    watch.touch()
                    if payload == "[DONE]" {
                        ended = true
                        break reading
                    }
                    guard let event = try Self.streamEvent(payload) else { continue }
                    if event.finishReason != nil { ended = true }
                    ServiceMetrics.recordTokens(path: "chat/completions", usage: event.usage)
                    yield(event)
                }
                guard parser.bufferedBytes <= Self.maxEventBytes else { throw ProviderError.badResponse("a stream event over 1 MB") }
            }
            guard ended else { throw ProviderError.badResponse("the stream ended before its end marker") }
        }
    }
}

/// When a stream last made progress; `run` cancels the work once it has made none for the limit.
final class IdleWatch: Sendable {
    private let last = Mutex(ContinuousClock.now)

    func touch() { last.withLock { $0 = .now } }

    /// Runs `body`; throws `TimeLimitExceeded` (after cancelling it) when `touch` was not called
    /// for `limit`.
    func run(limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                while true {
                    let deadline = self.last.withLock { $0 } + limit
                    try await Task.sleep(until: deadline, clock: .continuous)
                    if ContinuousClock.now - self.last.withLock({ $0 }) >= limit { return false }
                }
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw TimeLimitExceeded() }
        }
    }
}
