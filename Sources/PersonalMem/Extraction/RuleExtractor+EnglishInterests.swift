import Foundation

/// English rules about skills and languages, likes and favourites, and diet and health.
extension EnglishRules {
    private static let diets = alternation(Vocabulary.diets)

    // MARK: Skills and languages

    static let skills: [Rule] = [
        Rule(#"\bi\s+\#(adverbs)(?:code|program|develop|write\s+code|write\s+software|build\s+(?:apps|software|things|websites|stuff))\s+(?:mostly\s+|mainly\s+|primarily\s+)?in\s+(.+)"#) { g, c in
            [FactBuilder.list("programming_languages", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\bmy\s+(?:main\s+|primary\s+)?programming\s+languages?\s+(?:is|are|include)\s+(.+)"#) { g, c in
            [FactBuilder.list("programming_languages", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\bi\s+\#(adverbs)(?:use|know|write|work\s+(?:with|in)|program\s+with|code\s+with)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c) else { return [] }
            let code = Values.known(items, in: Vocabulary.programmingLanguages)
            if code.count == items.count { return [FactBuilder.list("programming_languages", code)] }
            let spoken = Values.known(items, in: Vocabulary.spokenLanguages)
            return spoken.count == items.count && g[0]?.lowercased().contains("know") == true ? [FactBuilder.list("languages", spoken)] : []
        },
        Rule(#"\#(iAm)\#(adverbs)(?:fluent|bilingual|trilingual|conversational)\s+in\s+(.+)"#) { g, c in [FactBuilder.list("languages", Values.languages(g[1], c) ?? [])] },
        Rule(#"\#(iAm)\#(adverbs)(?:really\s+|pretty\s+|quite\s+|very\s+)?(?:good|great|skilled|experienced|proficient|an\s+expert|expert|strong|decent|competent|talented|excellent)\s+(?:at|in|with)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c) else { return [] }
            let code = Values.known(items, in: Vocabulary.programmingLanguages)
            let spoken = Values.known(items, in: Vocabulary.spokenLanguages)
            let other = items.filter { !code.contains($0) && !spoken.contains($0) }
            return [FactBuilder.list("programming_languages", code), FactBuilder.list("languages", spoken), FactBuilder.list("skills", other)]
        },
        Rule(#"\bmy\s+(?:main\s+|current\s+|core\s+)?skills\s+(?:now\s+|currently\s+)?(include|are)\s+(?:now\s+|currently\s+)?(.+)"#) { g, c in
            [FactBuilder.list("skills", Values.items(g[2], c) ?? [], op: g[1]?.lowercased() == "are" ? .set : .add)]
        },
        Rule(#"\bi\s+\#(adverbs)know\s+how\s+to\s+(.+)"#) { g, c in [FactBuilder.list("skills", (Values.items(g[1], c) ?? []).map(TextTools.gerund))] },
        Rule(#"\bi\s+\#(adverbs)(?:speak|can\s+speak)\s+(.+)"#) { g, c in [FactBuilder.list("languages", Values.languages(g[1], c) ?? [])] },
        Rule(#"\#(iAm)(?:a\s+)?native\s+(\p{L}+)\s+speaker|\bmy\s+(?:native\s+language|mother\s+tongue|first\s+language)\s+is\s+(\p{L}+)|\b(\p{L}+)\s+is\s+my\s+(?:native\s+language|mother\s+tongue|first\s+language)"#) { g, _ in
            guard let language = g[1] ?? g[2] ?? g[3], Vocabulary.spokenLanguages.contains(language.lowercased()) else { return [] }
            return [FactBuilder.fact("native_language", language)]
        },
        Rule(#"\bi(?:'m|\s+am|'ve\s+been|\s+have\s+been|\s+started|\s+began|\s+just\s+started)?\s+\#(adverbs)(?:learning|studying|practicing|practising|taking\s+(?:lessons|classes)\s+in|learn|study)\s+(?:(?:how\s+)?to\s+speak\s+)?(.+)"#) { g, c in
            if let raw = g[1], let groups = Self.learningToPlay.match(raw), let instrument = Values.scalar(groups[1]) {
                return [FactBuilder.list("hobbies", [instrument])]
            }
            let raw = g[1].map { ValuePatterns.learningTail.replacing(in: $0, with: "") }
            guard let items = Values.items(raw, c) else { return [] }
            let languages = Values.known(items, in: Vocabulary.spokenLanguages)
            return languages.count == items.count ? [FactBuilder.list("learning_languages", languages)] : []
        },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adverbs)(?:taking|doing|started|attending)\s+(\p{L}+)\s+(?:lessons|classes|courses)"#) { g, _ in
            guard let language = g[1], Vocabulary.spokenLanguages.contains(language.lowercased()) else { return [] }
            return [FactBuilder.list("learning_languages", [language])]
        },
    ]

    // MARK: Preferences

    static let preferences: [Rule] = [
        Rule(#"\bmy\s+(new\s+)?(?:hobbies|hobby|pastimes?)\s+(?:are|is)\s+(now\s+)?(.+)"#) { g, c in
            [FactBuilder.list("hobbies", Values.items(g[3], c) ?? [], op: g[1] != nil ? .add : .set)]
        },
        Rule(#"\bmy\s+(hobbies|interests)\s+(?:now\s+)?include\s+(.+)"#) { g, c in
            [FactBuilder.list(g[1]?.lowercased() ?? "hobbies", Values.items(g[2], c) ?? [])]
        },
        Rule(#"\bmy\s+interests\s+are\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.list("interests", Values.items(g[1], c) ?? [], op: .set)] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adverbs)(?:taken\s+up|took\s+up|picked\s+up|started|got\s+into|gotten\s+into|began)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c), let first = items.first else { return [] }
            let lead = TextTools.firstWord(first)
            guard Vocabulary.hobbies.contains(first.lowercased()) || (lead.hasSuffix("ing") && !["learning", "working", "studying", "using", "dating", "seeing", "going", "eating", "feeling", "getting", "taking"].contains(lead)) else { return [] }
            return [FactBuilder.list("hobbies", items)]
        },
        Rule(#"\bi\s+\#(adverbs)(?:play|go)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c), let first = items.first else { return [] }
            let verbIsGo = g[0]?.lowercased().contains("go ") == true
            let lead = TextTools.firstWord(first)
            if verbIsGo { return lead.hasSuffix("ing") && !["being", "going"].contains(lead) ? [FactBuilder.list("hobbies", items)] : [] }
            guard !["with", "around", "in", "for", "as", "to", "on", "at", "it", "along", "by", "games"].contains(lead) || first.lowercased() == "games" else { return [] }
            return [FactBuilder.list("hobbies", items.map { ValuePatterns.leadingThe.replacing(in: $0, with: "") })]
        },
        Rule(#"\bi\s+\#(adverbs)(?:do|practice|practise)\s+(yoga|pilates|karate|judo|crossfit|taekwondo|kung\s+fu|tai\s+chi|aikido|jiu-jitsu|archery|ballet|parkour|meditation|kickboxing|martial\s+arts)\b"#) { g, _ in
            [FactBuilder.list("hobbies", [g[1] ?? ""])]
        },
        Rule(#"\bmy\s+(?:absolute\s+|all[- ]time\s+|current\s+|new\s+)?favou?rite\s+(?:(?:kind|type|sort|genre)\s+of\s+)?([\p{L}-]+(?:\s+[\p{L}-]+)?)(?:\s+to\s+\p{L}+)?\s+(?:is|are|has\s+to\s+be)\s+(?:now\s+|currently\s+|definitely\s+|probably\s+|still\s+)?(?:this\s+|that\s+)?(.+)"#) { g, c in
            [Favorites.fact(thing: g[1], value: g[2])]
        },
        Rule(#"^(.+?)\s+(?:is|are)\s+(?:now\s+|definitely\s+)?my\s+(?:absolute\s+|all[- ]time\s+|new\s+)?favou?rite\s+(?:(?:kind|type|sort|genre)\s+of\s+)?(\p{L}+(?:\s+\p{L}+)?)(?:\s+(?:as\s+well|too|by\s+far|of\s+all\s+time|ever))?\s*$"#) { g, c in
            [Favorites.fact(thing: g[2], value: g[1])]
        },
        Rule(#"\bi\s+\#(adverbs)(?:don't|do\s+not|dont|never)\s+\#(adverbs)(?:like|love|enjoy|care\s+for)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\bi\s+\#(adverbs)(?:hate|dislike|detest|loathe|despise|can't\s+stand|cannot\s+stand|can't\s+bear|cannot\s+bear)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\#(iAm)\#(adverbs)not\s+(?:a\s+(?:big\s+|huge\s+)?fan\s+of|into|keen\s+on|fond\s+of)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\bi\s+\#(adverbs)(?:like|love|enjoy|adore|dig|fancy|prefer|listen\s+to|collect)\s+(.+)"#) { g, c in
            guard let raw = g[1], !raw.lowercased().hasPrefix("to think") else { return [] }
            return [FactBuilder.list("likes", Likes.items(raw, c))]
        },
        Rule(#"\#(iAm)\#(adverbs)(?:a\s+(?:big\s+|huge\s+|massive\s+|great\s+|total\s+)?fan\s+of|into|all\s+about|interested\s+in|crazy\s+about|obsessed\s+with|passionate\s+about|keen\s+on|fond\s+of|addicted\s+to)\s+(.+)"#) { g, c in
            [FactBuilder.list("likes", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\#(iAm)\#(adverbs)an?\s+(\p{L}+)\s+(?:lover|enthusiast|fanatic|addict|nerd|buff|geek)\b"#) { g, _ in [FactBuilder.list("likes", [g[1] ?? ""])] },
        Rule(#"\#(iAm)\#(adverbs)allergic\s+to\s+(.+)"#) { g, c in [FactBuilder.list("allergies", Values.items(g[1], c) ?? [])] },
    ]

    // MARK: Lifestyle

    static let lifestyle: [Rule] = [
        Rule(#"\b(?:i(?:'m|\s+am|m)|i(?:'ve|\s+have)\s+been|i\s+(?:became|went|turned|eat|follow|stick\s+to|keep))\s+\#(adverbs)(?:(?!not\b|never\b|no\b)[\p{L}-]+\s+){0,2}?(?:and\s+)?(?:a\s+|an\s+|on\s+a\s+|on\s+an\s+)?(?:strict\s+|strictly\s+|fully\s+|completely\s+|100%\s+|full\s+)?\#(diets)\b(?!-)|\bmy\s+diet\s+is\s+(?:now\s+|mostly\s+)?\#(diets)"#) { g, _ in
            [FactBuilder.fact("diet", (g[1] ?? g[2])?.lowercased())]
        },
        Rule(#"\#(iAm)\#(adverbs)(lactose\s+intolerant|gluten\s+intolerant|diabetic|asthmatic|celiac|coeliac|colou?rblind|epileptic|anemic|anaemic|dyslexic)\b"#) { g, _ in
            [FactBuilder.list("health_conditions", [g[1] ?? ""])]
        },
        Rule(#"\b(?:i(?:'m|\s+am)\s+(?:an?\s+)?(morning\s+person|night\s+owl|early\s+bird))\b"#) { g, _ in [FactBuilder.fact("morning_person", g[1]?.lowercased())] },
    ]
}

/// "my favourite colour is blue" -> favorite_color.
enum Favorites {
    private static let synonyms = ["colour": "color", "film": "movie", "movie": "movie", "meal": "food", "dish": "food", "cuisine": "food", "singer": "music", "band": "band", "musician": "music", "genre": "music", "tv show": "tv_show", "show": "tv_show", "series": "tv_show", "novel": "book", "author": "author", "writer": "author"]
    private static let refused: Set<String> = ["thing", "things", "one", "part", "place to", "thing to", "way", "time", "day", "person", "people", "hobby", "hobbies"]

    static func fact(thing raw: String?, value: String?) -> Fact? {
        guard let raw else { return nil }
        var thing = raw.lowercased()
        if thing.hasSuffix("s"), !thing.hasSuffix("ss"), !thing.hasSuffix("series") { thing.removeLast() }
        thing = synonyms[thing] ?? thing
        guard !refused.contains(thing), let text = Values.cut(value) else { return nil }
        let scalar = TextTools.trimmed(ValuePatterns.clauseTail.replacing(in: text, with: ""))
        let field = "favorite_" + thing.replacingOccurrences(of: " ", with: "_").filter { $0.isLetter || $0 == "_" }
        guard FieldCatalog.isValidCustomName(field), !Vocabulary.badLeads.contains(TextTools.firstWord(scalar)) else { return nil }
        return FactBuilder.fact(field, scalar)
    }
}

/// Likes: "to cook" reads as "cooking".
enum Likes {
    static func items(_ raw: String, _ context: RuleContext) -> [String] {
        guard let items = Values.items(raw, context) else { return [] }
        guard !["being", "it", "is", "was", "are", "were", "about", "because", "so", "when", "how"].contains(TextTools.firstWord(items[0])) else { return [] }
        let cleaned = items.map { ValuePatterns.leadingDoing.replacing(in: $0, with: "") }
        guard cleaned[0].lowercased().hasPrefix("to ") else { return cleaned }
        return cleaned.map { item in
            let verb = item.lowercased().hasPrefix("to ") ? String(item.dropFirst(3)) : item
            return TextTools.firstWord(verb) == "be" ? verb : TextTools.gerund(verb)
        }
    }
}
