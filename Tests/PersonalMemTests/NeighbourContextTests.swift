import Foundation
import Testing

@testable import PersonalMem

@Suite("Neighbouring turns in the ranking")
struct NeighbourContextTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a turn asks when it ends with a question mark, before white space and one bracketed note")
    func asking() {
        #expect(AskingTurn.asks("How often do you all work out together?"))
        #expect(AskingTurn.asks("Nice! Which team do you support?  \n"))
        #expect(AskingTurn.asks("What do you think of it? [image: a photo of a bookshelf]"))
        #expect(AskingTurn.asks("你周末去哪儿了？"))
        #expect(!AskingTurn.asks("Three times a week; it keeps us on track."))
        #expect(!AskingTurn.asks("Did you? I did. [image: a dog]"))
        #expect(!AskingTurn.asks("[image: what is this?]"), "a text that is only a note does not ask")
        #expect(!AskingTurn.asks(""))
        #expect(!AskingTurn.asks("?]"))
        #expect(!AskingTurn.asks("我去了公园。"))
    }

    private func facts(_ id: Int64, conv: String = "c", turn: Int, text: String) -> MemoryFacts {
        MemoryFacts(MemoryRecord(
            memoryID: id, userID: "u", convID: conv, turnID: turn, ts: now, summary: text, rawUser: text, rawAssistant: ""))
    }

    private func score(_ id: Int64, _ total: Double) -> HybridScore {
        HybridScore(
            id: id, total: total, fused: total, relevance: total, prior: 0, denseRank: nil, keywordRank: nil, cosine: 0, bm25: 0,
            time: 0, parts: HybridComponents(semantic: 0, keyword: 0, recency: 0, frequency: 0, confidence: 0))
    }

    @Test("the reply to an asking turn gets the reply share of its score; other neighbours the neighbour share")
    func replyShare() {
        let memories = [
            facts(1, turn: 1, text: "How often do you work out together?"),
            facts(2, turn: 2, text: "Three times a week."),
            facts(3, turn: 3, text: "That keeps you on track."),
            facts(4, turn: 4, text: "It does."),
            facts(5, conv: "other", turn: 5, text: "Unrelated."),
        ]
        let byID = Dictionary(uniqueKeysWithValues: memories.map { ($0.memoryID, $0) })
        let spread = NeighbourContext.spread(
            [score(1, 1.0), score(2, 0.1), score(3, 0.4), score(4, 0.0), score(5, 0.2)], facts: byID, weight: 0.5, replyWeight: 0.8)
        let totals = Dictionary(uniqueKeysWithValues: spread.map { ($0.id, $0.total) })
        #expect(abs(totals[2]! - (0.1 + 0.8 * 1.0)) < 1e-12, "the reply takes 0.8 of the question's score")
        #expect(abs(totals[1]! - (1.0 + 0.5 * 0.1)) < 1e-12, "the question takes the neighbour share of its reply")
        #expect(abs(totals[3]! - (0.4 + 0.5 * 0.1)) < 1e-12, "turn 2 does not ask: the neighbour share")
        #expect(abs(totals[4]! - 0.5 * 0.4) < 1e-12)
        #expect(abs(totals[5]! - 0.2) < 1e-12, "turn 5 is in another conversation: no share from turn 4")
        #expect(totals[2]! < totals[1]!, "with the reply share below 1 the question still leads its reply")
        let equal = NeighbourContext.spread([score(1, 1.0), score(2, 0.1)], facts: byID, weight: 0.5, replyWeight: 0.5)
        #expect(abs(equal[1].total - (0.1 + 0.5)) < 1e-12, "REPLY_WEIGHT equal to NEIGHBOUR_WEIGHT is the symmetric spread")
    }
}
