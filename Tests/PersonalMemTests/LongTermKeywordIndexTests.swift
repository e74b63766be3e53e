import Foundation
import Testing

@testable import PersonalMem

@Suite("LongTerm keyword index")
struct LongTermKeywordIndexTests {
    @Test("tokens: lower case, numbers kept, stop words dropped, CJK characters and bigrams")
    func tokens() {
        #expect(KeywordTokenizer.tokens(in: "The locker is #4512, Tomás!") == ["locker", "4512", "tomás"])
        #expect(KeywordTokenizer.tokens(in: "我喜欢猫") == ["我", "喜", "我喜", "欢", "喜欢", "猫", "欢猫"])
        #expect(KeywordTokenizer.tokens(in: "买了iPhone15手机") == ["买", "了", "买了", "iphone15", "手", "机", "手机"])
        #expect(KeywordTokenizer.tokens(in: "I'm at the   ...  ").isEmpty)
    }

    @Test("BM25 ranks the rarer, denser match first and matches numbers")
    func ranking() {
        var index = KeywordIndex()
        index.add(id: 1, text: "My locker at the studio is number 4512")
        index.add(id: 2, text: "The studio has a kiln and a wheel")
        index.add(id: 3, text: "We walked the dog by the river")
        index.add(id: 4, text: "Studio studio studio: a long day at the studio with the kiln and glaze samples and many more words here")
        #expect(index.count == 4)

        let number = index.search(query: "what is locker 4512?", limit: 5)
        #expect(number.map(\.id) == [1])
        #expect(number.first?.normalizedScore == 1)

        let studio = index.search(query: "studio kiln", limit: 10)
        #expect(Set(studio.map(\.id)) == [1, 2, 4])
        #expect(studio.first?.id == 2, "short document matching both terms wins")
        #expect(studio.allSatisfy { $0.normalizedScore > 0 && $0.normalizedScore <= 1 })
        #expect(zip(studio, studio.dropFirst()).allSatisfy { $0.score >= $1.score })

        #expect(index.search(query: "studio", limit: 1).count == 1)
        #expect(index.search(query: "the of and", limit: 5).isEmpty, "stop words only")
        #expect(index.search(query: "unseen", limit: 5).isEmpty)
        #expect(index.search(query: "studio", limit: 0).isEmpty)
    }

    @Test("remove and replace keep the statistics right")
    func removeAndReplace() {
        var index = KeywordIndex()
        index.add(id: 10, text: "peanut allergy")
        index.add(id: 11, text: "peanut butter sandwich")
        let removed = index.remove(id: 10)
        let removedAgain = index.remove(id: 10)
        #expect(removed && !removedAgain)
        #expect(index.count == 1)
        #expect(index.search(query: "allergy", limit: 5).isEmpty)
        #expect(index.search(query: "peanut", limit: 5).map(\.id) == [11])

        index.add(id: 11, text: "cello lessons")
        #expect(index.count == 1)
        #expect(index.search(query: "peanut", limit: 5).isEmpty)
        #expect(index.search(query: "cello", limit: 5).map(\.id) == [11])

        index.add(id: 12, text: "cello recital")  // reuses the freed slot
        #expect(index.search(query: "cello", limit: 5).count == 2)
        #expect(index.contains(id: 12) && !index.contains(id: 10))

        // Same text indexed fresh gives the same scores as after the removals.
        var fresh = KeywordIndex()
        fresh.add(id: 11, text: "cello lessons")
        fresh.add(id: 12, text: "cello recital")
        #expect(fresh.search(query: "cello recital", limit: 5) == index.search(query: "cello recital", limit: 5))

        index.removeAll()
        #expect(index.count == 0)
        #expect(index.search(query: "cello", limit: 5).isEmpty)
    }

    @Test("Chinese text matches on characters and pairs")
    func chinese() {
        var index = KeywordIndex()
        index.add(id: 1, text: "我对花生过敏")
        index.add(id: 2, text: "我喜欢喝绿茶")
        index.add(id: 3, text: "明天去北京出差")
        #expect(index.search(query: "花生", limit: 3).first?.id == 1)
        #expect(index.search(query: "绿茶", limit: 3).map(\.id) == [2])
        #expect(index.search(query: "北京", limit: 3).map(\.id) == [3])
    }

    @Test("normalised scores for given ids, relative to the best match in the index")
    func normalisedForIDs() {
        var index = KeywordIndex()
        index.add(id: 1, text: "Snowdonia hike with Bea")
        index.add(id: 2, text: "Snowdonia")
        index.add(id: 3, text: "reading Piranesi")
        let scores = index.normalizedScores(query: "Snowdonia", for: [1, 3, 99])
        #expect(scores[3] == 0)
        #expect(scores[99] == 0)
        let best = index.search(query: "Snowdonia", limit: 1)
        #expect(best.first?.id == 2)
        #expect((scores[1] ?? 0) > 0 && (scores[1] ?? 1) < 1)
        #expect(index.normalizedScores(query: "nothing", for: [1]) == [1: 0])
    }

    @Test("10k documents: search is fast")
    func speed() {
        var index = KeywordIndex()
        let words = (0..<3000).map { "w\($0)" }
        var generator = LongTermTestRandom(seed: 7)
        for id in 0..<10_000 {
            let text = (0..<20).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            index.add(id: Int64(id), text: text + " common")
        }
        let queries = ["w1 w2 w3 common", "w42 w4000", "w7 w8 w9 w10 w11", "common"]
        let clock = ContinuousClock()
        var total = Duration.zero
        for query in queries {
            let elapsed = clock.measure { _ = index.search(query: query, limit: 10) }
            total += elapsed
        }
        let average = total / queries.count
        // Release builds take well under 5 ms; allow for debug builds and a busy machine.
        #expect(average < .milliseconds(50), "average search \(average)")
    }
}

/// Deterministic pseudo-random numbers for tests.
struct LongTermTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
