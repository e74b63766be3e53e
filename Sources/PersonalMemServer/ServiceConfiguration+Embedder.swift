import AsyncHTTPClient
import Foundation
import Logging
import PersonalMem

/// Which embedder turns memories and queries into vectors (`EMBEDDER`).
public enum EmbedderChoice: String, Sendable, CaseIterable {
    /// all-MiniLM-L6-v2 in the process, from `EMBEDDER_MODEL_DIR`.
    case minilm
    /// The built-in hashed n-gram embedder (no model files, no network).
    case hash
    /// An OpenAI-compatible `/embeddings` endpoint (`EMB_BASE_URL`, `EMB_MODEL`, `EMB_API_KEY`).
    case openai
}

extension ServiceConfiguration {
    /// Folder holding all-MiniLM-L6-v2's `config.json`, `vocab.txt` and `model.safetensors`.
    public var embedderModelDirectory: URL { URL(fileURLWithPath: self["EMBEDDER_MODEL_DIR"]).standardizedFileURL }

    /// `EMBEDDER` when set; otherwise an embeddings endpoint when `EMB_BASE_URL` is set, else MiniLM
    /// when its files are in `EMBEDDER_MODEL_DIR`, else the hashed embedder.
    public func embedderChoice() throws -> EmbedderChoice {
        let named = self["EMBEDDER"].trimmingCharacters(in: .whitespaces).lowercased()
        if !named.isEmpty {
            guard let choice = EmbedderChoice(rawValue: named) else { throw ConfigurationError("EMBEDDER must be minilm, hash or openai") }
            return choice
        }
        if !self["EMB_BASE_URL"].isEmpty { return .openai }
        return MiniLMEmbedder.filesPresent(in: embedderModelDirectory) ? .minilm : .hash
    }

    /// Builds the chosen embedder. `EMBEDDING_DIMS` sizes the hashed embedder and declares the
    /// endpoint's dimension (0: one call learns it); MiniLM always has 384.
    public func makeEmbedder(logger: Logger) async throws -> any Embedder {
        let configuredDims = try integer("EMBEDDING_DIMS")
        let choice = try embedderChoice()
        defer { logger.info("embedder", metadata: ["embedder": "\(choice.rawValue)"]) }
        switch choice {
        case .hash:
            return BuiltinEmbedder(dims: configuredDims > 0 ? configuredDims : 384)
        case .minilm:
            do {
                return try MiniLMEmbedder(directory: embedderModelDirectory)
            } catch {
                throw ConfigurationError(
                    "EMBEDDER=minilm but the model in EMBEDDER_MODEL_DIR (\(embedderModelDirectory.path)) cannot be loaded: \(error). "
                        + "`source scripts/lib/setup.sh && ensure_minilm_model` fetches it.")
            }
        case .openai:
            guard let endpoint = try embeddingEndpoint() else { throw ConfigurationError("EMBEDDER=openai needs EMB_BASE_URL") }
            let remote = OpenAIEmbedder(
                client: OpenAICompatibleClient(endpoint: endpoint, http: .shared, logger: logger), model: endpoint.model,
                dims: configuredDims > 0 ? configuredDims : nil)
            if remote.dims == nil {
                do {
                    _ = try await remote.embed(["dimension probe"])
                } catch {
                    throw ConfigurationError("EMBEDDING_DIMS is 0 and the embedding server did not answer (\(error)); set EMBEDDING_DIMS or start it.")
                }
            }
            return remote
        }
    }
}
