import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemEval

struct EvalExtractor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-extractor",
        abstract: "Measure the built-in extractor on a labelled JSONL set: precision and recall per field.",
        discussion: """
            Two formats are read. {message, facts, profile?} lines are scored exactly (field, op and the \
            set of items). {id, text, facts, alt_fields?, optional_facts?, kind, neg_type?} lines (the \
            development set's statements.jsonl) are scored as its score.py scores a running service: \
            accepted alternative fields, optional facts counting neither way, a value matching when one \
            contains the other after normalisation, removals checked on the resulting profile.
            """)

    @Argument(help: "Labelled messages, one JSON object per line.")
    var file = "Tests/PersonalMemTests/Fixtures/extraction_labelled.jsonl"

    @Flag(help: "Also print every false positive and every miss with its text.")
    var details = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let started = ContinuousClock.now
        let count: Int
        if LabelledStatement.isStatementLine(firstLine) {
            let statements = try LabelledStatement.load(from: url)
            let evaluation = StatementEvaluation(statements: statements)
            count = statements.count
            print(evaluation.report(details: details))
        } else {
            let examples = try ExtractorEvaluation.loadExamples(from: url)
            let evaluation = ExtractorEvaluation(examples: examples)
            count = examples.count
            print(evaluation.report(details: details, examples: examples))
        }
        let elapsed = ContinuousClock.now - started
        let perMessage = Double(elapsed.components.attoseconds) / 1e15 / Double(max(count, 1)) + Double(elapsed.components.seconds) * 1000 / Double(max(count, 1))
        print("time: \(elapsed) for \(count) messages (\(String(format: "%.3f", perMessage)) ms per message, scoring included)")
    }
}
