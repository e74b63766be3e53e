import Dispatch
import Foundation

/// all-MiniLM-L6-v2 (sentence-transformers) in the process: BERT WordPiece tokens (at most 256 with
/// `[CLS]` and `[SEP]`), a 6-layer BERT encoder, the mean of the token states, L2-normalised; 384 dims.
/// Reads `config.json`, `vocab.txt` and `model.safetensors` from one folder, once; immutable afterwards.
///
/// Several texts are one batch: tokens of several sentences go through each matrix product together,
/// split into chunks of at most ``maxChunkTokens`` tokens that up to ``threads`` worker threads encode
/// at once (each calling OpenBLAS from its own thread). One text is encoded with each matrix product
/// split over the same threads.
public struct MiniLMEmbedder: Embedder {
    /// The model name stored with a user's vectors.
    public static let modelName = "all-MiniLM-L6-v2"
    /// Where `scripts/lib/setup.sh` puts the files, relative to the project root.
    public static let defaultDirectory = ".data/models/all-MiniLM-L6-v2"
    /// The files the embedder reads.
    public static let requiredFiles = ["config.json", "vocab.txt", "model.safetensors"]

    public let model: String
    public var dims: Int? { encoder.configuration.hiddenSize }
    public let tokenizer: WordPieceTokenizer
    /// Worker threads for a batch.
    public let threads: Int
    /// Tokens encoded together by one worker (bounds the scratch memory: about 40 KB a token).
    public let maxChunkTokens: Int
    let encoder: BertEncoder

    /// Loads the model from `directory`. `maxTokens` is the sequence length sentence-transformers uses
    /// for this model (256); `threads` defaults to the machine's cores.
    public init(
        directory: URL, maxTokens: Int = 256, threads: Int = ProcessInfo.processInfo.activeProcessorCount, maxChunkTokens: Int = 2048
    ) throws {
        for name in Self.requiredFiles where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw ModelFileError.missingFile(directory.appendingPathComponent(name).path)
        }
        let configuration = try BertConfiguration.read(from: directory.appendingPathComponent("config.json"))
        let tensors = try SafeTensors(contentsOf: directory.appendingPathComponent("model.safetensors"))
        let weights = try BertWeights(tensors: tensors, configuration: configuration)
        let tokenizer = try WordPieceTokenizer(
            vocabularyFile: directory.appendingPathComponent("vocab.txt"), maxTokens: min(maxTokens, configuration.maxPositionEmbeddings))
        guard tokenizer.vocabularySize <= configuration.vocabSize else {
            throw ModelFileError.invalid("vocab.txt", "\(tokenizer.vocabularySize) tokens for \(configuration.vocabSize) embeddings")
        }
        self.model = Self.modelName
        self.tokenizer = tokenizer
        self.encoder = BertEncoder(configuration: configuration, weights: weights)
        self.threads = max(1, threads)
        self.maxChunkTokens = max(tokenizer.maxTokens, maxChunkTokens)
    }

    /// True when every file the embedder reads is in `directory`.
    public static func filesPresent(in directory: URL) -> Bool {
        requiredFiles.allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        if texts.count == 1 { return [vector(for: texts[0])] }
        if texts.isEmpty { return [] }
        // A batch keeps a worker busy for a while: run it off the cooperative pool.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: vectors(for: texts))
            }
        }
    }

    /// The embedding of one text: its matrix products split over ``threads`` threads (the calling one
    /// among them), so a query's latency falls with the cores free.
    public func vector(for text: String) -> [Float] {
        encoder.embed([tokenizer.encode(text)], parts: threads)
    }

    /// The embeddings of `texts`, in order, synchronously (batched, on ``threads`` workers).
    public func vectors(for texts: [String]) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let sequences = texts.map(tokenizer.encode)
        let chunks = Self.chunks(lengths: sequences.map(\.count), maxTokens: maxChunkTokens, workers: threads)
        let hidden = encoder.configuration.hiddenSize
        let results = ChunkResults(count: chunks.count)
        let workers = min(threads, chunks.count)
        if workers <= 1 {
            for (index, range) in chunks.enumerated() { results.store(encoder.embed(Array(sequences[range])), at: index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: chunks.count, by: workers) {
                    results.store(encoder.embed(Array(sequences[chunks[index]])), at: index)
                }
            }
        }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for index in chunks.indices {
            let flat = results.take(index)
            for row in 0..<(flat.count / hidden) { vectors.append(Array(flat[(row * hidden)..<((row + 1) * hidden)])) }
        }
        return vectors
    }

    /// Consecutive ranges of sequences of at most `maxTokens` tokens each (a longer sequence is a chunk
    /// of its own), smaller when that gives every worker a share of a small batch.
    static func chunks(lengths: [Int], maxTokens: Int, workers: Int) -> [Range<Int>] {
        let total = lengths.reduce(0, +)
        let share = (total + workers - 1) / max(1, workers)
        let budget = max(1, min(maxTokens, share))
        var chunks: [Range<Int>] = []
        var start = 0
        var tokens = 0
        for (index, length) in lengths.enumerated() {
            if index > start, tokens + length > budget {
                chunks.append(start..<index)
                start = index
                tokens = 0
            }
            tokens += length
        }
        if start < lengths.count { chunks.append(start..<lengths.count) }
        return chunks
    }
}

/// One slot per chunk, each written by exactly one worker and read after all of them finish.
private final class ChunkResults: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<[Float]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: [Float], at index: Int) { slots[index] = value }
    func take(_ index: Int) -> [Float] { slots[index] }
}
