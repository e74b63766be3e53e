/// A deterministic, offline embedder for tests, benchmarks and deployments without an embeddings API.
///
/// Features, hashed with 64-bit FNV-1a into `dims` buckets with a hash-derived sign: word unigrams
/// (weight 1), word bigrams (0.7) and character 3-grams of each word padded with boundary marks (0.4).
/// Text is lower-cased; words are runs of letters and digits, except that each CJK character (Han, kana)
/// is a word of its own, so Chinese and Japanese match on characters, character pairs and triples.
/// The vector is L2-normalised (all zeros for text without letters or digits). Same text, same vector,
/// on every machine and run.
public struct BuiltinEmbedder: Embedder {
    public let model: String
    public let dimension: Int
    public var dims: Int? { dimension }

    public init(dims: Int = 384) {
        precondition(dims > 0, "dimension must be positive")
        self.dimension = dims
        self.model = "builtin-hashed-ngrams-v1"
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map(vector(for:))
    }

    /// The embedding of one text, synchronously.
    public func vector(for text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let runs = Self.runs(in: text.lowercased())
        let words = runs.flatMap { $0 }
        for word in words { add("w\u{1}" + word, weight: 1, to: &vector) }
        for (first, second) in zip(words, words.dropFirst()) { add("b\u{1}" + first + " " + second, weight: 0.7, to: &vector) }
        for run in runs {
            let characters = Array("<" + run.joined() + ">")
            guard characters.count >= 3 else { continue }
            for start in 0...(characters.count - 3) {
                add("c\u{1}" + String(characters[start..<(start + 3)]), weight: 0.4, to: &vector)
            }
        }
        VectorMath.normaliseRows(&vector, dims: dimension)
        return vector
    }

    private func add(_ feature: String, weight: Float, to vector: inout [Float]) {
        let hash = Self.fnv1a(feature)
        let bucket = Int(hash % UInt64(dimension))
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight
    }

    /// Splits text into runs of words: a run is a space-separated word, or a run of CJK characters,
    /// each character of which is a word.
    static func runs(in text: String) -> [[String]] {
        var runs: [[String]] = []
        var word = ""
        var cjk: [String] = []
        func flush() {
            if !word.isEmpty { runs.append([word]); word = "" }
            if !cjk.isEmpty { runs.append(cjk); cjk = [] }
        }
        for character in text {
            if isCJK(character) {
                if !word.isEmpty { runs.append([word]); word = "" }
                cjk.append(String(character))
            } else if character.isLetter || character.isNumber {
                if !cjk.isEmpty { runs.append(cjk); cjk = [] }
                word.append(character)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// 64-bit FNV-1a over UTF-8, finished with a SplitMix64 mix so that low bits spread well.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 30
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash = hash &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return hash
    }
}
