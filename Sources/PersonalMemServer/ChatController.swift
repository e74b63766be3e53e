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
            try await request.decode(ChatCompletionRequest.self, context: context), defaults: pipeline.defaults, maxMessageBytes: maxMessageBytes)
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
        let created = Int(Date().timeIntervalSince1970)
        let model = parsed.model ?? pipeline.model?.modelName ?? "dry-run"
        if parsed.dryRun {
            return try .json(
                ChatDryRunResponse(
                    id: id, object: "chat.completion.dry_run", created: created, model: model, dryRun: true, messages: prepared.messages,
                    memory: MemoryUsedWire(prepared.usage)))
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
        return try .json(
            ChatCompletionResponse(
                id: id, object: "chat.completion", created: created, model: reply.model,
                choices: [.init(index: 0, message: .assistant(reply.content), finishReason: reply.finishReason ?? "stop")],
                usage: reply.usage, memory: MemoryUsedWire(prepared.usage, indexing: indexing)))
    }

    @Sendable func conversations(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let list = try await pipeline.memory.conversations(userID: userID)
        return try .json(ConversationListResponse(userID: userID, conversations: list.map(ConversationListResponse.Conversation.init)))
    }

    @Sendable func conversation(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let conversationID = try Identifier.validConversationID(context.parameters.get("conversation_id") ?? "")
        let turns = try await pipeline.memory.turns(userID: userID, conversationID: conversationID)
        guard !turns.isEmpty else { throw APIError(.notFound, "conversation_not_found", "User \(userID) has no conversation \(conversationID).") }
        return try .json(ConversationResponse(userID: userID, conversationID: conversationID, turns: turns.map(ConversationResponse.Turn.init)))
    }

    @Sendable func embedHealth(request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let vector = try await pipeline.memory.embedder.embed(["health check"]).first ?? []
            return try .json(
                EmbedderHealthResponse(
                    status: "ok", model: pipeline.memory.embedder.model, dims: vector.count,
                    latencyMilliseconds: Int((ContinuousClock.now - started).milliseconds)))
        } catch {
            throw APIError(.serviceUnavailable, "embedder_unavailable", "The embedding model did not answer: \(error).")
        }
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
