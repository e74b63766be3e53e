import Foundation
import Hummingbird
import Logging
import NIOCore
import PersonalMem
import Synchronization

/// An OpenAI-compatible server for tests: chat completions (whole and streamed) and embeddings,
/// with scripted replies and failure modes. With nothing scripted it answers by the kind of
/// prompt it receives (extraction, gate, rerank, summary, answer), so a pipeline runs end to end.
public final class FakeOpenAI: Sendable {
    /// One scripted step for the next chat call.
    public enum Step: Sendable {
        case reply(String)
        case status(Int, retryAfter: Int? = nil)
        /// Never answers (until the client gives up).
        case hang
        case garbage
        /// A 200 whose body is this text verbatim (for replies with bad numbers or cut JSON).
        case raw(String)
        /// The usual reply with this content, its body sent one byte per `interval`.
        case drip(String, interval: Duration)
        /// A 200 event stream whose body is this text verbatim (`data: …` lines, with or without
        /// `[DONE]`); with `thenHang` the connection then stays open and silent for 10 s.
        case streamRaw(String, thenHang: Bool = false)
        /// Replies with the text after a pause (so a test can act while the call is in flight).
        case delayed(String, by: Duration)
    }

    struct State {
        var steps: [Step] = []
        var requests: [JSONValue] = []
        var embedCalls = 0
        var embedFailures = 0
        var embedFailureMarkers: [String] = []
        var embedRaw: [String] = []
    }

    private let state = Mutex(State())
    public let embedder: BuiltinEmbedder

    public init(embeddingDims: Int = 64) {
        self.embedder = BuiltinEmbedder(dims: embeddingDims)
    }

