import Foundation
import PersonalMem

extension StatementEvaluation {
    /// Overall precision, recall and F1; removals; negatives per type; a per-field table; with
    /// `details`, every false positive and every miss with its statement's text.
    public func report(details: Bool = false) -> String {
        func ratio(_ value: Double) -> String { String(format: "%.3f", value) }
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        func row(_ label: String, _ counts: ExtractorEvaluation.Counts) -> String {
            pad(label, 28, left: true) + [counts.truePositives, counts.falsePositives, counts.falseNegatives].map { pad(String($0), 5) }.joined()
                + [counts.precision, counts.recall, counts.f1].map { pad(ratio($0), 8) }.joined()
        }
        var lines = ["statements: \(statements), negatives: \(negatives)", "",
                     pad("", 28, left: true) + ["tp", "fp", "fn"].map { pad($0, 5) }.joined() + ["prec", "rec", "f1"].map { pad($0, 8) }.joined(),
                     row("OVERALL (lenient)", overall),
                     "optional facts extracted (ignored): \(ignored)",
                     "removals applied: \(removalsApplied)/\(removals)",
                     "negatives yielding a fact: \(negativesWithFacts)/\(negatives)" + (negatives > 0 ? String(format: " (%.1f %%)", 100 * Double(negativesWithFacts) / Double(negatives)) : ""),
                     "", "PER NEGATIVE TYPE (statements with a false positive)"]
        for type in perNegativeType.keys.sorted() {
            let entry = perNegativeType[type]!
            lines.append("  " + pad(type, 26, left: true) + "\(entry.withFacts)/\(entry.statements)")
        }
        lines += ["", "PER FIELD (tp/fn by labelled field, fp by predicted field)"]
        let fields = perField.keys.sorted { a, b in
            let (ca, cb) = (perField[a]!, perField[b]!)
            let (na, nb) = (ca.truePositives + ca.falseNegatives, cb.truePositives + cb.falseNegatives)
            return na != nb ? na > nb : a < b
        }
        for field in fields { lines.append(row("  " + field, perField[field]!)) }
        if details {
            lines += ["", "FALSE POSITIVES"]
            for miss in falsePositives { lines.append("  \(miss.id)\(miss.negative ? " (negative)" : "")  \(miss.field) = \(miss.value.debugDescription)  <- \(miss.text.debugDescription)") }
            lines += ["", "MISSES"]
            for miss in misses { lines.append("  \(miss.id)  \(miss.field) = \(miss.value.debugDescription)  <- \(miss.text.debugDescription)") }
        }
        return lines.joined(separator: "\n")
    }
}
