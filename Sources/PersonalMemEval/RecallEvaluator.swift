import Foundation
import PersonalMem

/// Collects any@k and recall@k of retrieved evidence per retrieval method and question category.
///
/// For each question, recall@k is the fraction of its evidence ids found among the top k
/// retrieved: turn ids when the question has turn-level evidence, else session ids (the sessions of
/// the top k retrieved turns, in order, without repeats). any@k is 1 when at least one evidence id
/// is among them (recall@k > 0), else 0. Aggregates are means over questions.
public struct RecallEvaluator: Sendable {
    /// The cut-offs measured.
    public let ks: [Int]

    private struct Tally: Sendable {
        var questions = 0
        var sums: [Double]
        var hits: [Double]
    }

    private struct Key: Sendable, Hashable {
        var method: String
        var category: String
    }

    private var tallies: [Key: Tally] = [:]
    private var methodOrder: [String] = []
    private var categoryOrder: [String] = []

    /// The category label of the all-questions rows.
    public static let allCategories = "all"

    public init(ks: [Int] = [1, 5, 10]) {
        self.ks = ks.filter { $0 > 0 }.sorted()
    }

    /// Recall at each of `ks` for one question, given ranked retrieved turn ids and the conversation
    /// they come from (to map turns to sessions). Nil when the question has no evidence.
    public static func recalls(
        question: EvalQuestion, rankedTurnIDs: [String], sessionOfTurn: [String: String], ks: [Int]
    ) -> [Double]? {
        if !question.evidenceTurnIDs.isEmpty {
            return recalls(evidence: question.evidenceTurnIDs, ranked: rankedTurnIDs, ks: ks)
        }
        guard !question.evidenceSessionIDs.isEmpty else { return nil }
        return ks.map { k in
            var sessions: [String] = []
            for turn in rankedTurnIDs.prefix(k) {
                if let session = sessionOfTurn[turn], !sessions.contains(session) { sessions.append(session) }
            }
            return recall(evidence: question.evidenceSessionIDs, retrieved: sessions)
        }
    }

    /// Recall at each of `ks`: the fraction of `evidence` among the first k of `ranked`.
    public static func recalls(evidence: [String], ranked: [String], ks: [Int]) -> [Double] {
        ks.map { recall(evidence: evidence, retrieved: Array(ranked.prefix($0))) }
    }

    private static func recall(evidence: [String], retrieved: [String]) -> Double {
        let wanted = Set(evidence)
        guard !wanted.isEmpty else { return 0 }
        return Double(wanted.intersection(retrieved).count) / Double(wanted.count)
    }

    /// Records one question's ranked turn ids for `method`. Questions without evidence are ignored.
    public mutating func record(
        method: String, question: EvalQuestion, rankedTurnIDs: [String], sessionOfTurn: [String: String]
    ) {
        guard let values = Self.recalls(question: question, rankedTurnIDs: rankedTurnIDs, sessionOfTurn: sessionOfTurn, ks: ks) else { return }
        record(method: method, category: question.category, recalls: values)
    }

    /// Records one question's recall values (one per k in `ks`) for `method` and `category`.
    public mutating func record(method: String, category: String, recalls values: [Double]) {
        precondition(values.count == ks.count, "one recall per k")
        if !methodOrder.contains(method) { methodOrder.append(method) }
        if category != Self.allCategories, !categoryOrder.contains(category) { categoryOrder.append(category) }
        for key in [Key(method: method, category: category), Key(method: method, category: Self.allCategories)] {
            var tally = tallies[key] ?? Tally(sums: Array(repeating: 0, count: ks.count), hits: Array(repeating: 0, count: ks.count))
            tally.questions += 1
            for (i, value) in values.enumerated() {
                tally.sums[i] += value
                if value > 0 { tally.hits[i] += 1 }
            }
            tallies[key] = tally
        }
    }

    /// Methods in the order first recorded.
    public var methods: [String] { methodOrder }

    /// Categories, sorted (numerically when they are numbers).
    public var categories: [String] {
        categoryOrder.sorted { a, b in
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
    }

    /// Mean recall@k for a method over one category (or `allCategories`); nil when nothing was
    /// recorded or `k` is not measured.
    public func recall(method: String, category: String = RecallEvaluator.allCategories, k: Int) -> Double? {
        guard let index = ks.firstIndex(of: k), let tally = tallies[Key(method: method, category: category)],
              tally.questions > 0 else { return nil }
        return tally.sums[index] / Double(tally.questions)
    }

    /// any@k for a method over one category (or `allCategories`): the share of questions with at
    /// least one evidence id in the top k; nil when nothing was recorded or `k` is not measured.
    public func any(method: String, category: String = RecallEvaluator.allCategories, k: Int) -> Double? {
        guard let index = ks.firstIndex(of: k), let tally = tallies[Key(method: method, category: category)],
              tally.questions > 0 else { return nil }
        return tally.hits[index] / Double(tally.questions)
    }

    /// Number of questions recorded for a method and category.
    public func questionCount(method: String, category: String = RecallEvaluator.allCategories) -> Int {
        tallies[Key(method: method, category: category)]?.questions ?? 0
    }

    /// A plain-text table: one row per method and category (then "all"), columns n, any@k (share of
    /// questions with any evidence in the top k) and R@k (mean fraction of the evidence in the top k).
    public func report() -> String {
        let header = ["method", "category", "n"] + ks.map { "any@\($0)" } + ks.map { "R@\($0)" }
        var rows: [[String]] = []
        for method in methodOrder {
            for category in categories + [Self.allCategories] {
                let n = questionCount(method: method, category: category)
                guard n > 0 else { continue }
                let anys = ks.map { k in any(method: method, category: category, k: k).map { String(format: "%.3f", $0) } ?? "-" }
                let fractions = ks.map { k in recall(method: method, category: category, k: k).map { String(format: "%.3f", $0) } ?? "-" }
                rows.append([method, category, String(n)] + anys + fractions)
            }
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
