import Foundation

/// What a rule sees besides its match.
struct RuleContext {
    let profile: Profile
    /// The user writes without capitals, so proper nouns cannot be told by their first letter.
    let lowercaseOnly: Bool
}

/// One pattern and what its captures mean.
struct Rule: Sendable {
    let pattern: Pattern
    let build: @Sendable ([String?], RuleContext) -> [Fact?]

    init(_ source: String, caseSensitive: Bool = false, _ build: @escaping @Sendable ([String?], RuleContext) -> [Fact?]) {
        self.pattern = Pattern(source, caseSensitive: caseSensitive)
        self.build = build
    }
}

/// English statements about the user, clause by clause.
enum EnglishRules {
    // MARK: Filters

    private static let questionStart = Pattern(#"^(?:what|who|where|when|why|how|which|do|does|did|can|could|would|should|is|are|am|will|have|has|was|were|shall|whats|isn't|aren't|don't|doesn't|didn't|won't|can't|wouldn't|any idea|guess)\b"#)
    private static let sentenceHypothetical = Pattern(#"\b(?:if|unless|whether|suppose|supposing|imagine|pretend|in case|dreamt|dreamed|dream|wonder|wondering)\b"#)
    private static let reported = Pattern(#"\b(?:said|says|told|tells|asked|asks|claims?|claimed|thinks|believes|according to|mentioned|wrote|writes|texted|replied|reckons|insists)\b"#)
    private static let hypothetical = Pattern(#"\b(?:would|could|might|maybe|perhaps|wish|wished|hope|hoping|hopefully|wanna|want to|wants to|wanted to|planning|plan to|plans to|planned|thinking (?:about|of)|considering|someday|some day|one day|probably|should|shall|gonna|used to|supposed to|eventually|soon|next (?:year|month|week|summer|spring|fall|autumn|winter))\b|\b(?:i|we|you|it|that|this|he|she|they) will\b|'ll\b|\bi'd\b|(?:\bam|'m|\bare|\bis) going to\b(?! (?:the|a|an|my|work|school|college|university|church|bed)\b)|(?<!in |of |since |last |next |early |late |until |from )\bmay\b(?! \d)"#)
    private static let lead = Pattern(#"^(?:(?:oh|ah|well|so|ok|okay|yeah|yes|yep|no|nope|hmm+|um+|uh|btw|by the way|also|and|plus|anyway|anyways|oops|sorry|wait|actually|correction|update|fun fact|fyi|just so you know|for the record|to be clear|to clarify|quick update|honestly|lol|haha+|in fact|now|currently|these days|nowadays|at the moment|right now|as of (?:now|today)|recently|lately|let me correct myself|i misspoke|my bad|i meant|i mean|please remember|remember|please note|note|keep in mind|i should mention|i forgot to mention|let me tell you|news|guess what)\b[,:!.\-–]*\s*)+(?:that\s+)?"#)
    private static let greeting = Pattern(#"^(?:(?:hi|hello|hey|hiya|greetings|yo|good (?:morning|afternoon|evening))(?:\s+there|\s+everyone|\s+all)?[,!.]*\s*)(?:i'm|i am|im|this is|it's|my name's)\s+([a-z][\p{L}'\-]+(?:\s+[a-z][\p{L}'\-]+)?)\s*(?:[,.!]|$|\s+and\b|\s+here\b)"#)
    private static let introduction = Pattern(#"^(?:i'm|i am)\s+([a-z][\p{L}'\-]+(?:\s+[a-z][\p{L}'\-]+)?)\s*(?:,|$|\.$|\s+and\b)"#)

    // MARK: Clauses

    private static let clauseBreak = Pattern(#",?\s+(?:and|but|so|because|although|though|while|whereas|plus|yet)\s+(?=(?:(?:now|also|currently|then|actually|recently|still)\s+)*(?:i|i'm|i've|im|my)\b)|,\s+(?=(?:i|i'm|i've|im|my)\b)|\s*[:—–]\s+|\s+-\s+"#)
    private static let subjectlessBreak = Pattern(#",?\s+(?:and|but)\s+(?=(?:also\s+|now\s+|currently\s+)?(?:work|live|love|like|enjoy|speak|play|study|hate|have|grew|moved|am|code|teach|own)\b)"#)
    private static let freeTime = Pattern(#",?\s*\b(?:in|during)\s+my\s+(?:free|spare|leisure)\s+time\b,?"#)

    static func facts(in sentence: String, profile: Profile) -> [Fact] {
        let stripped = lead.replacing(in: sentence, with: "")
        guard !sentence.contains("?"), !questionStart.matches(stripped),
            !sentenceHypothetical.matches(sentence), !reported.matches(sentence)
        else { return [] }
        let context = RuleContext(profile: profile, lowercaseOnly: isLowercaseOnly(sentence))
        var facts: [Fact] = []
        if let groups = greeting.match(sentence) ?? introduction.match(TextTools.trimmed(stripped) + ","), let name = introducedName(groups[1], context) {
            facts.append(Fact(field: "name", op: .set, value: .string(name)))
        }
        let split = subjectlessBreak.replacing(in: sentence, with: " ; I ")
        for clause in split.split(separator: ";").flatMap({ clauseBreak.split(String($0)) }) {
            facts += clauseFacts(clause, context)
        }
        return facts
    }

    private static let pronoun = Pattern(#"\bI\b"#, caseSensitive: true)

    private static func isLowercaseOnly(_ sentence: String) -> Bool {
        let withoutPronoun = pronoun.replacing(in: sentence, with: "")
        return !withoutPronoun.dropFirst().contains { $0.isUppercase }
    }

    private static func introducedName(_ raw: String?, _ context: RuleContext) -> String? {
        guard let raw, TextTools.startsUppercase(raw) else { return nil }
        return Values.name(raw, context)
    }

    private static func clauseFacts(_ raw: String, _ context: RuleContext) -> [Fact] {
        var clause = TextTools.trimmed(lead.replacing(in: TextTools.trimmed(raw), with: ""))
        guard !clause.isEmpty, !hypothetical.matches(clause) else { return [] }
        if let positive = Negation.positive(of: clause) {
            return FactBuilder.removals(of: statementFacts(positive, context), profile: context.profile)
        }
        if let facts = Negation.givenUp(clause, context) { return facts }
        if freeTime.matches(clause) {
            clause = TextTools.trimmed(freeTime.replacing(in: clause, with: " "))
            let facts = statementFacts(clause, context).map { fact in
                fact.field == "likes" ? Fact(field: "hobbies", op: fact.op, value: fact.value) : fact
            }
            if facts.contains(where: { $0.field == "hobbies" }) { return facts }
            if let groups = bareActivity.match(clause), let items = Values.items(groups[1], context) {
                return [FactBuilder.list("hobbies", items.map(TextTools.gerund))].compactMap { $0 }
            }
            return facts
        }
        return statementFacts(clause, context)
    }

    private static let bareActivity = Pattern(#"^i\s+(?:usually\s+|often\s+|mostly\s+|like\s+to\s+|love\s+to\s+)?(\w+(?:\s+\w+){0,3}(?:\s*(?:,|and)\s*\w+(?:\s+\w+){0,3})*)$"#)

    /// Runs every rule; the first fact for a field wins.
    static func statementFacts(_ clause: String, _ context: RuleContext) -> [Fact] {
        var facts: [Fact] = []
        for rule in rules {
            guard let groups = rule.pattern.match(clause) else { continue }
            for case let fact? in rule.build(groups, context) where !facts.contains(where: { $0.field == fact.field }) {
                facts.append(fact)
            }
        }
        return facts
    }
}
