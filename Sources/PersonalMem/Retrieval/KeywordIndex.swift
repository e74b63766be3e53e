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
        scoring(query: query).top(limit)
    }

    /// One pass of BM25 for `query` over the whole index: its best documents and the score of any
    /// other (``KeywordScoring``), so a ranking that needs both scores the query once.
    public func scoring(query: String) -> KeywordScoring {
        var scores: [Double] = []
        let touched = accumulate(query: query, into: &scores)
        return KeywordScoring(scores: scores, touched: touched, idOfSlot: idOfSlot, slotOfID: slotOfID)
    }

    /// Normalised scores (0...1, relative to the best document for the query over the whole index)
    /// for the given ids; ids that share no term with the query, or are not indexed, score 0.
    /// Use it to give keyword scores to candidates found by other means (dense search).
    public func normalizedScores(query: String, for ids: [Int64]) -> [Int64: Double] {
        let scoring = scoring(query: query)
        let maxScore = scoring.maxScore
        var result: [Int64: Double] = [:]
        for id in ids { result[id] = maxScore > 0 ? scoring.score(of: id) / maxScore : 0 }
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
}
