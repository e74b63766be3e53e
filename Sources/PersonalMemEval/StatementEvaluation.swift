import Foundation
import PersonalMem

/// One statement of a richer labelled set (the development set's `statements.jsonl`): required
/// facts, accepted alternative fields, optional facts that count neither way, and for negatives
/// the kind of statement it is (question, other person, hypothetical …).
public struct LabelledStatement: Sendable, Decodable {
    public struct Label: Sendable, Decodable {
        public var field: String
        public var op: Fact.Operation
        public var value: JSONValue
    }

    public var id: String
    public var text: String
    public var facts: [Label]
    public var altFields: [String: [String]]
    public var optionalFacts: [Label]
    /// "fact" or "negative".
    public var kind: String
    public var negativeType: String?
    public var lang: String?

    enum CodingKeys: String, CodingKey {
        case id, text, facts, kind, lang
        case altFields = "alt_fields", optionalFacts = "optional_facts", negativeType = "neg_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        text = try container.decode(String.self, forKey: .text)
        facts = try container.decodeIfPresent([Label].self, forKey: .facts) ?? []
        altFields = try container.decodeIfPresent([String: [String]].self, forKey: .altFields) ?? [:]
        optionalFacts = try container.decodeIfPresent([Label].self, forKey: .optionalFacts) ?? []
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? (facts.isEmpty ? "negative" : "fact")
        negativeType = try container.decodeIfPresent(String.self, forKey: .negativeType)
        lang = try container.decodeIfPresent(String.self, forKey: .lang)
    }

    /// Reads JSON Lines, one statement per line.
    public static func load(from url: URL) throws -> [LabelledStatement] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            try decoder.decode(LabelledStatement.self, from: Data(line.utf8))
        }
    }

    /// True when the line is in this format rather than `{message, facts, profile}`.
    public static func isStatementLine(_ line: Substring) -> Bool {
        guard case .object(let members)? = try? JSONValue.parse(Data(line.utf8)) else { return false }
        return members["text"] != nil && members["message"] == nil
    }
}

/// Scores an extractor on labelled statements the way the development set's `score.py` scores a
/// running service: each statement starts from a fresh profile holding the values its removals
/// name, the extracted facts are validated and merged as the service does, and the (field, value)
/// pairs that are new afterwards are the predictions, list items one by one.
public struct StatementEvaluation: Sendable {
    /// A wrong or missing pair, with the statement it came from.
    public struct Miss: Sendable {
        public let id: String
        public let text: String
        public let field: String
        public let value: String
        public let negative: Bool
    }

    public private(set) var overall = ExtractorEvaluation.Counts()
    public private(set) var perField: [String: ExtractorEvaluation.Counts] = [:]
    /// Per negative type: how many statements, how many yielded a pair that is not optional.
    public private(set) var perNegativeType: [String: (statements: Int, withFacts: Int)] = [:]
    public private(set) var removalsApplied = 0
    public private(set) var removals = 0
    public private(set) var negatives = 0
    public private(set) var negativesWithFacts = 0
    /// Pairs matching only an optional fact (counted neither way).
    public private(set) var ignored = 0
    public private(set) var falsePositives: [Miss] = []
    public private(set) var misses: [Miss] = []
    public let statements: Int

    public init(statements: [LabelledStatement], extractor: RuleExtractor = RuleExtractor(), catalog: FieldCatalog = .standard) {
        self.statements = statements.count
        let merger = ProfileMerger(catalog: catalog)
        for statement in statements {
            let seeded = Self.seed(statement.facts.filter { $0.op == .remove }, catalog: catalog)
            let facts = extractor.facts(in: statement.text, profile: seeded)
            let after = merger.apply(catalog.validate(facts).valid, to: seeded).profile
            score(statement, before: Self.pairs(seeded), after: Self.pairs(after))
        }
    }

