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
        _ upstream: ChatRequest, prepared: PreparedChat, llm: any ChatModel, id: String, created: Double, model: String,
        logger: Logger
    ) async throws -> Response {
        let events: AsyncThrowingStream<ChatStreamEvent, Error>
        do {
            events = try await llm.streamChat(upstream)
        } catch {
            throw Self.upstreamError(error)
        }
        let pipeline = self.pipeline
        @Sendable func chunk(_ delta: JSONValue, finish: JSONValue = .null, extra: [String: JSONValue] = [:]) -> ByteBuffer {
            var object: [String: JSONValue] = [
                "id": .string(id), "object": .string("chat.completion.chunk"), "created": .number(created), "model": .string(model),
                "choices": .array([.object(["index": .number(0), "delta": delta, "finish_reason": finish])]),
            ]
            object.merge(extra) { $1 }
            return ByteBuffer(string: "data: \(JSONValue.object(object).jsonText)\n\n")
        }
        let body = ResponseBody { writer in
            try await writer.write(chunk(.object(["role": .string("assistant"), "content": .string("")])))
            var answer = ""
            var usage: TokenUsage?
            var finish = "stop"
            var failure: (any Error)?
            var iterator = events.makeAsyncIterator()
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
                try await writer.write(chunk(.object(["content": .string(event.delta)])))
            }
            if failure == nil, answer.isEmpty { failure = ProviderError.badResponse("empty reply") }
            if let failure {
                let error = Self.upstreamError(failure)
                logger.warning("upstream stream failed; the turn is not stored", metadata: ["error": "\(error.code)"])
                try await writer.write(Self.errorEvent(error))
                try await writer.finish(nil)
                return
            }
            let indexing = await pipeline.record(prepared, answer: answer)
            try await writer.write(
                chunk(
                    .object([:]), finish: .string(finish),
                    extra: ["memory": prepared.usage.json(indexing: indexing), "usage": usage.map(Self.usageJSON) ?? .null]))
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// An error event in OpenAI's shape: `data: {"error": {"message", "type", "code"}}`.
    static func errorEvent(_ error: APIError) -> ByteBuffer {
        let type = error.status == .badGateway ? "upstream_error" : "upstream_unavailable"
        let object = JSONValue.object([
            "error": .object(["message": .string(error.message), "type": .string(type), "code": .string(error.code)])
        ])
        return ByteBuffer(string: "data: \(object.jsonText)\n\n")
    }
}
