import Foundation
import Testing

@testable import PersonalMem

/// Where the tests find all-MiniLM-L6-v2: `EMBEDDER_MODEL_DIR` (scripts/test exports it after fetching
/// the files), else the project's `.data/models/all-MiniLM-L6-v2`.
enum MiniLMFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["EMBEDDER_MODEL_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(MiniLMEmbedder.defaultDirectory)
    }

    static var present: Bool { MiniLMEmbedder.filesPresent(in: directory) }

    /// Loaded once for every test in the process.
    static let embedder: MiniLMEmbedder? = try? MiniLMEmbedder(directory: directory)

    struct Reference: Decodable {
        struct Sentence: Decodable {
            let text: String
            let ids: [Int32]
            let vector: [Float]
        }
        let sentences: [Sentence]
    }

    /// Vectors computed once with sentence-transformers (bench/minilm_reference.py).
    static func reference() throws -> Reference {
        let url = repositoryRoot.appendingPathComponent("Tests/PersonalMemTests/Fixtures/minilm_reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }
}

@Suite(
    "all-MiniLM-L6-v2 in process",
    .enabled(
        if: MiniLMFiles.present,
        "model files absent from EMBEDDER_MODEL_DIR or .data/models/all-MiniLM-L6-v2: run scripts/test, or `source scripts/lib/setup.sh && ensure_minilm_model`"))
struct MiniLMEmbedderTests {
    @Test("the tokenizer gives sentence-transformers' token ids, truncated to 256")
    func tokenIDs() throws {
        let embedder = try #require(MiniLMFiles.embedder)
        for sentence in try MiniLMFiles.reference().sentences {
            #expect(embedder.tokenizer.encode(sentence.text) == sentence.ids, "\(sentence.text.prefix(40))")
        }
    }

    @Test("one text at a time matches the reference vectors (cosine ≥ 0.9999)")
    func singleVectors() throws {
        let embedder = try #require(MiniLMFiles.embedder)
        for sentence in try MiniLMFiles.reference().sentences {
            let vector = embedder.vector(for: sentence.text)
            #expect(vector.count == 384)
            let cosine = MiniLMFiles.cosine(vector, sentence.vector)
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(sentence.text.prefix(40))")
        }
    }

    @Test("a batch (chunked over workers) gives the same vectors in the same order")
    func batchVectors() async throws {
        let embedder = try #require(MiniLMFiles.embedder)
        let sentences = try MiniLMFiles.reference().sentences
        // Repeated so that the batch spans several chunks and both workers.
        let texts = (sentences + sentences + sentences).map(\.text)
        let vectors = try await embedder.embed(texts)
        #expect(vectors.count == texts.count)
        for (index, vector) in vectors.enumerated() {
            let cosine = MiniLMFiles.cosine(vector, sentences[index % sentences.count].vector)
            #expect(cosine >= 0.9999, "cosine \(cosine) at \(index)")
        }
    }

    @Test("similar meaning scores above shared words")
    func meaning() throws {
        let embedder = try #require(MiniLMFiles.embedder)
        let dog = embedder.vector(for: "I have a dog.")
        let puppy = embedder.vector(for: "My puppy loves walks.")
        let tax = embedder.vector(for: "I have a tax return to file.")
        #expect(MiniLMFiles.cosine(dog, puppy) > MiniLMFiles.cosine(dog, tax))
    }
}

@Suite("MiniLM pieces without the model files")
struct MiniLMPiecesTests {
    @Test("WordPiece: longest pieces first, ## continuations, [UNK] for unknown words, CJK one per character, accents stripped")
    func wordPiece() throws {
        let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "cafe", "!", "我", "好", ",", "$"]
        let tokenizer = try WordPieceTokenizer(tokens: tokens, maxTokens: 8)
        #expect(tokenizer.encode("Unaffable!") == [2, 4, 5, 6, 8, 3])
        #expect(tokenizer.encode("CAFÉ,我好") == [2, 7, 11, 9, 10, 3])
        #expect(tokenizer.encode("xyz $") == [2, 1, 12, 3])
        // Truncation keeps [CLS] … [SEP] within maxTokens.
        #expect(tokenizer.encode(String(repeating: "cafe ", count: 20)) == [2, 7, 7, 7, 7, 7, 7, 3])
    }

    @Test("chunks respect the token budget and give every worker a share")
    func chunks() {
        #expect(MiniLMEmbedder.chunks(lengths: [10, 10, 10, 10], maxTokens: 2048, workers: 2) == [0..<2, 2..<4])
        #expect(MiniLMEmbedder.chunks(lengths: [300, 5], maxTokens: 256, workers: 1) == [0..<1, 1..<2])
        #expect(MiniLMEmbedder.chunks(lengths: [5], maxTokens: 256, workers: 2) == [0..<1])
        #expect(MiniLMEmbedder.chunks(lengths: [], maxTokens: 256, workers: 2) == [])
    }

    @Test("a linear layer gives the plain sum for every row count and split, packed or not", arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 70])
    func linearLayer(rows: Int) {
        let inputs = 24, outputs = 80
        var generator = SystemRandomNumberGenerator()
        let x = (0..<rows * inputs).map { _ in Float.random(in: -1...1, using: &generator) }
        let weight = LinearWeight((0..<outputs * inputs).map { _ in Float.random(in: -1...1, using: &generator) }, outputs: outputs, inputs: inputs)
        let bias = (0..<rows * outputs).map { Float($0 % 7) }
        var expected = bias
        // Half-precision weights (the packed path) are off by at most 2⁻¹¹ of each |x·w| term.
        var bound = [Float](repeating: 1e-5, count: rows * outputs)
        for r in 0..<rows {
            for o in 0..<outputs {
                for i in 0..<inputs {
                    let term = x[r * inputs + i] * weight.values[o * inputs + i]
                    expected[r * outputs + o] += term
                    bound[r * outputs + o] += abs(term) / 2048
                }
            }
        }
        for parts in [1, 2, 3] {
            var y = bias
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { BertKernels.linear(x.baseAddress!, rows: rows, weight: weight, into: $0.baseAddress!, parts: parts) }
            }
            let outside = (0..<y.count).filter { abs(y[$0] - expected[$0]) > bound[$0] }
            #expect(outside.isEmpty, "rows \(rows), parts \(parts): \(outside.count) outputs off")
        }
    }
}
