import Foundation

/// Goals stated as goals: "I want to be a vet", "I'd love to visit Tokyo", "I've always wanted to
/// work as a lifeguard", "my dream is to open a bakery". A goal is a life goal, never a role.
enum Goals {
    /// Strong forms ("I'd love to", "I've always wanted to", "I dream of") take any object; "want to",
    /// "hope to" and "would like to" only one of the life-sized verbs below, so that requests
    /// ("I want to book a table", "I'd like to know more") stay out.
    private static let strong = Pattern(#"^i(?:(?:'d|\s+would)\s+(?:really\s+|so\s+|just\s+)?love\s+to|(?:'ve|\s+have)?\s+(?:always|long|forever)\s+wanted\s+to|(?:'ve|\s+have)\s+(?:\w+\s+)?wanted\s+to|\s+(?:also\s+|still\s+|really\s+)?(?:dream|dreamed|dreamt)\s+(?:of|about)|\s+aspire\s+to)\s+(.+)$"#)
    private static let want = Pattern(#"^i(?:(?:'d|\s+would)\s+(?:really\s+)?like|\s+(?:(?:really|truly|also|still|so|definitely|secretly|kinda)\s+)*(?:want|wanna|hope)|(?:'m|\s+am)\s+(?:really\s+|still\s+|also\s+)?hoping)\s+(?:to\s+)?((?:be|become|visit|travel|live|move\s+to|own|open|start|write|publish|retire|get\s+into|get\s+involved|work\s+as|work\s+in|lose|learn|graduate|study|have\s+(?:kids|children|a\s+family|a\s+baby)|adopt|compete|run\s+a\s+marathon|climb|pursue|go\s+back\s+to\s+school|buy\s+a\s+(?:house|home|farm)|see\s+the\s+world|make\s+it\s+as|go\s+to\s+(?:college|university|med\s+school|law\s+school|grad\s+school))\b.*)$"#)
    private static let possessiveDream = Pattern(#"\bmy\s+(?:biggest\s+|big\s+|main\s+|life(?:long)?\s+|ultimate\s+|one\s+)?(?:dream|goal|ambition|aspiration|bucket\s+list\s+item)\s+is\s+to\s+(.+)|\bit(?:'s|\s+is)\s+(?:always\s+been\s+)?my\s+dream\s+to\s+(.+)|\bi\s+dream\s+of\s+(.+)"#)
    /// Objects that belong to the conversation, not to a life: "I'd love to hear more".
    private static let chatVerbs: Set<String> = ["help", "chat", "talk", "hear", "ask", "know", "say", "tell", "thank", "meet", "try", "get", "read", "watch", "go", "be", "do", "come", "join", "share", "show", "find", "give", "take", "make", "have", "keep", "leave", "die", "sleep", "eat", "buy", "order", "book", "check", "listen"]
    private static let lead = Pattern(#"^(?:be(?:come)?\s+(?:an?\s+|the\s+)|become\s+|work\s+as\s+(?:an?\s+|the\s+)?|make\s+it\s+as\s+(?:an?\s+)?)"#)
    private static let tail = Pattern(#"\s+(?:one\s+day|someday|some\s+day|in\s+the\s+future|eventually|soon|when\s+i\s+grow\s+up|before\s+i\s+die|as\s+well|too|though|sometime|at\s+some\s+point|in\s+my\s+life(?:time)?)\b.*$"#)

    private static let clauseEnd = Pattern(#"\s*[,;(].*$|\s+(?:and\s+(?:i|then|also)|but|because|so\s+that|so\s+i|which|who)\b.*$"#)

    /// The life goal a clause states, nil when it states none.
    static func facts(_ clause: String, _ context: RuleContext) -> [Fact]? {
        let constrained = want.match(clause)
        let groups = constrained ?? strong.match(clause) ?? possessiveDream.match(clause)
        guard let groups, let raw = groups.dropFirst().compactMap({ $0 }).first else { return nil }
        var text = tail.replacing(in: TextTools.trimmed(raw), with: "")
        text = lead.replacing(in: text, with: "")
        guard let value = Values.cut(text).map({ TextTools.trimmed(clauseEnd.replacing(in: $0, with: "")) }), !value.isEmpty,
            value.split(separator: " ").count <= 7
        else { return [] }
        let first = TextTools.firstWord(value)
        let role = lead.matches(TextTools.trimmed(raw))
        guard role || value.contains(" "), first != "be", constrained != nil || !chatVerbs.contains(first) else { return [] }
        guard !ValuePatterns.addressee.matches(value) else { return [] }
        let second = value.lowercased().split(separator: " ").dropFirst().first.map(String.init) ?? ""
        guard !["it", "that", "this", "them", "more", "how", "what", "one", "some"].contains(second) else { return [] }
        guard !Vocabulary.badLeads.contains(first), !Vocabulary.determiners.contains(first), !["it", "one", "that", "them", "so", "there"].contains(first) else { return [] }
        return [FactBuilder.list("life_goals", [value])].compactMap { $0 }
    }
}
