import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemServer

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recall@k of retrieval (dense, keyword, hybrid) on a LongMemEval or LoCoMo (locomo10.json) file, per question category.")

    @OptionGroup var options: ConfigurationOptions
    @Argument(help: "The benchmark file (format detected from its content).") var file: String
    @Option(help: "Only the first N conversations.") var limit: Int?
    @Option(help: "k values, comma-separated.") var ks = "1,5,10"

    func run() async throws {
        let base = try options.configuration()
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: storage) }
        var values = base.values
        values["STORAGE_DIR"] = storage.path
        // The evaluation needs no database; the profile half of the service is built but never used.
        if values["DATABASE_URL", default: ""].isEmpty { values["DATABASE_URL"] = "postgres://unused@127.0.0.1:1/unused" }
        let configuration = ServiceConfiguration(environment: [:], overrides: values)
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))

        var (dataset, report) = try EvalDataset.load(contentsOf: URL(fileURLWithPath: file))
        if let limit { dataset.conversations = Array(dataset.conversations.prefix(limit)) }
        print("dataset: \(file)")
        for line in report.lines { print("  \(line)") }
        print("embedder: \(parts.conversationMemory.embedder.model)")
        let kValues = ks.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let evaluator = try await RetrievalEvaluation(memory: parts.conversationMemory).run(dataset, ks: kValues) { line in
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        print(evaluator.report())
    }
}
