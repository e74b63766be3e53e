import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Talks to an OpenAI-compatible API: chat completions (whole or streamed) and embeddings.
/// Every attempt is bounded end to end (`LLMEndpoint.timeout` covers connecting, the headers and
/// the whole body; a stream also has `streamIdleTimeout` between events); 429, 5xx, timeouts and
/// connection failures are retried with exponential backoff and jitter, honouring `Retry-After`.
/// Every number in a reply is range-checked before use: a reply that does not fit is
/// `ProviderError.badResponse`, never a trap. Nothing of a prompt or reply is logged.
public struct OpenAICompatibleClient: Sendable {
    public let endpoint: LLMEndpoint
    let http: HTTPClient
    let logger: Logger
    /// Longest wait this client accepts from a `Retry-After` header.
    let maxRetryDelay: Duration = .seconds(20)
    /// Largest response body read from a whole (not streamed) reply.
    static let maxReplyBytes = 32 << 20

    public init(endpoint: LLMEndpoint, http: HTTPClient, logger: Logger) {
        self.endpoint = endpoint
        self.http = http
        self.logger = logger
    }

    /// One completion. A reply that cannot be read, or whose numbers do not fit, is `badResponse`.
    public func chat(_ request: ChatRequest) async throws(ProviderError) -> ChatReply {
        let body = chatBody(request, stream: false)
        let data = try await send(path: "chat/completions", body: body)
        return try Self.chatReply(data, defaultModel: endpoint.model)
    }

    /// Embeds texts in one call; vectors come back in input order.
    public func embed(_ texts: [String], model: String) async throws(ProviderError) -> [[Float]] {
        let body = JSONValue.object(["model": .string(model), "input": .array(texts.map(JSONValue.string))])
        let data = try await send(path: "embeddings", body: body)
        return try Self.embeddings(data, count: texts.count)
    }

    // MARK: - HTTP

    func chatBody(_ request: ChatRequest, stream: Bool) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "messages": .array(request.messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
        ]
        if let temperature = request.temperature { body["temperature"] = .number(temperature) }
        if let maxTokens = request.maxTokens { body["max_tokens"] = .number(Double(maxTokens)) }
        if stream {
            body["stream"] = .bool(true)
            body["stream_options"] = .object(["include_usage": .bool(true)])
        }
        switch request.responseFormat {
        case .text: break
        case .jsonObject: body["response_format"] = .object(["type": .string("json_object")])
        case .jsonSchema(let name, let schema):
            body["response_format"] = .object([
                "type": .string("json_schema"),
                "json_schema": .object(["name": .string(name), "schema": schema, "strict": .bool(false)]),
            ])
        }
        return .object(body)
    }

    /// Sends a JSON body and returns the whole response body. Each attempt (headers and body)
    /// must finish within `endpoint.timeout`; retries as described above.
    func send(path: String, body: JSONValue) async throws(ProviderError) -> Data {
        try await perform(path: path, body: body) { response in
            Data(buffer: try await response.body.collect(upTo: Self.maxReplyBytes))
        }
    }

    /// Opens a request and returns a successful response whose body is still to be read (a
    /// stream): the attempt's time limit covers it until the response headers.
    func open(path: String, body: JSONValue) async throws(ProviderError) -> HTTPClientResponse {
        try await perform(path: path, body: body) { $0 }
    }

    /// Runs attempts until one succeeds or the failure is final; `read` runs on a 2xx response
    /// inside the attempt's time limit. The duration (retries included) and outcome are metrics.
    func perform<T: Sendable>(
        path: String, body: JSONValue, read: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws(ProviderError) -> T {
        let started = ContinuousClock.now
        do throws(ProviderError) {
            let value = try await withRetries(path: path, body: body, read: read)
            ServiceMetrics.recordModelCall(path: path, outcome: "ok", since: started)
            return value
        } catch {
            ServiceMetrics.recordModelCall(path: path, outcome: error.metricKind, since: started)
            throw error
        }
    }

    /// What one attempt produced.
    enum Attempt<T: Sendable>: Sendable {
        case success(T)
        case refused(status: Int, retryAfter: String?, text: String)
    }

    private func withRetries<T: Sendable>(
        path: String, body: JSONValue, read: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws(ProviderError) -> T {
        var request = HTTPClientRequest(url: endpoint.url(for: path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in endpoint.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.jsonText))
        let http = self.http
        let limit = endpoint.timeout
        var attempt = 0
        while true {
            attempt += 1
            var retryAfter: Duration?
            let failure: ProviderError
            do {
                let outcome = try await withTimeLimit(limit) { [request] () async throws -> Attempt<T> in
                    let response = try await http.execute(request, timeout: .nanoseconds(limit.nanoseconds))
                    if (200..<300).contains(response.status.code) { return .success(try await read(response)) }
                    let text = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
                    return .refused(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"), text: text)
                }
                switch outcome {
                case .success(let value): return value
                case .refused(let status, let retryHeader, let text):
                    if status == 400, text.contains("response_format") { throw ProviderError.formatUnsupported }
                    retryAfter = Self.retryDelay(retryHeader, atMost: maxRetryDelay)
                    failure = .status(status)
                }
            } catch let error as ProviderError {
                throw error
            } catch is TimeLimitExceeded {
                failure = .timeout
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                failure = .timeout
            } catch is NIOTooManyBytesError {
                throw .badResponse("reply larger than \(Self.maxReplyBytes >> 20) MB")
            } catch is CancellationError {
                throw .transport("cancelled")
            } catch {
                failure = .transport(String(describing: type(of: error)))
            }
            ServiceMetrics.recordModelCallError(path: path, kind: failure.metricKind)
            guard failure.isRetryable, attempt < endpoint.maxAttempts else { throw failure }
            guard !Task.isCancelled else { throw .transport("cancelled") }
            let delay = retryAfter ?? Self.backoff(attempt: attempt)
            logger.warning(
                "model call failed, retrying",
                metadata: ["path": "\(path)", "attempt": "\(attempt)", "reason": "\(failure)", "delay_ms": "\(delay.milliseconds)"])
            do { try await Task.sleep(for: delay) } catch { throw .transport("cancelled") }
        }
    }

    /// Exponential backoff with full jitter: up to 0.25 s, 0.5 s, 1 s, … capped at 8 s.
    static func backoff(attempt: Int) -> Duration {
        let ceiling = min(8.0, 0.25 * pow(2.0, Double(min(max(attempt - 1, 0), 10))))
        return .milliseconds(Int(Double.random(in: ceiling / 2...ceiling) * 1000))
    }

    /// A `Retry-After` header in seconds, capped at `limit`; nil when absent, negative or not a
    /// finite number (an HTTP date is not honoured, the usual backoff applies).
    static func retryDelay(_ header: String?, atMost limit: Duration) -> Duration? {
        guard let header, let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else { return nil }
        let capped = min(seconds, Double(limit.components.seconds))
        return .milliseconds((capped * 1000).truncatedNumber(in: 0...Int.max) ?? 0)
    }
}

/// One piece of a streamed completion.
public struct ChatStreamEvent: Sendable, Equatable {
    public var delta: String
    public var finishReason: String?
    public var usage: TokenUsage?
    public var model: String?
}

extension Duration {
    /// Whole milliseconds, for logs and API timings.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
