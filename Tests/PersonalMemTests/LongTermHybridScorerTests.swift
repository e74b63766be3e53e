import Foundation
import Testing

@testable import PersonalMem

@Suite("LongTerm hybrid scorer")
struct LongTermHybridScorerTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)
    private let day: TimeInterval = 86_400

    @Test("default weights: BM25 leads the dense list, priors of at most 5 %, capped at 10 %")
    func weights() {
        let w = HybridWeights.default
        #expect(w == HybridWeights(semantic: 0.7, keyword: 1, recency: 0.03, frequency: 0.01, confidence: 0.01))
        #expect(w.isValid)
        #expect(abs(w.priorSum - 0.05) < 1e-12)
        #expect(!HybridWeights(semantic: -1).isValid)
        #expect(!HybridWeights(semantic: 0, keyword: 0).isValid)
        let big = HybridWeights(recency: 0.5, frequency: 0.3, confidence: 0.2).capped()
        #expect(abs(big.recency + big.frequency + big.confidence - HybridWeights.priorCap) < 1e-12)
        #expect(w.withoutPriors.priorSum == 0)
    }

    @Test("reciprocal rank fusion of cosine and BM25 ranks; a keyword-only match has its real cosine rank")
    func fusion() {
        let scorer = HybridScorer(weights: HybridWeights.default.withoutPriors)
        let scores = scorer.score([
            HybridCandidate(id: 1, cosine: 0.9, bm25: 0, createdAt: now),
            HybridCandidate(id: 2, cosine: 0.5, bm25: 7, createdAt: now),
            HybridCandidate(id: 3, cosine: 0.1, bm25: 3, createdAt: now),
        ], now: now)
        #expect(scores.map(\.denseRank) == [1, 2, 3])
        #expect(scores.map(\.keywordRank) == [nil, 1, 2])
        #expect(abs(scores[1].total - (0.7 / 7 + 1.0 / 6)) < 1e-12)  // RRF_K 5: dense rank 2, keyword rank 1
        #expect(abs(scores[0].total - 0.7 / 6) < 1e-12)
        #expect(scores[1].parts.keyword == 1 && abs(scores[2].parts.keyword - 3.0 / 7) < 1e-12)
        #expect(scorer.rank([
            HybridCandidate(id: 1, cosine: 0.9, createdAt: now), HybridCandidate(id: 2, cosine: 0.5, bm25: 7, createdAt: now),
        ], now: now).map(\.id) == [2, 1])
    }

    @Test("priors never outweigh relevance: an old, never-used memory ranked first stays first")
    func boundedPriors() {
        let scorer = HybridScorer()
        let ranked = scorer.rank([
            HybridCandidate(id: 1, cosine: 0.9, bm25: 5, createdAt: now.addingTimeInterval(-3_650 * day), accessCount: 0, confidence: 0),
            HybridCandidate(id: 2, cosine: 0.8, bm25: 4, createdAt: now, lastAccessedAt: now, accessCount: 100, confidence: 1),
        ], now: now)
        #expect(ranked.map(\.id) == [1, 2])
        #expect(ranked.allSatisfy { $0.prior <= HybridWeights.priorCap })
        #expect(abs(ranked[1].parts.recency - 1) < 1e-12)
        // Recency halves per half-life; frequency saturates; confidence is clamped.
        let old = scorer.score([HybridCandidate(id: 3, cosine: 0.5, createdAt: now.addingTimeInterval(-60 * day), accessCount: 5, confidence: 3)], now: now)[0]
        #expect(abs(old.parts.recency - 0.25) < 1e-12)
        #expect(abs(old.parts.frequency - (1 - exp(-1))) < 1e-12)
        #expect(old.parts.confidence == 1)
    }

    @Test("a time match multiplies relevance; single-list weights rank by that list alone")
    func timeAndSingleLists() {
        let candidates = [
            HybridCandidate(id: 1, cosine: 0.9, bm25: 1, time: 0, createdAt: now),
            HybridCandidate(id: 2, cosine: 0.8, bm25: 2, time: 1, createdAt: now),
            HybridCandidate(id: 3, cosine: 0.1, bm25: 9, time: 0, createdAt: now),
        ]
        #expect(HybridScorer(weights: .semanticOnly, timeBoost: 0).rank(candidates, now: now).map(\.id) == [1, 2, 3])
        #expect(HybridScorer(weights: .keywordOnly, timeBoost: 0).rank(candidates, now: now).map(\.id) == [3, 2, 1])
        #expect(HybridScorer(weights: HybridWeights.default.withoutPriors, timeBoost: 1).rank(candidates, now: now).first?.id == 2)
    }
}
