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
    private static let sentenceHypothetical = Pattern(#"\b(?:if|unless|whether|suppose|supposing|imagine|pretend|in case|wonder|wondering)\b|^(?:when|once|after|as soon as)\s+i\s+(?!was\b|were\b|had\b)"#)
    private static let reported = Pattern(#"\b(?:said|says|told|tells|asked|asks|claims?|claimed|thinks|believes|according to|mentioned|wrote|writes|texted|replied|reckons|insists)\b|\b(?:people|everyone|everybody|they|others|friends|folks)\s+(?:always\s+|often\s+|usually\s+)?(?:say|call\s+me|think)\b"#)
    private static let hypothetical = Pattern(#"\b(?:would|could|might|maybe|perhaps|wish|wished|hope|hoping|hopefully|wanna|want to|wants to|wanted to|planning|plan to|plans to|planned|thinking (?:about|of)|considering|someday|some day|one day|should|shall|gonna|used to|supposed to|eventually|soon|next (?:year|month|week|summer|spring|fall|autumn|winter))\b|\b(?:i|we|you|it|that|this|he|she|they) will\b|'ll\b|\bi'd\b|(?:\bam|'m|\bare|\bis) going to\b(?! (?:the|a|an|my|work|school|college|university|church|bed)\b)|(?<!in |of |since |last |next |early |late |until |from )\bmay\b(?! \d)"#)
    private static let lead = Pattern(#"^(?:(?:oh|ah|well|so|ok|okay|yeah|yes|yep|no|nope|hmm+|um+|uh|btw|by the way|also|and|plus|anyway|anyways|oops|sorry|wait|actually|correction|update|fun fact|fyi|for fun|however|thanks|thank you|cool|nice|wow|awesome|great|yea|yeah|ya|true|same here|me too|sure|hey|hi|hello|aww|omg|ugh|heh|right|indeed|just so you know|for the record|to be clear|to clarify|quick update|honestly|lol|haha+|in fact|now|currently|these days|nowadays|at the moment|right now|as of (?:now|today)|recently|lately|let me correct myself|i misspoke|my bad|i meant|i mean|please remember|remember|please note|note|keep in mind|i should mention|i forgot to mention|let me tell you|news|guess what)\b[,:!.\-–]*\s*)+(?:that\s+)?"#)
    private static let greeting = Pattern(#"^(?:(?:hi|hello|hey|hiya|greetings|yo|good (?:morning|afternoon|evening))(?:\s+there|\s+everyone|\s+all)?[,!.]*\s*)(?:i'm|i am|im|this is|it's|my name's)\s+([a-z][\p{L}'\-]+(?:\s+[a-z][\p{L}'\-]+)?)\s*(?:[,.!]|$|\s+and\b|\s+here\b)"#)
    private static let introduction = Pattern(#"^(?:i'm|i am)\s+([a-z][\p{L}'\-]+(?:\s+[a-z][\p{L}'\-]+)?)\s*(?:,|$|\.$|\s+and\b)"#)

    // MARK: Clauses

    private static let clauseBreak = Pattern(#",?\s+(?:and|but|so|because|although|though|while|whereas|plus|yet)\s+(?=(?:(?:now|also|currently|then|actually|recently|still)\s+)*(?:i|i'm|i've|im|my)\b)|,\s+(?=(?:i|i'm|i've|im|my)\b)|\s*[:—–]\s+|\s+-\s+|(?<=\w)-\s+"#)
    private static let subjectlessBreak = Pattern(#",?\s+(?:and|but)\s+(?=(?:also\s+|now\s+|currently\s+|still\s+)?(?:would|could|might|will|can|should|work|live|love|like|enjoy|speak|play|study|hate|have|grew|moved|am|code|teach|own|drive|sing|paint|knit|cook|bake|collect|prefer|listen|watch|volunteer|graduated|attend|use|adore)\b)"#)
    private static let complementBreak = Pattern(#"(\bi(?:'m|\s+am|m)\s+[^,;]+?)\s+and\s+(?=(?:married|single|divorced|engaged|widowed|retired|\d{1,3}\b|(?:a|an)\s+\w+))"#)
    private static let freeTime = Pattern(#",?\s*\b(?:in|during)\s+my\s+(?:free|spare|leisure)\s+time\b,?"#)

    private static let questionPart = Pattern(#",\s+|\s+-\s*|-(?=\s*(?:do|does|did|are|is|what|how|who|where|why|have|can|would|any)\b)"#)
    private static let statementOpening = Pattern(#"^(?:\W*)(?:i|i'm|im|i've|ive|my)\b"#)

    /// The statement that opens a sentence ending in a question ("I have a corgi, do you have
    /// pets?" -> "I have a corgi"); nil when the sentence is a question from its start.
    static func statementBeforeQuestion(_ sentence: String) -> String? {
        var kept: [String] = []
        for part in questionPart.split(sentence) {
            let trimmed = TextTools.trimmed(lead.replacing(in: TextTools.trimmed(part), with: ""))
            if part.contains("?") || questionStart.matches(trimmed) || trimmed.lowercased().hasPrefix("you") || trimmed.lowercased().hasPrefix("and you") { break }
            kept.append(part)
        }
        guard let first = kept.first, statementOpening.matches(TextTools.trimmed(lead.replacing(in: TextTools.trimmed(first), with: ""))) else { return nil }
        return kept.joined(separator: ", ")
    }

    static func facts(in sentence: String, profile: Profile) -> [Fact] {
        var sentence = sentence
        if sentence.contains("?") {
            guard let statement = statementBeforeQuestion(sentence) else { return [] }
            sentence = statement
        }
        let stripped = lead.replacing(in: sentence, with: "")
        guard !questionStart.matches(stripped),
            !sentenceHypothetical.matches(sentence), !reported.matches(sentence)
        else { return [] }
        let context = RuleContext(profile: profile, lowercaseOnly: isLowercaseOnly(sentence))
        var facts: [Fact] = []
        if let change = Changes.usedToChange(sentence, context) {
            facts += change.facts
            sentence = change.rest
        }
        if let groups = greeting.match(sentence) ?? introduction.match(TextTools.trimmed(stripped) + ","), let name = introducedName(groups[1], context) {
            facts.append(Fact(field: "name", op: .set, value: .string(name)))
        }
        let split = complementBreak.replacing(in: subjectlessBreak.replacing(in: sentence, with: " ; I "), with: "$1 ; I'm ")
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
        guard !clause.isEmpty else { return [] }
        if let goals = Goals.facts(clause, context) { return goals }
        guard !hypothetical.matches(clause) else { return [] }
        if let facts = Changes.facts(clause, context) { return facts }
        if let positive = Negation.positive(of: clause) {
            let removals = FactBuilder.removals(of: positiveFacts(positive, context), profile: context.profile)
            return removals.isEmpty ? Changes.fromProfile(positive, context.profile) : removals
        }
        if let facts = Negation.givenUp(clause, context) {
            return facts.isEmpty && !context.profile.isEmpty ? Changes.fromProfile(clause, context.profile) : facts
        }
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

    private static let bareActivity = Pattern(#"^i\s+(?:usually\s+|often\s+|mostly\s+|like\s+to\s+|love\s+to\s+|do\s+)?(\w+(?:\s+\w+){0,3}(?:\s*(?:,|and)\s*\w+(?:\s+\w+){0,3})*)$"#)

    /// What a clause states when read as true: a goal, or what the rules find.
    static func positiveFacts(_ clause: String, _ context: RuleContext) -> [Fact] {
        Goals.facts(clause, context) ?? statementFacts(clause, context)
    }

    /// Runs every rule; the first fact for a field wins. Rules whose words the clause lacks are
    /// skipped without running their expression (`LiteralNeeds`).
    static func statementFacts(_ clause: String, _ context: RuleContext) -> [Fact] {
        var facts: [Fact] = []
        let probe = TextProbe(clause)
        for rule in rules {
            guard let groups = rule.pattern.match(clause, probe) else { continue }
            for case let fact? in rule.build(groups, context) where !facts.contains(where: { $0.field == fact.field }) {
                facts.append(fact)
            }
        }
        return facts
    }
}
