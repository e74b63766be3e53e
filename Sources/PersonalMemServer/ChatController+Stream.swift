import Foundation
import Hummingbird
import Logging
import PersonalMem

extension ChatController {
    /// Server-sent events in OpenAI's chunk shape. The turn is logged and its bookkeeping job queued
    /// once the upstream stream has completed and before the final chunk (which carries
    /// `memory.indexing`); a client that leaves early stores nothing.
    /// An upstream stream that fails, goes quiet past `LLM_STREAM_IDLE_SECONDS`, ends without its
    /// end marker or brings no content ends this stream with one OpenAI-style error event
    /// (`data: {"error": {"message", "type", "code"}}`) and no `[DONE]`; that turn is not stored.
    func stream(
        _ upstream: ChatRequest, prepared: PreparedChat, llm: any ChatModel, id: String, created: Int, model: String,
        logger: Logger
    ) async throws -> Response {
        let upstreamEvents: AsyncThrowingStream<ChatStreamEvent, Error>
        do {
            upstreamEvents = try await llm.streamChat(upstream)
        } catch {
            throw Self.upstreamError(error)
        }
        let pipeline = self.pipeline
        @Sendable func chunk(_ delta: ChatCompletionChunk.Delta, finish: String? = nil) -> ChatCompletionChunk {
            ChatCompletionChunk(
                id: id, object: "chat.completion.chunk", created: created, model: model,
                choices: [.init(index: 0, delta: delta, finishReason: finish)])
        }
        let body = ResponseBody { writer in
            try await writer.write(ServerSentEvents.event(chunk(.init(role: "assistant", content: ""))))
            var answer = ""
            var usage: TokenUsage?
            var finish = "stop"
            var failure: (any Error)?
            var iterator = upstreamEvents.makeAsyncIterator()
            while true {
                // Upstream failures are told to the client; a failed write (the client left) ends the body.
                let event: ChatStreamEvent?
                do {
                    event = try await iterator.next()
                } catch {
                    failure = error
                    break
                }
                guard let event else { break }
                if let eventUsage = event.usage { usage = eventUsage }
                if let reason = event.finishReason { finish = reason }
                guard !event.delta.isEmpty else { continue }
                answer += event.delta
                try await writer.write(ServerSentEvents.event(chunk(.init(content: event.delta))))
            }
            if failure == nil, answer.isEmpty { failure = ProviderError.badResponse("empty reply") }
            if let failure {
                let error = Self.upstreamError(failure)
                logger.warning("upstream stream failed; the turn is not stored", metadata: ["error": "\(error.code)"])
                try await writer.write(ServerSentEvents.event(Self.errorEvent(error)))
                try await writer.finish(nil)
                return
            }
            let indexing = await pipeline.record(prepared, answer: answer)
            var last = chunk(.init(), finish: finish)
            last.memory = MemoryUsedWire(prepared.usage, indexing: indexing)
            last.usage = ExplicitNull(wrappedValue: usage)
            try await writer.write(ServerSentEvents.event(last))
            try await writer.write(ServerSentEvents.done)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// An error event in OpenAI's shape: `data: {"error": {"message", "type", "code"}}`.
    static func errorEvent(_ error: APIError) -> ChatStreamErrorEvent {
        let type = error.status == .badGateway ? "upstream_error" : "upstream_unavailable"
        return ChatStreamErrorEvent(error: .init(message: error.message, type: type, code: error.code))
    }
}
