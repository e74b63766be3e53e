import Foundation
import Testing

@testable import PersonalMem
@testable import PersonalMemEval

@Suite("LongTerm recall evaluator")
struct LongTermRecallEvaluatorTests {
    private let sessions = ["D1:1": "s1", "D1:2": "s1", "D2:1": "s2", "D2:2": "s2", "D3:1": "s3"]

    @Test("turn-level recall@k is the fraction of evidence in the top k")
    func turnLevel() {
        let question = EvalQuestion(
            id: "q", question: "?", answer: nil, category: "1",
            evidenceTurnIDs: ["D1:2", "D2:1"], evidenceSessionIDs: ["s1", "s2"]
        )
        let values = RecallEvaluator.recalls(
            question: question, rankedTurnIDs: ["D3:1", "D1:2", "D1:1", "D2:2", "D2:1"], sessionOfTurn: sessions, ks: [1, 2, 5]
        )
        #expect(values == [0, 0.5, 1])
    }

    @Test("session-level recall when there is no turn evidence, from the top k turns' sessions")
    func sessionLevel() {
        let question = EvalQuestion(id: "q", question: "?", answer: "a", category: "multi", evidenceTurnIDs: [], evidenceSessionIDs: ["s2", "s3"])
        let values = RecallEvaluator.recalls(
            question: question, rankedTurnIDs: ["D2:1", "D2:2", "D1:1", "D3:1"], sessionOfTurn: sessions, ks: [1, 3, 4]
        )
        #expect(values == [0.5, 0.5, 1])
        let none = EvalQuestion(id: "n", question: "?", answer: nil, category: "x", evidenceTurnIDs: [], evidenceSessionIDs: [])
        #expect(RecallEvaluator.recalls(question: none, rankedTurnIDs: ["D1:1"], sessionOfTurn: sessions, ks: [1]) == nil)
    }

    @Test("aggregates per method and category, and prints a table")
    func aggregation() {
        var evaluator = RecallEvaluator()
        #expect(evaluator.ks == [1, 5, 10])
        let q1 = EvalQuestion(id: "1", question: "?", answer: nil, category: "2", evidenceTurnIDs: ["D1:1"], evidenceSessionIDs: ["s1"])
        let q2 = EvalQuestion(id: "2", question: "?", answer: nil, category: "10", evidenceTurnIDs: ["D2:1"], evidenceSessionIDs: ["s2"])
        evaluator.record(method: "dense", question: q1, rankedTurnIDs: ["D1:1"], sessionOfTurn: sessions)
        evaluator.record(method: "dense", question: q2, rankedTurnIDs: ["D1:1", "D1:2", "D2:2", "D3:1", "D2:1"], sessionOfTurn: sessions)
        evaluator.record(method: "keyword", question: q2, rankedTurnIDs: [], sessionOfTurn: sessions)

        #expect(evaluator.methods == ["dense", "keyword"])
        #expect(evaluator.categories == ["2", "10"])
        #expect(evaluator.recall(method: "dense", k: 1) == 0.5)
        #expect(evaluator.recall(method: "dense", k: 5) == 1)
        #expect(evaluator.recall(method: "dense", category: "10", k: 1) == 0)
        #expect(evaluator.recall(method: "keyword", k: 10) == 0)
        #expect(evaluator.recall(method: "keyword", category: "2", k: 10) == nil)
        #expect(evaluator.recall(method: "dense", k: 3) == nil)
        #expect(evaluator.questionCount(method: "dense") == 2)

        let table = evaluator.report()
        let lines = table.split(separator: "\n")
        #expect(lines.first?.contains("R@10") == true)
        #expect(lines.count == 2 + 3 + 2, "header, rule, dense 2/10/all, keyword 10/all")
        #expect(table.contains("0.500"))
    }

    @Test("end to end with the LoCoMo sample and a perfect retriever")
    func perfectRetriever() throws {
        let url = try #require(Bundle.module.url(forResource: "locomo_sample", withExtension: "json", subdirectory: "Fixtures"))
        let (dataset, _) = try EvalDataset.load(contentsOf: url)
        var evaluator = RecallEvaluator()
        for conversation in dataset.conversations {
            let map = conversation.sessionIDsByTurnID()
            for question in conversation.questions {
                evaluator.record(method: "oracle", question: question, rankedTurnIDs: question.evidenceTurnIDs, sessionOfTurn: map)
            }
        }
        #expect(evaluator.recall(method: "oracle", k: 10) == 1)
        #expect(evaluator.questionCount(method: "oracle") == dataset.questionCount)
    }
}
