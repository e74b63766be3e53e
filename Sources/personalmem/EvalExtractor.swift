import ArgumentParser
import Foundation
import PersonalMem

struct EvalExtractor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-extractor",
        abstract: "Measure the built-in extractor on a labelled JSONL set: precision and recall per field.")

    @Argument(help: "Labelled messages, one JSON object per line: {message, facts, profile?}.")
    var file = "Tests/PersonalMemTests/Fixtures/extraction_labelled.jsonl"

    func run() throws {
        let examples = try ExtractorEvaluation.loadExamples(from: URL(fileURLWithPath: file))
        let started = ContinuousClock.now
        let evaluation = ExtractorEvaluation(examples: examples)
        let elapsed = ContinuousClock.now - started
        print(evaluation.report())
        print("time: \(elapsed) for \(examples.count) messages")
    }
}
