import Foundation

/// Reading replies. Every number a model server sends is range-checked here, where it is read:
/// one that does not fit (a fraction, a negative count, 1e19, an index past the inputs) makes the
/// reply `badResponse`, so the caller answers 502 or rejects the work; nothing traps.
extension OpenAICompatibleClient {
    /// Largest token count accepted in `usage` (about two billion).
    static let maxTokenCount = Int(Int32.max)
    /// Largest embedding accepted, in dimensions.
    static let maxEmbeddingDims = 65_536

    /// A whole chat completion. No `choices[0].message`, a content that is not text, or a bad
    /// number is `badResponse`; a missing content is empty (callers that need text refuse it).
    static func chatReply(_ data: Data, defaultModel: String) throws(ProviderError) -> ChatReply {
        guard case .object(let object) = try? JSONValue.parse(data),
            let choice = object["choices"]?.arrayValue?.first?.objectValue,
            let message = choice["message"]?.objectValue
        else { throw .badResponse("no choices[0].message") }
        let content: String
        switch message["content"] {
        case nil, .null?: content = ""
        case .string(let text)?: content = text
        default: throw .badResponse("content is not text")
        }
        let tokens = try usage(object["usage"])
        ServiceMetrics.recordTokens(path: "chat/completions", usage: tokens)
        return ChatReply(
            content: content, model: object["model"]?.stringValue ?? defaultModel, usage: tokens,
            finishReason: choice["finish_reason"]?.stringValue)
    }

    /// Vectors of an embeddings reply in input order: one per input, each `index` within the
    /// inputs and used once, every value a finite number that fits a `Float`, all of one size.
    static func embeddings(_ data: Data, count: Int) throws(ProviderError) -> [[Float]] {
        guard count > 0 else { return [] }
        guard case .object(let object) = try? JSONValue.parse(data), let items = object["data"]?.arrayValue else {
            throw .badResponse("no data array")
        }
        let tokens = try usage(object["usage"])
        guard items.count == count else { throw .badResponse("\(items.count) embeddings for \(count) inputs") }
        var vectors = [[Float]?](repeating: nil, count: count)
        for (position, item) in items.enumerated() {
            guard let entry = item.objectValue, let values = entry["embedding"]?.arrayValue else {
                throw .badResponse("embedding missing")
            }
            let index: Int
            switch entry["index"] {
            case nil, .null?: index = position
            case let value?:
                guard let checked = value.wholeNumber(in: 0...(count - 1)) else { throw .badResponse("embedding index out of range") }
                index = checked
            }
            guard vectors[index] == nil else { throw .badResponse("embedding index repeated") }
            guard (1...maxEmbeddingDims).contains(values.count) else { throw .badResponse("embedding of \(values.count) dimensions") }
            var vector: [Float] = []
            vector.reserveCapacity(values.count)
            for value in values {
                guard case .number(let number) = value, number.isFinite, abs(number) <= Double(Float.greatestFiniteMagnitude) else {
                    throw .badResponse("embedding value is not a finite number")
                }
                vector.append(Float(number))
            }
            vectors[index] = vector
        }
        let complete = vectors.compactMap { $0 }
        guard complete.count == count else { throw .badResponse("fewer embeddings than inputs") }
        guard Set(complete.map(\.count)).count <= 1 else { throw .badResponse("embeddings of different sizes") }
        ServiceMetrics.recordTokens(path: "embeddings", usage: tokens)
        return complete
    }

    /// `usage` token counts: absent counts are 0; a present one must be a whole number from 0 to
    /// `maxTokenCount`, or the reply is `badResponse`.
    static func usage(_ value: JSONValue?) throws(ProviderError) -> TokenUsage? {
        guard let value, value != .null else { return nil }
        guard let object = value.objectValue else { throw .badResponse("usage is not an object") }
        func count(_ key: String) throws(ProviderError) -> Int {
            switch object[key] {
            case nil, .null?: return 0
            case let number?:
                guard let count = number.wholeNumber(in: 0...maxTokenCount) else { throw .badResponse("usage.\(key) out of range") }
                return count
            }
        }
        return TokenUsage(
            promptTokens: try count("prompt_tokens"), completionTokens: try count("completion_tokens"),
            totalTokens: try count("total_tokens"))
    }

    /// One `data:` payload of a stream: nil when it is not a JSON object (skipped); `badResponse`
    /// when it carries a number that does not fit, or an error object from the server.
    static func streamEvent(_ payload: String) throws(ProviderError) -> ChatStreamEvent? {
        guard case .object(let object) = try? JSONValue.parse(Data(payload.utf8)) else { return nil }
        if let error = object["error"], error != .null { throw .badResponse("the stream carried an error") }
        let choice = object["choices"]?.arrayValue?.first?.objectValue
        let delta = choice?["delta"]?.objectValue?["content"]?.stringValue ?? ""
        return ChatStreamEvent(
            delta: delta, finishReason: choice?["finish_reason"]?.stringValue, usage: try usage(object["usage"]),
            model: object["model"]?.stringValue)
    }
}
