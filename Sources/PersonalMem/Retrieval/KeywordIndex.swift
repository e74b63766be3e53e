import Foundation

/// An in-memory BM25 index over short texts (a user's memories), keyed by `Int64` ids.
///
/// Terms come from `KeywordTokenizer`. Scoring is Okapi BM25 with `k1` 1.2 and `b` 0.75 and the
/// non-negative idf `ln(1 + (N - df + 0.5) / (df + 0.5))`. Postings are kept per term, so a search
/// touches only documents that share a term with the query. A value type: copies are independent.
public struct KeywordIndex: Sendable {
    /// Term-frequency saturation.
    public let k1: Double
    /// Length normalisation (0 = none, 1 = full).
    public let b: Double

    private struct Posting: Sendable {
        var slot: Int32
        var termFrequency: Int32
    }

    private var termIDs: [String: Int32] = [:]
    private var postings: [[Posting]] = []
    private var slotOfID: [Int64: Int32] = [:]
    private var idOfSlot: [Int64] = []
    private var lengthOfSlot: [Int32] = []
    private var termsOfSlot: [[Int32]] = []
    private var freeSlots: [Int32] = []
    private var totalLength = 0

    /// An empty index.
    public init(k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
    }

    /// Number of documents.
    public var count: Int { slotOfID.count }

    /// Number of distinct terms ever seen (terms of removed documents included).
    public var vocabularySize: Int { termIDs.count }

    /// Whether a document with this id is indexed.
    public func contains(id: Int64) -> Bool { slotOfID[id] != nil }

