import Foundation
import Hummingbird
import PersonalMem

/// The OpenAI-compatible chat endpoint with conversation memory, and the conversation lists.
struct ChatController<Context: RequestContext> {
    let pipeline: ChatPipeline
    /// `MAX_MESSAGE_BYTES`: the longest new user message.
    let maxMessageBytes: Int

    func register(on router: Router<Context>) {
        router.post("v1/chat/completions", use: complete)
        router.get("users/:user_id/conversations", use: conversations)
        router.get("users/:user_id/conversations/:conversation_id", use: conversation)
        router.get("health/embed", use: embedHealth)
    }

    @Sendable func complete(request: Request, context: Context) async throws -> Response {
        let parsed = try ChatRequestParser.parse(
            try await request.jsonObject(context: context), defaults: pipeline.defaults, maxMessageBytes: maxMessageBytes)
        guard parsed.dryRun || pipeline.model != nil else {
            throw APIError(
                .serviceUnavailable, "llm_not_configured",
                "No LLM is configured: set LLM_BASE_URL and LLM_MODEL (or OPENAI_API_KEY, or AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT), or send metadata.dry_run: true.")
        }
        let prepared: PreparedChat
        do {
            prepared = try await pipeline.prepare(
                userID: parsed.userID, conversationID: parsed.conversationID, message: parsed.message, knobs: parsed.knobs)
        } catch let error as ProviderError {
            throw APIError(.serviceUnavailable, "embedder_unavailable", "The embedding model did not answer: \(error.description).")
        }
        let id = "chatcmpl-\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let created = Double(Int(Date().timeIntervalSince1970))
        let model = parsed.model ?? pipeline.model?.modelName ?? "dry-run"
        if parsed.dryRun {
            return .json(.object([
                "id": .string(id), "object": .string("chat.completion.dry_run"), "created": .number(created),
                "model": .string(model), "dry_run": .bool(true), "messages": .array(prepared.messages.map(\.json)),
                "memory": prepared.usage.json,
            ]))
        }
        guard let llm = pipeline.model else { throw APIError(.serviceUnavailable, "llm_not_configured", "No LLM is configured.") }
        let upstream = ChatRequest(messages: prepared.messages, temperature: prepared.knobs.temperature, maxTokens: prepared.knobs.maxTokens)
        if parsed.stream {
            return try await stream(upstream, prepared: prepared, llm: llm, id: id, created: created, model: model, logger: context.logger)
        }
        let reply: ChatReply
        do {
            reply = try await llm.chat(upstream)
        } catch {
            throw Self.upstreamError(error)
        }
        guard !reply.content.isEmpty else { throw Self.upstreamError(ProviderError.badResponse("empty reply")) }
        let indexing = await pipeline.record(prepared, answer: reply.content)
        var object: [String: JSONValue] = [
            "id": .string(id), "object": .string("chat.completion"), "created": .number(created), "model": .string(reply.model),
            "choices": .array([
                .object([
                    "index": .number(0), "message": ChatMessage.assistant(reply.content).json,
                    "finish_reason": .string(reply.finishReason ?? "stop"),
                ])
            ]),
            "memory": prepared.usage.json(indexing: indexing),
        ]
        object["usage"] = reply.usage.map(Self.usageJSON) ?? .null
        return .json(.object(object))
    }

    @Sendable func conversations(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let list = try await pipeline.memory.conversations(userID: userID)
        return .json(.object([
            "user_id": .string(userID),
            "conversations": .array(list.map { info in
                .object([
                    "conversation_id": .string(info.conversationID), "turns": .number(Double(info.turns)),
                    "last_ts": info.lastTimestamp.map { .string($0.iso8601) } ?? .null,
                ])
            }),
        ]))
    }

    @Sendable func conversation(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let conversationID = try Identifier.validConversationID(context.parameters.get("conversation_id") ?? "")
        let turns = try await pipeline.memory.turns(userID: userID, conversationID: conversationID)
        guard !turns.isEmpty else { throw APIError(.notFound, "conversation_not_found", "User \(userID) has no conversation \(conversationID).") }
        return .json(.object([
            "user_id": .string(userID), "conversation_id": .string(conversationID),
            "turns": .array(turns.map { turn in
                .object([
                    "turn_id": .number(Double(turn.turnID)), "ts": .string(turn.ts.iso8601), "user": .string(turn.user),
                    "assistant": .string(turn.assistant),
                ])
            }),
        ]))
    }

    @Sendable func embedHealth(request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let vector = try await pipeline.memory.embedder.embed(["health check"]).first ?? []
            return .json(.object([
                "status": .string("ok"), "model": .string(pipeline.memory.embedder.model), "dims": .number(Double(vector.count)),
                "latency_ms": .number(Double((ContinuousClock.now - started).milliseconds)),
            ]))
        } catch {
            throw APIError(.serviceUnavailable, "embedder_unavailable", "The embedding model did not answer: \(error).")
        }
    }

    static func usageJSON(_ usage: TokenUsage) -> JSONValue {
        .object([
            "prompt_tokens": .number(Double(usage.promptTokens)), "completion_tokens": .number(Double(usage.completionTokens)),
            "total_tokens": .number(Double(usage.totalTokens)),
        ])
    }

    static func upstreamError(_ error: any Error) -> APIError {
        guard let error = error as? ProviderError else { return APIError(.badGateway, "llm_failed", "The LLM call failed.") }
        switch error {
        case .badResponse, .formatUnsupported:
            return APIError(.badGateway, "llm_bad_reply", "The LLM's reply could not be read: \(error.description).")
        default:
            var apiError = APIError(.serviceUnavailable, "llm_unavailable", "The LLM did not answer: \(error.description).")
            apiError.headers[.retryAfter] = "5"
            return apiError
        }
    }
}
