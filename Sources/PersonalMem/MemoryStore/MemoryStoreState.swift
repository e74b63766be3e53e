import Foundation

/// `state.json`: what a user's vectors were made with and how much of `meta.jsonl` the index snapshot holds.
struct MemoryStoreState: Codable, Equatable {
    var embeddingModel: String
    var embeddingDims: Int
    var indexKind: MemoryIndex.Kind
    /// Number of memories in `faiss.index` when it was last saved.
    var snapshotCount: Int
    /// The id the next memory gets, kept so that ids of removed memories are never handed out again
    /// (absent in files written before removal existed; `meta.jsonl` then decides).
    var nextMemoryID: Int64? = nil

    var spec: EmbeddingSpec { EmbeddingSpec(model: embeddingModel, dims: embeddingDims) }

    enum CodingKeys: String, CodingKey {
        case embeddingModel = "embedding_model"
        case embeddingDims = "embedding_dims"
        case indexKind = "index_kind"
        case snapshotCount = "snapshot_count"
        case nextMemoryID = "next_memory_id"
    }

    static func read(from url: URL) throws -> MemoryStoreState? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(MemoryStoreState.self, from: data)
        } catch {
            throw MemoryStoreError.corrupt("state.json does not decode")
        }
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try DurableFile.replace(url, with: try encoder.encode(self))
    }
}
