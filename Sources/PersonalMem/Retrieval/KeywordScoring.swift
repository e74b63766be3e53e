/// One query's BM25 scores over a ``KeywordIndex`` (``KeywordIndex/scoring(query:)``): the best
/// documents, and the raw score of any document, from a single pass over the query terms' postings.
public struct KeywordScoring: Sendable {
    /// Scores by slot (empty when no document shares a term with the query).
    let scores: [Double]
    /// The slots with a positive score.
    let touched: [Int32]
    let idOfSlot: [Int64]
    let slotOfID: [Int64: Int32]

    /// The raw BM25 score of `id` (0 when it shares no term with the query or is not indexed).
    public func score(of id: Int64) -> Double {
        guard !scores.isEmpty, let slot = slotOfID[id] else { return 0 }
        return scores[Int(slot)]
    }

    /// The best score of any document (0 when none shares a term).
    public var maxScore: Double {
        touched.reduce(0) { Swift.max($0, scores[Int($1)]) }
    }

    /// The best `limit` documents, best first (ties by ascending id); only documents sharing a term.
    public func top(_ limit: Int) -> [KeywordHit] {
        guard limit > 0, !touched.isEmpty else { return [] }
        let best = Self.top(limit, of: touched.map { (id: idOfSlot[Int($0)], score: scores[Int($0)]) })
        let maxScore = best.first?.score ?? 0
        return best.map {
            KeywordHit(id: $0.id, score: $0.score, normalizedScore: maxScore > 0 ? $0.score / maxScore : 0)
        }
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
