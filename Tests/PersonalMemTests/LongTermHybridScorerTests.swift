import Foundation
import Testing

@testable import PersonalMem

@Suite("LongTerm hybrid scorer")
struct LongTermHybridScorerTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)
    private let day: TimeInterval = 86_400

    @Test("default weights sum to 1 and match the reference with keyword added")
    func weights() {
        let w = HybridWeights.default
        #expect(abs(w.sum - 1) < 1e-12)
        #expect(w == HybridWeights(semantic: 0.35, keyword: 0.2, recency: 0.25, frequency: 0.1, confidence: 0.1))
        #expect(w.isValid)
        #expect(!HybridWeights(semantic: -1).isValid)
        let doubled = HybridWeights(semantic: 2, keyword: 0, recency: 2, frequency: 0, confidence: 0).normalized()
        #expect(doubled.semantic == 0.5 && doubled.recency == 0.5)
    }

    @Test("parts: cosine clamped, recency halves per half-life, frequency saturates, contributions add up")
    func parts() {
        let scorer = HybridScorer()
        let fresh = HybridCandidate(id: 1, cosine: 0.8, keyword: 0.5, createdAt: now, accessCount: 0, confidence: 0.9)
        let score = scorer.score(fresh, now: now)
        #expect(score.parts.semantic == 0.8)
        #expect(score.parts.recency == 1)
        #expect(score.parts.frequency == 0)
        #expect(abs(score.total - (0.35 * 0.8 + 0.2 * 0.5 + 0.25 + 0.1 * 0.9)) < 1e-12)
        #expect(abs(score.contributions.sum - score.total) < 1e-12)

        let old = HybridCandidate(id: 2, cosine: -0.4, createdAt: now.addingTimeInterval(-60 * day), accessCount: 5, confidence: 3)
        let oldScore = scorer.score(old, now: now)
        #expect(oldScore.parts.semantic == 0)
        #expect(abs(oldScore.parts.recency - 0.25) < 1e-12)
        #expect(abs(oldScore.parts.frequency - (1 - exp(-1))) < 1e-12)
        #expect(oldScore.parts.confidence == 1)

        let touched = HybridCandidate(id: 3, cosine: nil, createdAt: now.addingTimeInterval(-60 * day), lastAccessedAt: now.addingTimeInterval(-30 * day))
        #expect(abs(scorer.score(touched, now: now).parts.recency - 0.5) < 1e-12)
        var byCreation = scorer
        byCreation.recencyReference = .created
        #expect(abs(byCreation.score(touched, now: now).parts.recency - 0.25) < 1e-12)

        let future = HybridCandidate(id: 4, cosine: .nan, createdAt: now.addingTimeInterval(day))
        let futureScore = scorer.score(future, now: now)
        #expect(futureScore.parts.recency == 1 && futureScore.parts.semantic == 0)
    }

    @Test("log frequency is relative to the batch")
    func logFrequency() {
        let scorer = HybridScorer(frequencyCurve: .logRelativeToBatch)
        let scores = scorer.score([
            HybridCandidate(id: 1, cosine: 0, createdAt: now, accessCount: 9),
            HybridCandidate(id: 2, cosine: 0, createdAt: now, accessCount: 3),
            HybridCandidate(id: 3, cosine: 0, createdAt: now, accessCount: 0),
        ], now: now)
        #expect(scores.map(\.id) == [1, 2, 3])
        #expect(scores[0].parts.frequency == 1)
        #expect(abs(scores[1].parts.frequency - log(4) / log(10)) < 1e-12)
        #expect(scores[2].parts.frequency == 0)
    }

    @Test("ranking: a keyword-only match can beat a weak semantic one; ties by id; limit")
    func ranking() {
        let scorer = HybridScorer()
        let candidates = [
            HybridCandidate(id: 7, cosine: 0.3, keyword: 0, createdAt: now),
            HybridCandidate(id: 5, cosine: 0.1, keyword: 1, createdAt: now),
            HybridCandidate(id: 6, cosine: 0.1, keyword: 1, createdAt: now),
            HybridCandidate(id: 8, cosine: 0.9, keyword: 1, createdAt: now.addingTimeInterval(-365 * day)),
        ]
        let ranked = scorer.rank(candidates, now: now)
        #expect(ranked.map(\.id) == [8, 5, 6, 7])
        #expect(scorer.rank(candidates, now: now, limit: 2).map(\.id) == [8, 5])
        #expect(HybridScorer(weights: .semanticOnly).rank(candidates, now: now).first?.id == 8)
        #expect(HybridScorer(weights: .keywordOnly).rank(candidates, now: now, limit: 1).map(\.id) == [5])
    }
}
