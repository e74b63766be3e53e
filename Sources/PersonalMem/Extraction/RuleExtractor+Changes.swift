import Foundation

/// Stated changes: "I used to X but …", "I lost my job as X", "I dropped out of X", "my husband
/// died", "we broke up", and any removal whose value the profile holds under another spelling.
enum Changes {
    private static let usedTo = Pattern(#"\bi\s+used\s+to\s+(.+?)(?:\s*,?\s+but\b|\s*,\s*(?:but\s+)?(?:now|these\s+days|nowadays)\b|\s*,?\s+and\s+(?:now|no\s+longer)\b|\s*[;.]\s*(?:now|these\s+days|nowadays)\b)"#)
    private static let lostJob = Pattern(#"\bi\s+(?:just\s+|recently\s+|finally\s+)?(?:lost|quit|left|resigned\s+from|got\s+fired\s+from|was\s+fired\s+from|got\s+laid\s+off\s+from|was\s+laid\s+off\s+from)\s+my\s+(?:job|position|career|work)\s+as\s+(?:an?\s+|the\s+)?(.+)"#)
    private static let droppedOut = Pattern(#"\bi\s+(?:just\s+|recently\s+|finally\s+)?dropped\s+out\s+of\s+(?:the\s+|my\s+)?(.+)"#)
    private static let bereaved = Pattern(#"\bmy\s+(?:late\s+)?(?:husband|wife|spouse)\s+(?:died|passed\s+away|passed)\b|\bi(?:'m|\s+am)\s+(?:now\s+)?(?:a\s+)?(?:widowed|widow|widower)\b"#)
    private static let brokeUp = Pattern(#"\bi\s+(?:just\s+|recently\s+|finally\s+)?(?:broke\s+up\s+with|split\s+up\s+with|split\s+from|left|divorced)\s+my\s+(?:girlfriend|boyfriend|partner|fiance|fiancé|fiancee|fiancée|wife|husband)\b|\b(?:my\s+(?:girlfriend|boyfriend|partner)\s+and\s+i|we)\s+(?:just\s+|recently\s+)?(?:broke\s+up|split\s+up)\b"#)
    private static let meatAgain = Pattern(#"\b(?:started|start|began)\s+eating\s+(?:meat|chicken|fish|beef)\s+again\b|\bi(?:'m|\s+am)\s+eating\s+meat\s+again\b"#)

    /// The sentence with an "I used to X but" opening removed, and the removals it states.
    static func usedToChange(_ sentence: String, _ context: RuleContext) -> (rest: String, facts: [Fact])? {
        guard let groups = usedTo.match(sentence), let past = groups[1], let whole = groups[0] else { return nil }
        let pastClause = past.lowercased().hasPrefix("be ") ? "I'm " + past.dropFirst(3) : "I " + past
        let stated = EnglishRules.positiveFacts(pastClause, context)
        var facts = FactBuilder.removals(of: stated, profile: context.profile)
        if facts.isEmpty { facts = fromProfile(pastClause, context.profile) }
        var rest = TextTools.trimmed(sentence.replacingOccurrences(of: whole, with: whole.lowercased().hasSuffix("but") ? "" : " "))
        if let first = rest.split(separator: " ").first?.lowercased(), !["i", "i'm", "im", "i've", "my", "now", "these", "nowadays", "and", "but"].contains(first), rest.first?.isLowercase == true {
            rest = "I " + rest
        }
        return (rest, facts)
    }

    /// Changes stated by a clause of their own; nil when the clause states none.
    static func facts(_ clause: String, _ context: RuleContext) -> [Fact]? {
        if let groups = lostJob.match(clause), let role = Values.scalar(groups[1]) {
            return FactBuilder.removals(of: [FactBuilder.fact("role", role)].compactMap { $0 }, profile: context.profile)
        }
        if let groups = droppedOut.match(clause), let school = Values.scalar(groups[1]) {
            let field = ["education", "university", "degree"].first { context.profile[$0] != nil } ?? "education"
            return FactBuilder.removals(of: [FactBuilder.fact(field, school)].compactMap { $0 }, profile: context.profile)
        }
        if bereaved.matches(clause) || brokeUp.matches(clause) {
            return [Fact(field: "relationship_status", op: .clear)] + (brokeUp.matches(clause) ? [Fact(field: "partner_name", op: .clear)] : [])
        }
        if meatAgain.matches(clause), case .text(let diet)? = context.profile["diet"],
            ["vegetarian", "vegan", "pescatarian", "plant"].contains(where: { diet.lowercased().contains($0) }) {
            return [Fact(field: "diet", op: .remove, value: .string(diet))]
        }
        return nil
    }

    /// Removals of whatever the profile holds that the clause names: the fallback for a stated
    /// change ("I no longer camp") no rule reads. A stored value counts when its words appear in
    /// the clause in order.
    static func fromProfile(_ clause: String, _ profile: Profile) -> [Fact] {
        let words = LenientMatch.tokens(clause)
        var facts: [Fact] = []
        for field in profile.keys.sorted() {
            switch profile[field] {
            case .list(let items)?:
                let named = items.filter { mentioned($0, in: words) }
                if !named.isEmpty { facts.append(Fact(field: field, op: .remove, value: .array(named.map(JSONValue.string)))) }
            case .text(let text)? where mentioned(text, in: words):
                facts.append(Fact(field: field, op: .remove, value: .string(text)))
            default:
                continue
            }
        }
        return facts
    }

    static func mentioned(_ value: String, in words: [String]) -> Bool {
        let needle = LenientMatch.tokens(value)
        return !needle.isEmpty && value.count >= 2 && LenientMatch.contains(words, needle)
    }
}