    /// Queues replies for the next chat calls, in order.
    public func script(_ steps: Step...) { state.withLock { $0.steps += steps } }
    /// Makes the next `count` embedding calls fail with 500.
    public func failEmbeddings(_ count: Int) { state.withLock { $0.embedFailures += count } }
    /// Makes every embedding call with an input containing `marker` fail with 500.
    public func failEmbeddings(containing marker: String) { state.withLock { $0.embedFailureMarkers.append(marker) } }
    /// Answers the next embedding calls with these bodies verbatim (status 200), in order.
    public func scriptEmbeddings(raw bodies: String...) { state.withLock { $0.embedRaw += bodies } }
    /// Every chat request body received, oldest first.
    public var chatRequests: [JSONValue] { state.withLock { $0.requests } }
    public var embeddingCalls: Int { state.withLock { $0.embedCalls } }
    public func reset() { state.withLock { $0 = State() } }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("v1/chat/completions") { request, context in try await self.chat(request, context) }
        router.post("v1/embeddings") { request, context in try await self.embeddings(request, context) }
        router.post("_script") { request, context in try await self.scriptFromHTTP(request, context) }
        return router
    }

    /// Runs the fake on `port` (0 picks a free one) until cancelled; reports the bound port.
    public func run(port: Int = 0, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "fake-openai")
        logger.logLevel = .critical
        let app = Application(
            router: router(), configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
        try await app.runService(gracefulShutdownSignals: [])
    }

    private func body(_ request: Request, _ context: BasicRequestContext) async throws -> [String: JSONValue] {
        let buffer = try await request.body.collect(upTo: 16 << 20)
        return (try? JSONValue.parse(Data(buffer: buffer)))?.objectValue ?? [:]
    }

    func chat(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await body(request, context)
        let step = state.withLock { state -> Step? in
            state.requests.append(.object(body))
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        let content: String
        switch step {
        case .status(let code, let retryAfter)?:
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            return Response(status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"error":{"message":"scripted"}}"#)))
        case .hang?:
            try await Task.sleep(for: .seconds(3600))
            content = ""
        case .garbage?:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "<html>oops")))
        case .reply(let text)?:
            content = text
        case .raw(let text)?:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
        case .drip(let text, let interval)?:
            let reply = Self.completion(text, model: body["model"]?.stringValue ?? "fake-model")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: Self.dripped(reply.jsonText, every: interval))
        case .streamRaw(let text, let thenHang)?:
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: text))
                    if thenHang { try await Task.sleep(for: .seconds(10)) }
                    try await writer.finish(nil)
                })
        case .delayed(let text, let pause)?:
            try await Task.sleep(for: pause)
            content = text
        case nil:
            content = Self.defaultReply(to: body)
        }
        let model = body["model"]?.stringValue ?? "fake-model"
        if body["stream"] == .bool(true) {
            return streamed(content, model: model, usage: Self.defaultUsage)
        }
        let reply = Self.completion(content, model: model)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply.jsonText)))
    }

    /// The `usage` of every reply unless a step says otherwise.
    public static let defaultUsage: JSONValue = .object(["prompt_tokens": .number(11), "completion_tokens": .number(7), "total_tokens": .number(18)])

    /// A whole chat completion carrying `content`.
    public static func completion(_ content: String, model: String = "fake-model", usage: JSONValue = defaultUsage) -> JSONValue {
        .object([
            "id": .string("chatcmpl-fake"), "object": .string("chat.completion"), "created": .number(1_700_000_000),
            "model": .string(model),
            "choices": .array([
                .object(["index": .number(0), "message": .object(["role": .string("assistant"), "content": .string(content)]), "finish_reason": .string("stop")])
            ]),
            "usage": usage,
        ])
    }

    /// `data: …` lines of a stream carrying `pieces` as content deltas; with `end` a finish chunk
    /// and `[DONE]` follow, without it the stream is cut after the last piece.
    public static func streamText(_ pieces: [String], end: Bool) -> String {
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> String {
            let object: JSONValue = .object([
                "id": .string("chatcmpl-fake"), "object": .string("chat.completion.chunk"), "created": .number(1_700_000_000),
                "model": .string("fake-model"), "choices": .array([.object(["index": .number(0), "delta": delta, "finish_reason": finish])]),
            ])
            return "data: \(object.jsonText)\n\n"
        }
        var text = chunk(.object(["role": .string("assistant")]))
        for piece in pieces { text += chunk(.object(["content": .string(piece)])) }
        if end { text += chunk(.object([:]), finish: .string("stop")) + "data: [DONE]\n\n" }
        return text
    }

    /// A body sent one byte at a time, `interval` apart.
    static func dripped(_ text: String, every interval: Duration) -> ResponseBody {
        ResponseBody { writer in
            for byte in Array(text.utf8) {
                try await writer.write(ByteBuffer(bytes: [byte]))
                try await Task.sleep(for: interval)
            }
            try await writer.finish(nil)
        }
    }

    func streamed(_ content: String, model: String, usage: JSONValue) -> Response {
        var pieces: [String] = []
        var word = ""
        for character in content {
            word.append(character)
            if character == " " {
                pieces.append(word)
                word = ""
            }
        }
        if !word.isEmpty { pieces.append(word) }
        func chunk(_ delta: JSONValue, finish: JSONValue = .null, usage: JSONValue? = nil) -> String {
            var object: [String: JSONValue] = [
                "id": .string("chatcmpl-fake"), "object": .string("chat.completion.chunk"), "created": .number(1_700_000_000),
                "model": .string(model), "choices": .array([.object(["index": .number(0), "delta": delta, "finish_reason": finish])]),
            ]
            if let usage {
                object["usage"] = usage
                object["choices"] = .array([])
            }
            return "data: \(JSONValue.object(object).jsonText)\n\n"
        }
        var text = chunk(.object(["role": .string("assistant")]))
        for piece in pieces { text += chunk(.object(["content": .string(piece)])) }
        text += chunk(.object([:]), finish: .string("stop"))
        text += chunk(.object([:]), usage: usage)
        text += "data: [DONE]\n\n"
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func embeddings(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await body(request, context)
        let inputs: [String] =
            switch body["input"] {
            case .string(let text)?: [text]
            case .array(let items)?: items.compactMap(\.stringValue)
            default: []
            }
        let (fail, raw) = state.withLock { state -> (Bool, String?) in
            state.embedCalls += 1
            if state.embedFailureMarkers.contains(where: { marker in inputs.contains { $0.contains(marker) } }) { return (true, nil) }
            if !state.embedRaw.isEmpty { return (false, state.embedRaw.removeFirst()) }
            guard state.embedFailures > 0 else { return (false, nil) }
            state.embedFailures -= 1
            return (true, nil)
        }
        if fail { return Response(status: .internalServerError) }
        if let raw { return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: raw))) }
        let vectors = try await embedder.embed(inputs)
        let reply: JSONValue = .object([
            "object": .string("list"), "model": .string(body["model"]?.stringValue ?? "fake-embed"),
            "data": .array(vectors.enumerated().map { index, vector in
                .object(["object": .string("embedding"), "index": .number(Double(index)), "embedding": .array(vector.map { .number(Double($0)) })])
            }),
            "usage": .object(["prompt_tokens": .number(Double(inputs.count)), "total_tokens": .number(Double(inputs.count))]),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply.jsonText)))
    }

    /// `POST /_script` with `{"steps": [{"reply": "…"} | {"status": 429, "retry_after": 1} | {"hang": true} | {"garbage": true}
    /// | {"raw": "…"} | {"drip": "…", "interval_ms": 200} | {"stream_raw": "…", "hang": false}]}`.
    func scriptFromHTTP(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await body(request, context)
        for step in body["steps"]?.arrayValue ?? [] {
            guard let object = step.objectValue else { continue }
            if let reply = object["reply"]?.stringValue {
                script(.reply(reply))
            } else if let text = object["raw"]?.stringValue {
                script(.raw(text))
            } else if let text = object["drip"]?.stringValue {
                script(.drip(text, interval: .milliseconds(object["interval_ms"]?.wholeNumber(in: 0...60_000) ?? 200)))
            } else if let text = object["stream_raw"]?.stringValue {
                script(.streamRaw(text, thenHang: object["hang"] == .bool(true)))
            } else if let code = object["status"]?.wholeNumber(in: 100...599) {
                script(.status(code, retryAfter: object["retry_after"]?.wholeNumber(in: 0...3600)))
            } else if object["hang"] != nil {
                script(.hang)
            } else if object["garbage"] != nil {
                script(.garbage)
            }
        }
        return Response(status: .noContent)
    }

    /// Answers by prompt kind: the ids in `[id=N]` markers drive gate and rerank replies.
    static func defaultReply(to body: [String: JSONValue]) -> String {
        let messages = body["messages"]?.arrayValue?.compactMap(\.objectValue) ?? []
        let system = messages.first { $0["role"]?.stringValue == "system" }?["content"]?.stringValue ?? ""
        let lastUser = messages.last { $0["role"]?.stringValue == "user" }?["content"]?.stringValue ?? ""
        let ids = markerIDs(in: lastUser)
        if system.contains("\"facts\"") { return #"{"facts": []}"# }
        if system.contains("keep_ids") { return #"{"keep_ids": [\#(ids.map(String.init).joined(separator: ", "))], "drop_ids": []}"# }
        if system.contains("top_ids") { return #"{"top_ids": [\#(ids.map(String.init).joined(separator: ", "))]}"# }
        if system.contains("Summarise") || system.contains("summarise") { return "Summary: " + String(lastUser.prefix(200)) }
        return "Echo: " + lastUser
    }

    static func markerIDs(in text: String) -> [Int64] {
        var ids: [Int64] = []
        var rest = Substring(text)
        while let range = rest.range(of: "[id=") {
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            if let id = Int64(digits) { ids.append(id) }
        }
        return ids
    }
}
