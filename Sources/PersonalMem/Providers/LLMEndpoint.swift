import Foundation

/// Where an OpenAI-compatible model lives: OpenAI itself, vLLM, Ollama, llama.cpp, or an
/// Azure OpenAI deployment (deployment URL, `api-version` query, `api-key` header).
public struct LLMEndpoint: Sendable, Equatable {
    public enum Flavor: Sendable, Equatable {
        /// `baseURL` ends before `/chat/completions`, e.g. `http://localhost:8000/v1`.
        case openAI(baseURL: String, apiKey: String?)
        case azure(endpoint: String, deployment: String, apiVersion: String, apiKey: String)
    }

    public var flavor: Flavor
    public var model: String
    /// Limit for one attempt of a call: connecting, the response headers and the whole body.
    /// For a streamed completion it covers the attempt until the response headers.
    public var timeout: Duration
    /// Longest wait for the next event of a streamed completion once it has started.
    public var streamIdleTimeout: Duration
    /// Attempts per request, the first included.
    public var maxAttempts: Int

    public init(
        flavor: Flavor, model: String, timeout: Duration = .seconds(30), streamIdleTimeout: Duration = .seconds(30), maxAttempts: Int = 3
    ) {
        self.flavor = flavor
        self.model = model
        self.timeout = timeout > .zero ? timeout : .seconds(30)
        self.streamIdleTimeout = streamIdleTimeout > .zero ? streamIdleTimeout : .seconds(30)
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The URL for an API path such as `chat/completions` or `embeddings`.
    func url(for path: String) -> String {
        switch flavor {
        case .openAI(let baseURL, _):
            return Self.trimmed(baseURL) + "/" + path
        case .azure(let endpoint, let deployment, let apiVersion, _):
            let version = apiVersion.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? apiVersion
            return Self.trimmed(endpoint) + "/openai/deployments/\(deployment)/\(path)?api-version=\(version)"
        }
    }

    var headers: [(String, String)] {
        switch flavor {
        case .openAI(_, let apiKey?) where !apiKey.isEmpty: [("Authorization", "Bearer \(apiKey)")]
        case .openAI: []
        case .azure(_, _, _, let apiKey): [("api-key", apiKey)]
        }
    }

    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
