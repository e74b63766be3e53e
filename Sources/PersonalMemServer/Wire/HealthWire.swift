import Foundation

/// `GET /health`: the service and what it depends on (`"ok"` or `"unavailable"` each).
struct HealthResponse: Codable, Equatable {
    var status: String
    var database: String
    var storage: String
    var extractor: String
    var embedder: String
    var llmConfigured: Bool
    var version: String

    enum CodingKeys: String, CodingKey {
        case status, database, storage, extractor, embedder, version
        case llmConfigured = "llm_configured"
    }
}

/// `GET /health/llm`: one short call to the configured model.
struct LLMHealthResponse: Codable, Equatable {
    var status: String
    var model: String
    var latencyMilliseconds: Int

    enum CodingKeys: String, CodingKey {
        case status, model
        case latencyMilliseconds = "latency_ms"
    }
}

/// `GET /health/embed`: one embedding of a short text.
struct EmbedderHealthResponse: Codable, Equatable {
    var status: String
    var model: String
    var dims: Int
    var latencyMilliseconds: Int

    enum CodingKeys: String, CodingKey {
        case status, model, dims
        case latencyMilliseconds = "latency_ms"
    }
}

/// `GET /fields`: the field catalog.
struct FieldListResponse: Codable, Equatable {
    struct Field: Codable, Equatable {
        var name: String
        var category: String
        var type: String
        var description: String
    }

    var fields: [Field]
}