    /// Indexes `text` under `id`, replacing any earlier text for that id.
    public mutating func add(id: Int64, text: String) {
        if slotOfID[id] != nil { remove(id: id) }
        let tokens = KeywordTokenizer.tokens(in: text)
        var frequencies: [Int32: Int32] = [:]
        for token in tokens {
            let term: Int32
            if let existing = termIDs[token] {
                term = existing
            } else {
                term = Int32(postings.count)
                termIDs[token] = term
                postings.append([])
            }
            frequencies[term, default: 0] += 1
        }

        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            idOfSlot[Int(slot)] = id
            lengthOfSlot[Int(slot)] = Int32(tokens.count)
            termsOfSlot[Int(slot)] = Array(frequencies.keys)
        } else {
            slot = Int32(idOfSlot.count)
            idOfSlot.append(id)
            lengthOfSlot.append(Int32(tokens.count))
            termsOfSlot.append(Array(frequencies.keys))
        }
        for (term, frequency) in frequencies {
            postings[Int(term)].append(Posting(slot: slot, termFrequency: frequency))
        }
        slotOfID[id] = slot
        totalLength += tokens.count
    }

    /// Removes the document with this id; returns false if it was not indexed.
    @discardableResult
    public mutating func remove(id: Int64) -> Bool {
        guard let slot = slotOfID.removeValue(forKey: id) else { return false }
        for term in termsOfSlot[Int(slot)] {
            if let position = postings[Int(term)].firstIndex(where: { $0.slot == slot }) {
                postings[Int(term)].swapAt(position, postings[Int(term)].count - 1)
                postings[Int(term)].removeLast()
            }
        }
        totalLength -= Int(lengthOfSlot[Int(slot)])
        lengthOfSlot[Int(slot)] = 0
        termsOfSlot[Int(slot)] = []
        freeSlots.append(slot)
        return true
    }

    /// Removes every document.
    public mutating func removeAll() {
        self = KeywordIndex(k1: k1, b: b)
    }

    /// The best `limit` documents for `query`, best first (ties by ascending id). Only documents
    /// sharing at least one term with the query are returned.
    public func search(query: String, limit: Int) -> [KeywordHit] {
        guard limit > 0 else { return [] }
        var scores: [Double] = []
        let touched = accumulate(query: query, into: &scores)
        guard !touched.isEmpty else { return [] }

        let best = Self.top(limit, of: touched.map { (id: idOfSlot[Int($0)], score: scores[Int($0)]) })
        let maxScore = best.first?.score ?? 0
        return best.map {
            KeywordHit(id: $0.id, score: $0.score, normalizedScore: maxScore > 0 ? $0.score / maxScore : 0)
        }
    }

    /// Normalised scores (0...1, relative to the best document for the query over the whole index)
    /// for the given ids; ids that share no term with the query, or are not indexed, score 0.
    /// Use it to give keyword scores to candidates found by other means (dense search).
    public func normalizedScores(query: String, for ids: [Int64]) -> [Int64: Double] {
        var scores: [Double] = []
        let touched = accumulate(query: query, into: &scores)
        var maxScore = 0.0
        for slot in touched { maxScore = Swift.max(maxScore, scores[Int(slot)]) }
        var result: [Int64: Double] = [:]
        for id in ids {
            if maxScore > 0, let slot = slotOfID[id], !scores.isEmpty {
                result[id] = scores[Int(slot)] / maxScore
            } else {
                result[id] = 0
            }
        }
        return result
    }

    /// Raw BM25 scores of the given ids for `query` (0 for ids sharing no term with it, or not indexed).
    /// Use it to give keyword scores to candidates found by other means (dense search, neighbours).
    public func scores(query: String, for ids: [Int64]) -> [Int64: Double] {
        var scores: [Double] = []
        let touched = accumulate(query: query, into: &scores)
        var result: [Int64: Double] = [:]
        for id in ids {
            if !touched.isEmpty, let slot = slotOfID[id] { result[id] = scores[Int(slot)] } else { result[id] = 0 }
        }
        return result
    }

    /// Adds each query term's BM25 contribution into `scores` (indexed by slot); returns the slots
    /// with a positive score.
    private func accumulate(query: String, into scores: inout [Double]) -> [Int32] {
        let documentCount = slotOfID.count
        guard documentCount > 0 else { return [] }
        var queryTerms: [Int32] = []
        var seen = Set<Int32>()
        for token in KeywordTokenizer.tokens(in: query) {
            if let term = termIDs[token], seen.insert(term).inserted, !postings[Int(term)].isEmpty {
                queryTerms.append(term)
            }
        }
        guard !queryTerms.isEmpty else { return [] }

        let n = Double(documentCount)
        let averageLength = Swift.max(Double(totalLength) / n, 1e-9)
        let k1 = self.k1
        let lengthScale = k1 * b / averageLength
        let lengthBase = k1 * (1 - b)
        scores = [Double](repeating: 0, count: idOfSlot.count)
        var touched: [Int32] = []
        scores.withUnsafeMutableBufferPointer { scoreBuffer in
            lengthOfSlot.withUnsafeBufferPointer { lengths in
                for term in queryTerms {
                    let list = postings[Int(term)]
                    let df = Double(list.count)
                    let idf = log(1 + (n - df + 0.5) / (df + 0.5))
                    let weight = idf * (k1 + 1)
                    for posting in list {
                        let slot = Int(posting.slot)
                        let tf = Double(posting.termFrequency)
                        let norm = lengthBase + lengthScale * Double(lengths[slot])
                        if scoreBuffer[slot] == 0 { touched.append(posting.slot) }
                        scoreBuffer[slot] += weight * tf / (tf + norm)
                    }
                }
            }
        }
        return touched
    }

    /// The `limit` best pairs, by descending score then ascending id.
    private static func top(_ limit: Int, of pairs: [(id: Int64, score: Double)]) -> [(id: Int64, score: Double)] {
        func better(_ a: (id: Int64, score: Double), _ b: (id: Int64, score: Double)) -> Bool {
            a.score != b.score ? a.score > b.score : a.id < b.id
        }
        if pairs.count <= limit || limit >= 64 {
            return Array(pairs.sorted(by: better).prefix(limit))
        }
        // Small limit: keep a sorted buffer of the best `limit` seen so far.
        var best: [(id: Int64, score: Double)] = []
        best.reserveCapacity(limit + 1)
        for pair in pairs {
            if best.count == limit, let worst = best.last, !better(pair, worst) { continue }
            let position = best.firstIndex { better(pair, $0) } ?? best.count
            best.insert(pair, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
