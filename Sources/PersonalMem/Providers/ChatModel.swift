/// A chat model the pipeline talks to: whole answers (gate, rerank, summaries, non-streamed chat)
/// and streamed ones. ``OpenAICompatibleClient`` is the one in use; the pipeline, the LLM extractor
/// and the server depend only on this protocol.
public protocol ChatModel: Sendable {
    /// The model name answers are attributed to when the caller names none.
    var modelName: String { get }

    /// One completion; a reply that cannot be read is `ProviderError.badResponse`.
    func chat(_ request: ChatRequest) async throws(ProviderError) -> ChatReply

    /// A completion as content deltas; the stream finishes with an error (never quietly) when the
    /// upstream fails, goes quiet or ends before its end marker.
    func streamChat(_ request: ChatRequest) async throws(ProviderError) -> AsyncThrowingStream<ChatStreamEvent, Error>
}

extension OpenAICompatibleClient: ChatModel {
    public var modelName: String { endpoint.model }
}
