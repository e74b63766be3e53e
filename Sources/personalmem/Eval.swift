import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemEval
import PersonalMemServer
import Synchronization

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "any@k and recall@k of retrieval (dense, keyword, hybrid) on a LongMemEval or LoCoMo (locomo10.json) file, per question category.")

    @OptionGroup var options: ConfigurationOptions
    @Argument(help: "The benchmark file (format detected from its content).") var file: String
    @Option(help: "Only the first N conversations.") var limit: Int?
    @Option(help: "k values, comma-separated.") var ks = "1,5,10"
    @Option(help: "Question categories to ask, comma-separated, or 'all' (default: 1,2,3,4 for LoCoMo, whose category 5 is adversarial; all for LongMemEval).")
    var categories: String?
    @Option(help: "Write one JSON line per question to this file: question, evidence, top ids and first hit per method.")
    var details: String?

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
        let chosen: Set<String>? =
            switch categories?.lowercased() {
            case "all"?: nil
            case let list?: Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            case nil: report.format == EvalFormat.locomo.rawValue ? ["1", "2", "3", "4"] : nil
            }
        print("dataset: \(file)")
        for line in report.lines { print("  \(line)") }
        print("embedder: \(parts.conversationMemory.embedder.model)")
        print("categories: \(chosen.map { $0.sorted().joined(separator: ",") } ?? "all")")

        var evalOptions = RetrievalEvaluation.Options(
            ks: ks.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }, categories: chosen)
        let sink = try details.map { try DetailsFile(path: $0) }
        if let sink { evalOptions.onResult = { sink.write($0) } }
        let evaluator = try await RetrievalEvaluation(memory: parts.conversationMemory).run(dataset, options: evalOptions) { line in
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        try sink?.close()
        print(evaluator.report())
    }
}

/// The `--details` file: one JSON object per question, written as results arrive.
final class DetailsFile: Sendable {
    private let handle: Mutex<FileHandle>

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationError("cannot create \(path)")
        }
        handle = Mutex(try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
    }

    func write(_ result: RetrievalEvaluation.QuestionResult) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(result) else { return }
        handle.withLock { $0.write(data + Data("\n".utf8)) }
    }

    func close() throws {
        try handle.withLock { try $0.close() }
    }
}
