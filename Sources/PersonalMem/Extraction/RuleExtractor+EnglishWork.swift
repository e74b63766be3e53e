import Foundation

/// English rules about work and education, and the role and subject phrases they read.
extension EnglishRules {
    // MARK: Work

    static let work: [Rule] = [
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adverbs)(?:work|working|intern|interning)\s+(?:remotely\s+|remote\s+|full[- ]time\s+|part[- ]time\s+|freelance\s+)?(?:at|for)\s+(?:an?\s+(?:company|startup|firm|business|place|shop|store|bank|agency)\s+(?:called|named)\s+)?(.+?)(?:\s+as\s+(?:an?\s+|the\s+)?(.+))?$"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\#(iAm)\#(adverbs)(?:employed|hired)\s+(?:at|by)\s+(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:got|landed|accepted|started|took)\s+(?:a\s+|my\s+|the\s+)?(?:new\s+)?(?:job|position|role|internship)\s+(?:at|with)\s+(.+?)(?:\s+as\s+(?:an?\s+|the\s+)?(.+))?$"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)joined\s+(.+?)\s+as\s+(?:an?\s+|the\s+)?(.+)"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\bmy\s+(?:new\s+|current\s+)?job\s+(?:at|with)\s+(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bmy\s+(?:new\s+|current\s+)?(?:company|employer)\s+is\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adverbs)(?:work|working)\s+as\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: false) },
        Rule(#"\bmy\s+(?:job|job\s+title|title|role|position|occupation|profession)\s+is\s+(?:now\s+)?(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: false) },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:became|become|got\s+promoted\s+to|been\s+promoted\s+to|was\s+promoted\s+to)\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"\#(iAm)\#(adverbs)(?:an?|the)\s+(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
    ]

    // MARK: Education

    static let education: [Rule] = [
        Rule(#"\bi\s+\#(adverbs)(?:graduated|graduate)\s+from\s+(.+?)(?:\s+in\s+((?:19|20)\d\d))?(?:\s*[,.!]|$|\s+(?:with|and)\b)"#) { g, c in
            [FactBuilder.fact("university", Values.properNoun(g[1], c)), FactBuilder.integer("graduation_year", g[2].flatMap { Int($0) }, in: 1900...2100)]
        },
        Rule(#"\bi(?:'m|\s+am|'ve|\s+have)?\s+\#(adverbs)(?:have|hold|got|earned|completed|finished|received|did|doing|pursuing|working\s+on|studying\s+for)\s+(?:a|an|my)\s+((?:bachelor'?s?|master'?s?|ba|bs|bsc|ma|ms|msc|mba|phd|ph\.d\.?|doctorate|associate'?s?|law|medical|md)(?:\s+degree)?(?:\s+in\s+[\p{L} ]+?)?)(?=\s*$|\s*[,.;!]|\s+(?:from|at)\s+(.+))"#) { g, c in
            [FactBuilder.fact("degree", Values.scalar(g[1])), FactBuilder.fact("university", Values.properNoun(g[2], c))]
        },
        Rule(#"\bi\s+(?:have|hold|got|earned)\s+a\s+degree\s+in\s+(.+)|\bmy\s+(?:major|degree)\s+(?:is|was)\s+(?:in\s+)?(.+)|\bi(?:'m|\s+am)?\s+\#(adverbs)(?:majored|major|majoring)\s+in\s+(.+)"#) { g, c in
            Education.subject(g[1] ?? g[2] ?? g[3], c)
        },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adverbs)(?:study|studied|studying)\s+(.+)"#) { g, c in Education.subject(g[1], c) },
        Rule(#"\bi\s+(?:go|went|attend|attended)\s+(?:to\s+)?(.+?)\s+for\s+(?:college|university|uni|grad\s+school|my\s+(?:degree|masters|master's|phd|bachelor's))|\bmy\s+(?:university|college|alma\s+mater)\s+(?:is|was)\s+(.+)"#) { g, c in
            [FactBuilder.fact("university", Values.properNoun(g[1] ?? g[2], c))]
        },
        Rule(#"\bi\s+\#(adverbs)(?:attend|attended|go\s+to|went\s+to)\s+(.+)"#) { g, c in
            guard let place = Values.properNoun(g[1], c), Education.isSchool(place) else { return [] }
            return [FactBuilder.fact("university", place)]
        },
    ]
}

