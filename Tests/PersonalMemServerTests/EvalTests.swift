import Foundation
import Logging
import PersonalMem
import PersonalMemEval
import Testing

@testable import PersonalMemServer

@Suite("Retrieval evaluation on the sample benchmarks")
struct EvalTests {
    func memory() async throws -> (ConversationMemory, URL) {
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-eval-test-\(UUID().uuidString)")
        let configuration = ServiceConfiguration(
            environment: [:], overrides: ["DATABASE_URL": "postgres://unused@127.0.0.1:1/unused", "STORAGE_DIR": storage.path])
        let parts = try await ServiceParts(configuration: configuration, logger: Logger(label: "eval-test"))
        return (parts.conversationMemory, storage)
    }

    @Test("LoCoMo and LongMemEval samples load with their irregularities counted, and every method is measured", arguments: ["locomo_sample", "longmemeval_sample"])
    func sample(_ name: String) async throws {
        let url = TestService.repositoryRoot.appendingPathComponent("Tests/PersonalMemTests/Fixtures/\(name).json")
        let (dataset, report) = try EvalDataset.load(contentsOf: url)
        #expect(report.questionsWithoutEvidenceSkipped >= 1)
        let (memory, storage) = try await memory()
        defer { try? FileManager.default.removeItem(at: storage) }
        let evaluator = try await RetrievalEvaluation(memory: memory).run(dataset)
        for method in RankingOptions.Method.allCases {
            let recall = try #require(evaluator.recall(method: method.rawValue, k: 10))
            #expect(recall > 0.5, "\(method) recall@10 on \(name)")
            #expect(evaluator.recall(method: method.rawValue, k: 1)! <= evaluator.recall(method: method.rawValue, k: 10)!)
        }
        // The evaluation users are gone afterwards.
        let users = (try? FileManager.default.contentsOfDirectory(atPath: storage.appendingPathComponent("users").path)) ?? []
        #expect(users.filter { !$0.hasPrefix(".") }.isEmpty)
    }
}
