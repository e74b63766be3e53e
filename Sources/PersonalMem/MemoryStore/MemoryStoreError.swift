/// An embedding model and its dimension, as stored in `state.json`.
public struct EmbeddingSpec: Sendable, Hashable, CustomStringConvertible {
    public var model: String
    public var dims: Int

    public init(model: String, dims: Int) {
        self.model = model
        self.dims = dims
    }

    public var description: String { "\(model) (\(dims) dimensions)" }
}

/// Failures of a user's memory store. Messages name files and counts, never memory text.
public enum MemoryStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user's memories were embedded with another model or dimension: re-embed explicitly, never mix.
    case embeddingMismatch(stored: EmbeddingSpec, given: EmbeddingSpec)
    /// A vector whose length is not the store's dimension.
    case dimensionMismatch(expected: Int, got: Int)
    /// Files that cannot be reconciled automatically.
    case corrupt(String)
    /// Another process (or another open store object) holds this user's directory.
    case locked
    /// The store was closed or deleted.
    case closed
    /// A change the store refuses (memory ids already used, duplicated or unknown); nothing was written.
    case invalidChange(String)

    public var description: String {
        switch self {
        case .embeddingMismatch(let stored, let given):
            "memories were embedded with \(stored) but the embedder is \(given); re-embed this user first"
        case .dimensionMismatch(let expected, let got): "vector has \(got) dimensions, the store expects \(expected)"
        case .corrupt(let message): "memory store files are inconsistent: \(message)"
        case .locked: "the user's memory directory is in use by another store"
        case .closed: "the memory store is closed"
        case .invalidChange(let message): "memory change refused: \(message)"
        }
    }
}
