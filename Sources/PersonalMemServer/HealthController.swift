import Foundation
import Hummingbird
import PersonalMem

/// Liveness of the service and of what it depends on, plus the field catalog.
struct HealthController<Context: RequestContext> {
    let memory: ProfileMemory
    let database: Database
    let storageDirectory: URL
    let llm: (any ChatModel)?
    let embedder: String

    func register(on router: Router<Context>) {
        router.get("health", use: health)
        router.get("health/llm", use: llmHealth)
        router.get("fields", use: fields)
        router.get("docs") { _, _ in Response(status: .found, headers: [.location: "/docs.html"]) }
    }

    @Sendable func health(request: Request, context: Context) async throws -> Response {
        var database = "ok"
        do { try await self.database.ping() } catch { database = "unavailable" }
        let storage = Self.storageWritable(storageDirectory) ? "ok" : "unavailable"
        let healthy = database == "ok" && storage == "ok"
        let body = HealthResponse(
            status: healthy ? "ok" : "unavailable", database: database, storage: storage, extractor: memory.extractor.name,
            embedder: embedder, llmConfigured: llm != nil, version: PersonalMemServer.version)
        return try .json(body, status: healthy ? .ok : .serviceUnavailable)
    }

    @Sendable func llmHealth(request: Request, context: Context) async throws -> Response {
        guard let llm else {
            throw APIError(.serviceUnavailable, "llm_not_configured", "No LLM is configured: set LLM_BASE_URL (or OPENAI_API_KEY, or the AZURE_OPENAI_* variables).")
        }
        let started = ContinuousClock.now
        let reply: ChatReply
        do {
            reply = try await llm.chat(ChatRequest(messages: [.user("Reply with the word ok.")], temperature: 0, maxTokens: 5))
        } catch {
            throw APIError(.serviceUnavailable, "llm_unavailable", "The LLM did not answer: \(error.description).")
        }
        return try .json(
            LLMHealthResponse(status: "ok", model: reply.model, latencyMilliseconds: Int((ContinuousClock.now - started).milliseconds)))
    }

    @Sendable func fields(request: Request, context: Context) async throws -> Response {
        try .json(
            FieldListResponse(
                fields: memory.catalog.fields.map { field in
                    .init(name: field.name, category: field.category.rawValue, type: field.kind.rawValue, description: field.description)
                }))
    }

    static func storageWritable(_ directory: URL) -> Bool {
        let probe = directory.appendingPathComponent(".health-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
            return true
        } catch {
            return false
        }
    }
}
