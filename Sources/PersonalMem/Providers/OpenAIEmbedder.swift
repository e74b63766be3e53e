import Synchronization

/// Embeddings from an OpenAI-compatible `/embeddings` endpoint. With no dimension configured,
/// the first reply teaches it.
public final class OpenAIEmbedder: Embedder {
    let client: OpenAICompatibleClient
    public let model: String
    private let learnedDims: Mutex<Int?>

    public init(client: OpenAICompatibleClient, model: String, dims: Int?) {
        self.client = client
        self.model = model
        self.learnedDims = Mutex(dims.flatMap { $0 > 0 ? $0 : nil })
    }

    public var dims: Int? { learnedDims.withLock { $0 } }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let vectors = try await client.embed(texts, model: model)
        let expected = learnedDims.withLock { dims in
            if dims == nil { dims = vectors.first?.count }
            return dims
        }
        guard vectors.allSatisfy({ $0.count == expected }) else {
            throw ProviderError.badResponse("embedding dimension \(vectors.first?.count ?? 0), expected \(expected ?? 0)")
        }
        return vectors
    }
}