    private mutating func score(_ statement: LabelledStatement, before: [(String, String)], after: [(String, String)]) {
        let alternatives = Dictionary(statement.altFields.map { (LenientMatch.fieldKey($0.key), $0.value) }, uniquingKeysWith: +)
        let required = statement.facts.filter { $0.op != .remove }
        let negative = statement.kind == "negative"
        func matches(_ pair: (String, String), _ label: LabelledStatement.Label) -> Bool {
            let field = LenientMatch.fieldKey(label.field)
            return LenientMatch.fieldMatches(pair.0, label: field, alternatives: alternatives[field] ?? [])
                && Self.texts(label.value).contains { LenientMatch.valueMatches(pair.1, $0, field: field) }
        }
        var matched = Array(repeating: false, count: required.count)
        var wrong = 0
        for pair in Self.difference(after, before) {
            let hits = required.indices.filter { matches(pair, required[$0]) }
            if let first = hits.first {
                hits.forEach { matched[$0] = true }
                overall.truePositives += 1
                perField[LenientMatch.fieldKey(required[first].field), default: .init()].truePositives += 1
            } else if statement.optionalFacts.contains(where: { matches(pair, $0) }) {
                ignored += 1
            } else {
                wrong += 1
                overall.falsePositives += 1
                perField[pair.0, default: .init()].falsePositives += 1
                falsePositives.append(Miss(id: statement.id, text: statement.text, field: pair.0, value: pair.1, negative: negative))
            }
        }
        for (index, label) in required.enumerated() where !matched[index] {
            overall.falseNegatives += 1
            perField[LenientMatch.fieldKey(label.field), default: .init()].falseNegatives += 1
            misses.append(Miss(id: statement.id, text: statement.text, field: label.field, value: Self.texts(label.value).joined(separator: ", "), negative: negative))
        }
        for label in statement.facts where label.op == .remove {
            let field = LenientMatch.fieldKey(label.field)
            let key = field + " (remove)"
            removals += 1
            let still = after.contains { pair in pair.0 == field && Self.texts(label.value).contains { LenientMatch.valueMatches(pair.1, $0, field: field) } }
            if still {
                overall.falseNegatives += 1
                perField[key, default: .init()].falseNegatives += 1
                misses.append(Miss(id: statement.id, text: statement.text, field: key, value: Self.texts(label.value).joined(separator: ", "), negative: negative))
            } else {
                removalsApplied += 1
                overall.truePositives += 1
                perField[key, default: .init()].truePositives += 1
            }
        }
        if negative {
            negatives += 1
            let type = statement.negativeType ?? "unspecified"
            let current = perNegativeType[type] ?? (0, 0)
            perNegativeType[type] = (current.statements + 1, current.withFacts + (wrong > 0 ? 1 : 0))
            if wrong > 0 { negativesWithFacts += 1 }
        }
    }

    /// The profile a statement starts from: the values its removals take away, stored as a batch would.
    static func seed(_ removals: [LabelledStatement.Label], catalog: FieldCatalog) -> Profile {
        var raw: [String: JSONValue] = [:]
        for label in removals {
            guard let definition = catalog.definition(for: label.field, proposedValue: label.value) else { continue }
            if definition.kind == .list {
                let items: [JSONValue] = if case .array(let list) = label.value { list } else { [label.value] }
                if case .array(let old)? = raw[label.field] { raw[label.field] = .array(old + items) } else { raw[label.field] = .array(items) }
            } else {
                raw[label.field] = label.value
            }
        }
        var profile: Profile = [:]
        for (field, value) in raw {
            if let definition = catalog.definition(for: field, proposedValue: value), let typed = try? catalog.validate(value, for: definition) {
                profile[field] = typed
            }
        }
        return profile
    }

    /// A profile as (field, value) pairs: list items and object members one by one.
    static func pairs(_ profile: Profile) -> [(String, String)] {
        profile.sorted { $0.key < $1.key }.flatMap { field, value -> [(String, String)] in
            let key = LenientMatch.fieldKey(field)
            switch value {
            case .list(let items): return items.map { (key, $0) }
            case .objects(let objects): return objects.flatMap { $0.map { (LenientMatch.fieldKey($0.key), $0.value) } }
            default: return [(key, value.displayText)]
            }
        }
    }

    /// Pairs in `after` that were not in `before`, compared on normalised values.
    static func difference(_ after: [(String, String)], _ before: [(String, String)]) -> [(String, String)] {
        func key(_ pair: (String, String)) -> String {
            let tokens = LenientMatch.tokens(pair.1, field: pair.0).joined(separator: " ")
            return pair.0 + "\u{1}" + (tokens.isEmpty ? pair.1.lowercased() : tokens)
        }
        var left: [String: Int] = [:]
        for pair in before { left[key(pair), default: 0] += 1 }
        return after.filter { pair in
            let k = key(pair)
            guard let count = left[k], count > 0 else { return true }
            left[k] = count - 1
            return false
        }
    }

    static func texts(_ value: JSONValue) -> [String] {
        FactBuilder.items(of: value)
    }
}
