/// One message of a chat prompt, in the OpenAI shape.
public struct ChatMessage: Sendable, Codable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}

/// Token counts as reported by the upstream model.
public struct TokenUsage: Sendable, Codable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }
}

/// A request for one completion.
public struct ChatRequest: Sendable {
    public enum ResponseFormat: Sendable, Equatable {
        case text
        /// JSON mode: the reply is a JSON object.
        case jsonObject
        /// Structured output against a JSON schema, where the server supports it.
        case jsonSchema(name: String, schema: JSONValue)
    }

    public var messages: [ChatMessage]
    public var temperature: Double?
    public var maxTokens: Int?
    public var responseFormat: ResponseFormat

    public init(messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil, responseFormat: ResponseFormat = .text) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.responseFormat = responseFormat
    }
}

/// The reply to a `ChatRequest`.
public struct ChatReply: Sendable, Equatable {
    public var content: String
    public var model: String
    public var usage: TokenUsage?
    public var finishReason: String?
}

/// Why a call to a model provider failed. Carries no prompt or reply text.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    case timeout
    case status(Int)
    case transport(String)
    case badResponse(String)
    /// The server refused the requested response format (so the caller may fall back).
    case formatUnsupported

    public var isRetryable: Bool {
        switch self {
        case .timeout, .transport: true
        case .status(let code): code == 429 || code >= 500
        case .badResponse, .formatUnsupported: false
        }
    }

    public var description: String {
        switch self {
        case .timeout: "timed out"
        case .status(let code): "HTTP status \(code)"
        case .transport(let reason): "connection failed: \(reason)"
        case .badResponse(let reason): "unreadable response: \(reason)"
        case .formatUnsupported: "response format not supported"
        }
    }
}
