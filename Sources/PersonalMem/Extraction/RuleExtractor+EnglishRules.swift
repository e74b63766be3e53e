import Foundation

/// English rules about who the user is and where they live, the shared phrase fragments, and the
/// order every English rule is tried in (work and education, interests, relationships and the
/// personal rules live in their own files).
extension EnglishRules {
    /// Adverbs that may stand between "I" and the verb ("I now mostly live in …").
    static let adverbs = #"(?:(?:\w+ly|now|also|still|just|so|kinda|kind of|sort of|even|always|then|too|already|very much|much|mostly|tend to|do)\s+){0,3}"#
    static let iAm = #"\bi(?:'m|\s+am|m)\s+"#
    static let name = #"([\p{L}][\p{L}'\-]*(?:\s+[\p{L}][\p{L}'\-]*){0,2})"#

    static let learningToPlay = Pattern(#"^(?:how\s+)?to\s+play\s+(?:the\s+)?(.+)"#)

    static func alternation(_ words: [String]) -> String {
        "(" + words.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern).joined(separator: "|") + ")"
    }

    static let rules: [Rule] = identity + location + work + education + skills + preferences + lifestyle + relationships + personal

    // MARK: Identity

    static let identity: [Rule] = [
        Rule(#"\bmy\s+(?:full\s+|real\s+|first\s+)?name(?:'s|\s+is)\s+(?:actually\s+|now\s+)?\#(name)"#) { g, c in
            [FactBuilder.fact("name", Values.name(g[1], c))]
        },
        Rule(#"\#(iAm)(?:called|named)\s+\#(name)"#) { g, c in [FactBuilder.fact("name", Values.name(g[1], c))] },
        Rule(#"(?:^|\bjust\s+|\bplease\s+|\byou\s+can\s+)call\s+me\s+\#(name)"#) { g, c in [FactBuilder.fact("name", Values.name(g[1], c))] },
        Rule(#"\bi\s+go\s+by\s+\#(name)|\bmy\s+nickname\s+is\s+\#(name)"#) { g, c in [FactBuilder.fact("nickname", Values.name(g[1] ?? g[2], c))] },
        Rule(#"\#(iAm)(?:now\s+|currently\s+|actually\s+|just\s+|only\s+|already\s+)?(\d{1,3})(?:\s*(?:years?|yrs?)(?:\s+old)?|\s*y/?o)?(?=\s*$|\s*[,;!.)]|\s+(?:and|but|now|so|btw|already|this|next|actually|though|haha|lol)\b)"#) { g, _ in
            [FactBuilder.integer("age", g[1].flatMap { Int($0) }, in: 1...120)]
        },
        Rule(#"\#(iAm)(?:a|an)\s+(\d{1,3})[- ]years?[- ]old\b"#) { g, _ in [FactBuilder.integer("age", g[1].flatMap { Int($0) }, in: 1...120)] },
        Rule(#"\bi\s+(?:just\s+|recently\s+|finally\s+)?turned\s+(\d{1,3})\b|\bmy\s+age\s+is\s+(\d{1,3})\b"#) { g, _ in
            [FactBuilder.integer("age", (g[1] ?? g[2]).flatMap { Int($0) }, in: 1...120)]
        },
        Rule(#"\bi\s+was\s+born\s+in\s+((?:19|20)\d\d)\b"#) { g, _ in [FactBuilder.integer("birth_year", g[1].flatMap { Int($0) }, in: 1900...2100)] },
        Rule(#"\bmy\s+birthday\s+is\s+(?:on\s+)?((?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december))"#) { g, _ in
            [FactBuilder.fact("birthday", TextTools.trimmed(g[1] ?? ""))]
        },
        Rule(#"\#(iAm)(?:a|an)\s+(?:\d{1,3}[- ]years?[- ]old\s+|\d{1,3}\s*y/?o\s+|young\s+|old\s+|middle-aged\s+|single\s+|married\s+|retired\s+)?(woman|man|guy|girl|boy|lady|gentleman|dude|gal)\b(?!\s+of\b)|\#(iAm)(female|male|non-binary|nonbinary)\b|\bi\s+identify\s+as\s+(?:a\s+)?(female|male|woman|man|non-binary|nonbinary)\b"#) { g, _ in
            guard let word = (g[1] ?? g[2] ?? g[3])?.lowercased() else { return [] }
            let gender = ["woman", "girl", "lady", "female", "gal"].contains(word) ? "female" : ["non-binary", "nonbinary"].contains(word) ? "non-binary" : "male"
            return [FactBuilder.fact("gender", gender)]
        },
    ]

    // MARK: Location

    static let location: [Rule] = [
        Rule(#"\bi\s+\#(adverbs)(?:live|reside)\s+in\s+(.+)|\bi(?:'ve|\s+have)\s+(?:always\s+|now\s+)?lived\s+in\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1] ?? g[2], c, keepRegion: true))] },
        Rule(#"\#(iAm)\#(adverbs)(?:living|based|located|settled|residing)\s+(?:in|out\s+of)\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:moved|relocated)\s+(?:back\s+)?(?:to|into)\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bmy\s+(?:current\s+)?(?:city|location)\s+is\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\#(iAm)\#(adverbs)(?:originally\s+)?from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\#(iAm)(?:an?\s+)(?:[\p{L}\d-]+\s+){1,3}?from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+\#(adverbs)(?:originally\s+)?(?:come|hail)\s+from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+\#(adverbs)(?:grew\s+up|was\s+raised|was\s+brought\s+up|was\s+born\s+and\s+raised)\s+in\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+was\s+born\s+in\s+(?!(?:19|20)\d\d)(.+)|\bmy\s+home\s*town\s+is\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1] ?? g[2], c, keepRegion: true))] },
    ]
}
