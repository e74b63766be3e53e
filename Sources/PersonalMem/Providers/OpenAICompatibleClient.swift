import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Talks to an OpenAI-compatible API: chat completions (whole or streamed) and embeddings.
/// Every call has a timeout; 429, 5xx, timeouts and connection failures are retried with
/// exponential backoff and jitter, honouring `Retry-After`. Nothing of a prompt is logged.
public struct OpenAICompatibleClient: Sendable {
    public let endpoint: LLMEndpoint
    let http: HTTPClient
    let logger: Logger
    /// Longest wait this client accepts from a `Retry-After` header.
    let maxRetryDelay: Duration = .seconds(20)

    public init(endpoint: LLMEndpoint, http: HTTPClient, logger: Logger) {
        self.endpoint = endpoint
        self.http = http
        self.logger = logger
    }

    public func chat(_ request: ChatRequest) async throws(ProviderError) -> ChatReply {
        let body = chatBody(request, stream: false)
        let data = try await send(path: "chat/completions", body: body)
        guard case .object(let object) = try? JSONValue.parse(data),
            let choice = object["choices"]?.arrayValue?.first?.objectValue,
            let message = choice["message"]?.objectValue
        else { throw .badResponse("no choices[0].message") }
        let content = message["content"]?.stringValue ?? ""
        ServiceMetrics.recordTokens(path: "chat/completions", usage: Self.usage(object["usage"]))
        return ChatReply(
            content: content, model: object["model"]?.stringValue ?? endpoint.model,
            usage: Self.usage(object["usage"]), finishReason: choice["finish_reason"]?.stringValue)
    }

    /// Embeds texts in one call; vectors come back in input order.
    public func embed(_ texts: [String], model: String) async throws(ProviderError) -> [[Float]] {
        let body = JSONValue.object(["model": .string(model), "input": .array(texts.map(JSONValue.string))])
        let data = try await send(path: "embeddings", body: body)
        guard case .object(let object) = try? JSONValue.parse(data), let items = object["data"]?.arrayValue else {
            throw .badResponse("no data array")
        }
        ServiceMetrics.recordTokens(path: "embeddings", usage: Self.usage(object["usage"]))
        var vectors = [[Float]](repeating: [], count: texts.count)
        for (position, item) in items.enumerated() {
            guard let entry = item.objectValue, let values = entry["embedding"]?.arrayValue else {
                throw .badResponse("embedding missing")
            }
            let index = entry["index"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } } ?? position
            guard vectors.indices.contains(index) else { throw .badResponse("embedding index out of range") }
            vectors[index] = values.compactMap { if case .number(let n) = $0 { Float(n) } else { nil } }
        }
        guard vectors.allSatisfy({ !$0.isEmpty }) else { throw .badResponse("fewer embeddings than inputs") }
        return vectors
    }

    /// Streams a completion as content deltas; the last element carries usage when the server sends it.
    /// Retries happen only before the first byte of the stream.
    public func streamChat(_ request: ChatRequest) async throws(ProviderError) -> AsyncThrowingStream<ChatStreamEvent, Error> {
        let body = chatBody(request, stream: true)
        let response = try await open(path: "chat/completions", body: body)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var parser = ServerSentEventParser()
                    for try await buffer in response.body {
                        for payload in parser.feed(String(buffer: buffer)) {
                            if payload == "[DONE]" { continue }
                            guard let event = Self.streamEvent(payload) else { continue }
                            ServiceMetrics.recordTokens(path: "chat/completions", usage: event.usage)
                            continuation.yield(event)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: ProviderError.transport("stream ended early"))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
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

    /// Sends a JSON body and returns the whole response body, retrying as described above.
    func send(path: String, body: JSONValue) async throws(ProviderError) -> Data {
        let response = try await open(path: path, body: body)
        do {
            let buffer = try await response.body.collect(upTo: 32 << 20)
            return Data(buffer: buffer)
        } catch {
            throw .transport("response body could not be read")
        }
    }

    /// Opens a request and returns a successful response whose body is still to be read. Its
    /// duration (until the response headers, retries included) and outcome are recorded as metrics.
    func open(path: String, body: JSONValue) async throws(ProviderError) -> HTTPClientResponse {
        let started = ContinuousClock.now
        do throws(ProviderError) {
            let response = try await openWithRetries(path: path, body: body)
            ServiceMetrics.recordModelCall(path: path, outcome: "ok", since: started)
            return response
        } catch {
            ServiceMetrics.recordModelCall(path: path, outcome: error.metricKind, since: started)
            throw error
        }
    }

    private func openWithRetries(path: String, body: JSONValue) async throws(ProviderError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: endpoint.url(for: path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in endpoint.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body.jsonText))
        var attempt = 0
        while true {
            attempt += 1
            var retryAfter: Duration?
            let failure: ProviderError
            do {
                let response = try await http.execute(request, timeout: .init(endpoint.timeout))
                if (200..<300).contains(response.status.code) { return response }
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init).map { .milliseconds(Int($0 * 1000)) }
                let text = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
                if response.status.code == 400, text.contains("response_format") { throw ProviderError.formatUnsupported }
                failure = .status(Int(response.status.code))
            } catch let error as ProviderError {
                throw error
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                failure = .timeout
            } catch is CancellationError {
                throw .transport("cancelled")
            } catch {
                failure = .transport(String(describing: type(of: error)))
            }
            ServiceMetrics.recordModelCallError(path: path, kind: failure.metricKind)
            guard failure.isRetryable, attempt < endpoint.maxAttempts else { throw failure }
            let delay = retryAfter.map { min($0, maxRetryDelay) } ?? Self.backoff(attempt: attempt)
            logger.warning(
                "model call failed, retrying",
                metadata: ["path": "\(path)", "attempt": "\(attempt)", "reason": "\(failure)", "delay_ms": "\(delay.milliseconds)"])
            do { try await Task.sleep(for: delay) } catch { throw .transport("cancelled") }
        }
    }

    /// Exponential backoff with full jitter: up to 0.25 s, 0.5 s, 1 s, … capped at 8 s.
    static func backoff(attempt: Int) -> Duration {
        let ceiling = min(8.0, 0.25 * pow(2.0, Double(attempt - 1)))
        return .milliseconds(Int(Double.random(in: ceiling / 2...ceiling) * 1000))
    }

    static func usage(_ value: JSONValue?) -> TokenUsage? {
        guard let object = value?.objectValue else { return nil }
        func number(_ key: String) -> Int {
            if case .number(let n)? = object[key] { return Int(n) }
            return 0
        }
        return TokenUsage(promptTokens: number("prompt_tokens"), completionTokens: number("completion_tokens"), totalTokens: number("total_tokens"))
    }

    static func streamEvent(_ payload: String) -> ChatStreamEvent? {
        guard case .object(let object) = try? JSONValue.parse(Data(payload.utf8)) else { return nil }
        let choice = object["choices"]?.arrayValue?.first?.objectValue
        let delta = choice?["delta"]?.objectValue?["content"]?.stringValue ?? ""
        return ChatStreamEvent(
            delta: delta, finishReason: choice?["finish_reason"]?.stringValue, usage: usage(object["usage"]),
            model: object["model"]?.stringValue)
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
