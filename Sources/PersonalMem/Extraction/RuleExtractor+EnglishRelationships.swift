import Foundation

/// English rules about pets, family and partners.
extension EnglishRules {
    private static let capitalName = #"([A-Z][\p{L}'\-]+)"#
    private static let names = #"([\p{L}][\p{L}'\-]*(?:\s*(?:,|and|&)\s*[\p{L}][\p{L}'\-]*)*)"#
    private static let count = #"(a|an|one|two|three|four|five|six|\d+)"#
    private static let pets = alternation(Vocabulary.pets)
    private static let relatives = alternation(Vocabulary.familyRelations)
    private static let partners = alternation(Array(Vocabulary.partnerWords))
    private static let siblingModifier = #"((?:(?:younger|older|little|big|baby|elder|twin)\s+)?)"#

    // MARK: Relationships

    static let relationships: [Rule] = [
        Rule(#"\bmy\s+(?:\p{L}+\s+)?\#(pets)\s+(?:(?i:\#(capitalName))\s+)?(?:died|passed\s+away|passed|ran\s+away)\b"#) { g, c in
            guard let kind = g[1]?.lowercased() else { return [] }
            let name = Values.name(g[2], c)
            return [FactBuilder.list("pets", [name.map { "\(kind): \($0)" } ?? kind], op: .remove)]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:have|got|own|adopted|rescued|have\s+got)\s+\#(count)\s+((?:[\p{L}-]+\s+){0,2}?)\#(pets)(s|es)?\b(?:\s*,?\s*(?:named|called)\s+\#(names)|\s*,\s+(?-i:(?=[A-Z]))\#(names)\s*$)?"#) { g, c in
            [Pets.fact(count: g[1], kind: g[3], plural: g[4], names: g[5] ?? g[6], c)]
        },
        Rule(#"\bmy\s+\#(pets)(?:'s\s+name\s+is|\s+is\s+(?:called|named))\s+\#(name)"#) { g, c in
            [Pets.fact(count: "a", kind: g[1], plural: nil, names: g[2], c)]
        },
        Rule(#"(?i:\bmy\s+(?:[\p{L}-]+\s+)?)(?i:\#(pets)),?\s+\#(capitalName)\b"#, caseSensitive: true) { g, c in
            [Pets.fact(count: "a", kind: g[1], plural: nil, names: g[2], c)]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:have|got)\s+\#(count)\s+\#(siblingModifier)\#(relatives)(s)?\b(?:\s*,?\s*(?:named|called)\s+\#(names))?"#) { g, c in
            [Family.fact(count: g[1], modifier: g[2], relation: g[3], plural: g[4], names: g[5], c)]
        },
        Rule(#"\bwith\s+(?:my\s+)?(two|three|four|five|six|\d+)\s+\#(siblingModifier)\#(relatives)(s)\b"#) { g, c in
            [Family.fact(count: g[1], modifier: g[2], relation: g[3], plural: g[4], names: nil, c)]
        },
        Rule(#"\bmy\s+\#(siblingModifier)\#(relatives)(?:'s\s+name\s+is|\s+is\s+(?:called|named))\s+\#(name)"#) { g, c in
            [Family.fact(count: "a", modifier: g[1], relation: g[2], plural: nil, names: g[3], c)]
        },
        Rule(#"(?i:\bmy\s+)(?i:\#(siblingModifier))(?i:\#(relatives))(?:(?i:\s+is)\s+\#(capitalName)\s*$|,?\s+\#(capitalName)\b)"#, caseSensitive: true) { g, c in
            [Family.fact(count: "a", modifier: g[1], relation: g[2], plural: nil, names: g[3] ?? g[4], c)]
        },
        Rule(#"\bmy\s+\#(partners)(?:'s\s+name\s+is|\s+is\s+(?:called|named))\s+\#(name)"#) { g, c in [FactBuilder.fact("partner_name", Values.name(g[2], c))] },
        Rule(#"(?i:\bmy\s+)(?i:\#(partners))(?:(?i:\s+is)\s+\#(capitalName)\s*$|,?\s+\#(capitalName)\b)"#, caseSensitive: true) { g, c in
            [FactBuilder.fact("partner_name", Values.name(g[2] ?? g[3], c))]
        },
        Rule(#"\#(iAm)\d{1,3},\s+(married|single|divorced|engaged|widowed)\b"#) { g, _ in [FactBuilder.fact("relationship_status", g[1]?.lowercased())] },
        Rule(#"\#(iAm)\#(adverbs)(married|single|divorced|engaged|widowed|separated)\b(?![-\w])(?:\s+to\s+\#(name))?"#) { g, c in
            [FactBuilder.fact("relationship_status", g[1]?.lowercased()), FactBuilder.fact("spouse_name", Values.name(g[2], c))]
        },
    ]
}

/// Pets: "dog: Max", "cat", "two cats".
enum Pets {
    static func fact(count: String?, kind: String?, plural: String?, names: String?, _ context: RuleContext) -> Fact? {
        guard let kind = kind?.lowercased() else { return nil }
        let number = count.flatMap { Vocabulary.countWords[$0.lowercased()] ?? Int($0) } ?? 1
        if let names {
            let list = names.components(separatedBy: CharacterSet(charactersIn: ",&")).flatMap { $0.components(separatedBy: " and ") }
                .compactMap { Values.name($0, context) }
            guard !list.isEmpty else { return nil }
            return FactBuilder.list("pets", list.map { "\(kind): \($0)" })
        }
        if number == 1 || plural == nil { return FactBuilder.list("pets", [kind]) }
        return FactBuilder.list("pets", ["\(count ?? "") \(kind)\(plural ?? "")"])
    }
}

/// Family: "wife: Anna", "younger brother", "two sisters".
enum Family {
    static func fact(count: String?, modifier: String?, relation: String?, plural: String?, names: String?, _ context: RuleContext) -> Fact? {
        guard let relation = relation?.lowercased() else { return nil }
        let kind = ((modifier ?? "").lowercased() + " " + relation).split(separator: " ").joined(separator: " ")
        if let names {
            let list = names.components(separatedBy: CharacterSet(charactersIn: ",&")).flatMap { $0.components(separatedBy: " and ") }
                .compactMap { Values.name($0, context) }
            guard !list.isEmpty else { return nil }
            return FactBuilder.list("family", list.map { "\(kind): \($0)" })
        }
        let number = count.flatMap { Vocabulary.countWords[$0.lowercased()] ?? Int($0) } ?? 1
        if number == 1 { return FactBuilder.list("family", [kind]) }
        return FactBuilder.list("family", ["\(count ?? "") \(kind)\(plural ?? "")"])
    }
}