/// Role phrases: "a senior software engineer at Google" gives a role and a company.
enum Roles {
    private static let split = Pattern(#"^(.+?)(?:\s+(at|for|with|in|from|who|and|but|since|because|by|working|on)\b\s*(.*))?$"#)

    static func facts(_ raw: String?, _ context: RuleContext, requireOccupation: Bool) -> [Fact?] {
        guard let raw = raw.map { ValuePatterns.clauseTail.replacing(in: $0, with: "") }, let groups = split.match(TextTools.trimmed(raw)),
            let phrase = Values.cut(groups[1]).map(TextTools.trimmed)
        else { return [] }
        let words = phrase.lowercased().split(separator: " ").map(String.init)
        guard let last = words.last, !words.isEmpty, words.count <= 5 else { return [] }
        let lastTwo = words.suffix(2).joined(separator: " ")
        let isOccupation = Vocabulary.occupations.contains(last) || Vocabulary.occupations.contains(lastTwo)
        if requireOccupation, !isOccupation { return [] }
        guard !Vocabulary.badLeads.contains(words[0]), !Vocabulary.determiners.contains(words[0]) else { return [] }
        var facts: [Fact?] = [FactBuilder.fact("role", phrase)]
        let code = words.filter { Vocabulary.programmingLanguages.contains($0) && $0.count > 1 }
        if !code.isEmpty {
            let spelled = phrase.split(separator: " ").map(String.init).filter { code.contains($0.lowercased()) }
            facts.append(FactBuilder.list("programming_languages", spelled))
        }
        if groups[2]?.lowercased() == "in", let place = Values.properNoun(groups[3], context, keepRegion: true), !Education.isSchool(place),
            TextTools.startsUppercase(place) || Values.isKnownPlace(place) {
            facts.append(FactBuilder.fact("location", place))
        }
        if let preposition = groups[2]?.lowercased(), ["at", "for", "with"].contains(preposition), let place = Values.properNoun(groups[3], context) {
            let studying = Vocabulary.studentRoles.contains(last) || words.contains("phd")
            facts.append(FactBuilder.fact(studying ? "university" : "company", place))
        }
        return facts
    }
}

/// What was studied: a subject, or a language (which is learning, not education).
enum Education {
    private static let notSubjects: Set<String> = ["hard", "abroad", "late", "online", "all", "for", "a", "the", "with", "lot", "tonight", "today", "there", "here", "it", "at", "every", "in", "on", "alone", "together", "too", "more", "my", "some", "again", "yesterday", "now", "this"]
    private static let atPlace = Pattern(#"^(.+?)\s+(?:at|in)\s+(.+)$"#)

    static func subject(_ raw: String?, _ context: RuleContext) -> [Fact?] {
        guard let text = Values.cut(raw) else { return [] }
        var subject = text
        var facts: [Fact?] = []
        if let groups = atPlace.match(text), let place = Values.properNoun(groups[2], context), isSchool(place) || TextTools.startsUppercase(place) {
            subject = groups[1] ?? text
            facts.append(FactBuilder.fact("university", place))
        }
        guard let value = Values.scalar(subject), !notSubjects.contains(TextTools.firstWord(value)),
            value.split(separator: " ").count <= 4, !Vocabulary.spokenLanguages.contains(value.lowercased())
        else { return [] }
        return [FactBuilder.fact("education", value)] + facts
    }

    static func isSchool(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["university", "college", "institute", "school", "academy", "polytechnic", "uni "].contains { lower.contains($0) }
            || (name.count <= 6 && name == name.uppercased() && name.count >= 2)
    }
}
