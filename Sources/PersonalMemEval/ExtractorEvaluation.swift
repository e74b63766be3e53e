import Foundation
import PersonalMem

/// One labelled message: what a careful reader says the user stated about themselves.
public struct LabelledExample: Sendable, Decodable {
    public var message: String
    /// Expected facts; empty for a message that should yield nothing.
    public var facts: [Fact]
    /// The profile before the message, as field to value; empty when absent.
    public var profile: [String: JSONValue]?

    public init(message: String, facts: [Fact], profile: [String: JSONValue]? = nil) {
        self.message = message
        self.facts = facts
        self.profile = profile
    }
}

/// Scores a `RuleExtractor` on labelled examples. A predicted fact is correct when its field and
/// operation match an expected one and the values hold the same items, compared case-insensitively.
public struct ExtractorEvaluation: Sendable {
    /// True and false positives and false negatives for one field or overall.
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        /// 1 when nothing was predicted.
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// 1 when nothing was expected.
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }

    /// An example the extractor did not get exactly right, by its position in the input.
    public struct Mismatch: Sendable {
        public let index: Int
        public let missed: [Fact]
        public let unexpected: [Fact]
    }

    public let perField: [String: Counts]
    /// Micro-averaged over all facts.
    public let overall: Counts
    public let examples: Int
    /// Examples expected to yield nothing.
    public let negatives: Int
    /// Negatives that yielded at least one fact.
    public let falseAlarms: Int
    public let mismatches: [Mismatch]

    /// Runs `extractor` on every example, each from its own starting profile.
    public init(examples: [LabelledExample], extractor: RuleExtractor = RuleExtractor(), catalog: FieldCatalog = .standard) {
        var perField: [String: Counts] = [:]
        var overall = Counts()
        var negatives = 0
        var falseAlarms = 0
        var mismatches: [Mismatch] = []
        for (index, example) in examples.enumerated() {
            let predicted = extractor.facts(in: example.message, profile: Self.profile(example.profile, catalog: catalog))
            var unmatched = predicted
            var missed: [Fact] = []
            for expected in example.facts {
                if let hit = unmatched.firstIndex(where: { Self.same($0, expected) }) {
                    unmatched.remove(at: hit)
                    perField[expected.field, default: Counts()].truePositives += 1
                    overall.truePositives += 1
                } else {
                    missed.append(expected)
                    perField[expected.field, default: Counts()].falseNegatives += 1
                    overall.falseNegatives += 1
                }
            }
            for fact in unmatched {
                perField[fact.field, default: Counts()].falsePositives += 1
                overall.falsePositives += 1
            }
            if example.facts.isEmpty {
                negatives += 1
                if !predicted.isEmpty { falseAlarms += 1 }
            }
            if !missed.isEmpty || !unmatched.isEmpty {
                mismatches.append(Mismatch(index: index, missed: missed, unexpected: unmatched))
            }
        }
        self.perField = perField
        self.overall = overall
        self.examples = examples.count
        self.negatives = negatives
        self.falseAlarms = falseAlarms
        self.mismatches = mismatches
    }

    /// Reads examples from JSON Lines: one `{"message", "facts": [{"field", "op", "value"}], "profile"?}` per line.
    public static func loadExamples(from url: URL) throws -> [LabelledExample] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            try decoder.decode(LabelledExample.self, from: Data(line.utf8))
        }
    }

    /// A table: per field tp, fp, fn, precision, recall, F1; then overall; then negatives. With
    /// `details` and the `examples` scored, every mismatch follows with the message's text.
    public func report(details: Bool = false, examples: [LabelledExample] = []) -> String {
        func row(_ label: String, _ counts: Counts) -> String {
            let numbers = [counts.truePositives, counts.falsePositives, counts.falseNegatives].map { pad(String($0), 4) }.joined(separator: " ")
            let ratios = [counts.precision, counts.recall, counts.f1].map { pad(String(format: "%.3f", $0), 9) }.joined(separator: " ")
            return pad(label, 24, left: true) + " " + numbers + " " + ratios
        }
        var lines = [pad("field", 24, left: true) + " " + ["tp", "fp", "fn"].map { pad($0, 4) }.joined(separator: " ") + " "
            + ["precision", "recall", "f1"].map { pad($0, 9) }.joined(separator: " ")]
        for field in perField.keys.sorted() {
            lines.append(row(field, perField[field]!))
        }
        lines.append(row("OVERALL (micro)", overall))
        lines.append("examples: \(self.examples), negatives: \(negatives), negatives with facts: \(falseAlarms)")
        if details {
            lines.append("")
            lines.append("MISMATCHES")
            for mismatch in mismatches where examples.indices.contains(mismatch.index) {
                lines.append("  \(examples[mismatch.index].message.debugDescription)")
                for fact in mismatch.unexpected { lines.append("    false positive: \(fact.field) \(fact.op.rawValue) \(fact.value?.jsonText ?? "")") }
                for fact in mismatch.missed { lines.append("    missed: \(fact.field) \(fact.op.rawValue) \(fact.value?.jsonText ?? "")") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let space = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + space : space + text
    }

    static func same(_ predicted: Fact, _ expected: Fact) -> Bool {
        predicted.field == expected.field && predicted.op == expected.op && itemKeys(predicted.value) == itemKeys(expected.value)
    }

    static func itemKeys(_ value: JSONValue?) -> Set<String> {
        guard let value else { return [] }
        return Set(FactBuilder.items(of: value).map(FieldCatalog.foldKey))
    }

    static func profile(_ raw: [String: JSONValue]?, catalog: FieldCatalog) -> Profile {
        var profile: Profile = [:]
        for (field, value) in raw ?? [:] {
            if let typed = try? catalog.validate(value, forField: field) { profile[field] = typed }
        }
        return profile
    }
}
