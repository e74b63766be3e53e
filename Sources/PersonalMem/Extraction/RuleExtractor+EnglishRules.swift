import Foundation

extension EnglishRules {
    private static let adv = #"(?:(?:\w+ly|now|also|still|just|so|kinda|kind of|sort of|even|always|then|too|already|very much|much|mostly|tend to|do)\s+){0,3}"#
    private static let im = #"\bi(?:'m|\s+am|m)\s+"#
    private static let name = #"([\p{L}][\p{L}'\-]*(?:\s+[\p{L}][\p{L}'\-]*){0,2})"#
    private static let capitalName = #"([A-Z][\p{L}'\-]+)"#
    private static let names = #"([\p{L}][\p{L}'\-]*(?:\s*(?:,|and|&)\s*[\p{L}][\p{L}'\-]*)*)"#
    private static let count = #"(a|an|one|two|three|four|five|six|\d+)"#
    private static let pets = alternation(Vocabulary.pets)
    private static let relatives = alternation(Vocabulary.familyRelations)
    private static let partners = alternation(Array(Vocabulary.partnerWords))
    private static let diets = alternation(Vocabulary.diets)
    private static let siblingModifier = #"((?:(?:younger|older|little|big|baby|elder|twin)\s+)?)"#

    static let learningToPlay = Pattern(#"^(?:how\s+)?to\s+play\s+(?:the\s+)?(.+)"#)

    static func alternation(_ words: [String]) -> String {
        "(" + words.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern).joined(separator: "|") + ")"
    }

    static let rules: [Rule] = identity + location + work + education + skills + preferences + lifestyle + relationships + personal

    // MARK: Identity

    private static let identity: [Rule] = [
        Rule(#"\bmy\s+(?:full\s+|real\s+|first\s+)?name(?:'s|\s+is)\s+(?:actually\s+|now\s+)?\#(name)"#) { g, c in
            [FactBuilder.fact("name", Values.name(g[1], c))]
        },
        Rule(#"\#(im)(?:called|named)\s+\#(name)"#) { g, c in [FactBuilder.fact("name", Values.name(g[1], c))] },
        Rule(#"(?:^|\bjust\s+|\bplease\s+|\byou\s+can\s+)call\s+me\s+\#(name)"#) { g, c in [FactBuilder.fact("name", Values.name(g[1], c))] },
        Rule(#"\bi\s+go\s+by\s+\#(name)|\bmy\s+nickname\s+is\s+\#(name)"#) { g, c in [FactBuilder.fact("nickname", Values.name(g[1] ?? g[2], c))] },
        Rule(#"\#(im)(?:now\s+|currently\s+|actually\s+|just\s+|only\s+|already\s+)?(\d{1,3})(?:\s*(?:years?|yrs?)(?:\s+old)?|\s*y/?o)?(?=\s*$|\s*[,;!.)]|\s+(?:and|but|now|so|btw|already|this|next|actually|though|haha|lol)\b)"#) { g, _ in
            [FactBuilder.integer("age", g[1].flatMap { Int($0) }, in: 1...120)]
        },
        Rule(#"\#(im)(?:a|an)\s+(\d{1,3})[- ]years?[- ]old\b"#) { g, _ in [FactBuilder.integer("age", g[1].flatMap { Int($0) }, in: 1...120)] },
        Rule(#"\bi\s+(?:just\s+|recently\s+|finally\s+)?turned\s+(\d{1,3})\b|\bmy\s+age\s+is\s+(\d{1,3})\b"#) { g, _ in
            [FactBuilder.integer("age", (g[1] ?? g[2]).flatMap { Int($0) }, in: 1...120)]
        },
        Rule(#"\bi\s+was\s+born\s+in\s+((?:19|20)\d\d)\b"#) { g, _ in [FactBuilder.integer("birth_year", g[1].flatMap { Int($0) }, in: 1900...2100)] },
        Rule(#"\bmy\s+birthday\s+is\s+(?:on\s+)?((?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december))"#) { g, _ in
            [FactBuilder.fact("birthday", TextTools.trimmed(g[1] ?? ""))]
        },
        Rule(#"\#(im)(?:a|an)\s+(?:\d{1,3}[- ]years?[- ]old\s+|\d{1,3}\s*y/?o\s+|young\s+|old\s+|middle-aged\s+|single\s+|married\s+|retired\s+)?(woman|man|guy|girl|boy|lady|gentleman|dude|gal)\b(?!\s+of\b)|\#(im)(female|male|non-binary|nonbinary)\b|\bi\s+identify\s+as\s+(?:a\s+)?(female|male|woman|man|non-binary|nonbinary)\b"#) { g, _ in
            guard let word = (g[1] ?? g[2] ?? g[3])?.lowercased() else { return [] }
            let gender = ["woman", "girl", "lady", "female", "gal"].contains(word) ? "female" : ["non-binary", "nonbinary"].contains(word) ? "non-binary" : "male"
            return [FactBuilder.fact("gender", gender)]
        },
    ]

    // MARK: Location

    private static let location: [Rule] = [
        Rule(#"\bi\s+\#(adv)(?:live|reside)\s+in\s+(.+)|\bi(?:'ve|\s+have)\s+(?:always\s+|now\s+)?lived\s+in\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1] ?? g[2], c, keepRegion: true))] },
        Rule(#"\#(im)\#(adv)(?:living|based|located|settled|residing)\s+(?:in|out\s+of)\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:moved|relocated)\s+(?:back\s+)?(?:to|into)\s+(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bmy\s+(?:current\s+)?(?:city|location)\s+is\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.fact("location", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\#(im)\#(adv)(?:originally\s+)?from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\#(im)(?:an?\s+)(?:[\p{L}\d-]+\s+){1,3}?from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+\#(adv)(?:originally\s+)?(?:come|hail)\s+from\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+\#(adv)(?:grew\s+up|was\s+raised|was\s+brought\s+up|was\s+born\s+and\s+raised)\s+in\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1], c, keepRegion: true))] },
        Rule(#"\bi\s+was\s+born\s+in\s+(?!(?:19|20)\d\d)(.+)|\bmy\s+home\s*town\s+is\s+(.+)"#) { g, c in [FactBuilder.fact("hometown", Values.properNoun(g[1] ?? g[2], c, keepRegion: true))] },
    ]

    // MARK: Work

    private static let work: [Rule] = [
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adv)(?:work|working|intern|interning)\s+(?:remotely\s+|remote\s+|full[- ]time\s+|part[- ]time\s+|freelance\s+)?(?:at|for)\s+(?:an?\s+(?:company|startup|firm|business|place|shop|store|bank|agency)\s+(?:called|named)\s+)?(.+?)(?:\s+as\s+(?:an?\s+|the\s+)?(.+))?$"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\#(im)\#(adv)(?:employed|hired)\s+(?:at|by)\s+(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:got|landed|accepted|started|took)\s+(?:a\s+|my\s+|the\s+)?(?:new\s+)?(?:job|position|role|internship)\s+(?:at|with)\s+(.+?)(?:\s+as\s+(?:an?\s+|the\s+)?(.+))?$"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)joined\s+(.+?)\s+as\s+(?:an?\s+|the\s+)?(.+)"#) { g, c in
            [FactBuilder.fact("company", Values.properNoun(g[1], c)), FactBuilder.fact("role", Values.scalar(g[2]))]
        },
        Rule(#"\bmy\s+(?:new\s+|current\s+)?job\s+(?:at|with)\s+(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bmy\s+(?:new\s+|current\s+)?(?:company|employer)\s+is\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.fact("company", Values.properNoun(g[1], c))] },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adv)(?:work|working)\s+as\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: false) },
        Rule(#"\bmy\s+(?:job|job\s+title|title|role|position|occupation|profession)\s+is\s+(?:now\s+)?(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: false) },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:became|become|got\s+promoted\s+to|been\s+promoted\s+to|was\s+promoted\s+to)\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"\#(im)\#(adv)(?:an?|the)\s+(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
    ]

    // MARK: Education

    private static let education: [Rule] = [
        Rule(#"\bi\s+\#(adv)(?:graduated|graduate)\s+from\s+(.+?)(?:\s+in\s+((?:19|20)\d\d))?(?:\s*[,.!]|$|\s+(?:with|and)\b)"#) { g, c in
            [FactBuilder.fact("university", Values.properNoun(g[1], c)), FactBuilder.integer("graduation_year", g[2].flatMap { Int($0) }, in: 1900...2100)]
        },
        Rule(#"\bi(?:'m|\s+am|'ve|\s+have)?\s+\#(adv)(?:have|hold|got|earned|completed|finished|received|did|doing|pursuing|working\s+on|studying\s+for)\s+(?:a|an|my)\s+((?:bachelor'?s?|master'?s?|ba|bs|bsc|ma|ms|msc|mba|phd|ph\.d\.?|doctorate|associate'?s?|law|medical|md)(?:\s+degree)?(?:\s+in\s+[\p{L} ]+?)?)(?=\s*$|\s*[,.;!]|\s+(?:from|at)\s+(.+))"#) { g, c in
            [FactBuilder.fact("degree", Values.scalar(g[1])), FactBuilder.fact("university", Values.properNoun(g[2], c))]
        },
        Rule(#"\bi\s+(?:have|hold|got|earned)\s+a\s+degree\s+in\s+(.+)|\bmy\s+(?:major|degree)\s+(?:is|was)\s+(?:in\s+)?(.+)|\bi(?:'m|\s+am)?\s+\#(adv)(?:majored|major|majoring)\s+in\s+(.+)"#) { g, c in
            Education.subject(g[1] ?? g[2] ?? g[3], c)
        },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adv)(?:study|studied|studying)\s+(.+)"#) { g, c in Education.subject(g[1], c) },
        Rule(#"\bi\s+(?:go|went|attend|attended)\s+(?:to\s+)?(.+?)\s+for\s+(?:college|university|uni|grad\s+school|my\s+(?:degree|masters|master's|phd|bachelor's))|\bmy\s+(?:university|college|alma\s+mater)\s+(?:is|was)\s+(.+)"#) { g, c in
            [FactBuilder.fact("university", Values.properNoun(g[1] ?? g[2], c))]
        },
        Rule(#"\bi\s+\#(adv)(?:attend|attended|go\s+to|went\s+to)\s+(.+)"#) { g, c in
            guard let place = Values.properNoun(g[1], c), Education.isSchool(place) else { return [] }
            return [FactBuilder.fact("university", place)]
        },
    ]

    // MARK: Skills and languages

    private static let skills: [Rule] = [
        Rule(#"\bi\s+\#(adv)(?:code|program|develop|write\s+code|write\s+software|build\s+(?:apps|software|things|websites|stuff))\s+(?:mostly\s+|mainly\s+|primarily\s+)?in\s+(.+)"#) { g, c in
            [FactBuilder.list("programming_languages", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\bmy\s+(?:main\s+|primary\s+)?programming\s+languages?\s+(?:is|are|include)\s+(.+)"#) { g, c in
            [FactBuilder.list("programming_languages", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\bi\s+\#(adv)(?:use|know|write|work\s+(?:with|in)|program\s+with|code\s+with)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c) else { return [] }
            let code = Values.known(items, in: Vocabulary.programmingLanguages)
            if code.count == items.count { return [FactBuilder.list("programming_languages", code)] }
            let spoken = Values.known(items, in: Vocabulary.spokenLanguages)
            return spoken.count == items.count && g[0]?.lowercased().contains("know") == true ? [FactBuilder.list("languages", spoken)] : []
        },
        Rule(#"\#(im)\#(adv)(?:fluent|bilingual|trilingual|conversational)\s+in\s+(.+)"#) { g, c in [FactBuilder.list("languages", Values.languages(g[1], c) ?? [])] },
        Rule(#"\#(im)\#(adv)(?:really\s+|pretty\s+|quite\s+|very\s+)?(?:good|great|skilled|experienced|proficient|an\s+expert|expert|strong|decent|competent|talented|excellent)\s+(?:at|in|with)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c) else { return [] }
            let code = Values.known(items, in: Vocabulary.programmingLanguages)
            let spoken = Values.known(items, in: Vocabulary.spokenLanguages)
            let other = items.filter { !code.contains($0) && !spoken.contains($0) }
            return [FactBuilder.list("programming_languages", code), FactBuilder.list("languages", spoken), FactBuilder.list("skills", other)]
        },
        Rule(#"\bmy\s+(?:main\s+|current\s+|core\s+)?skills\s+(?:now\s+|currently\s+)?(include|are)\s+(?:now\s+|currently\s+)?(.+)"#) { g, c in
            [FactBuilder.list("skills", Values.items(g[2], c) ?? [], op: g[1]?.lowercased() == "are" ? .set : .add)]
        },
        Rule(#"\bi\s+\#(adv)know\s+how\s+to\s+(.+)"#) { g, c in [FactBuilder.list("skills", (Values.items(g[1], c) ?? []).map(TextTools.gerund))] },
        Rule(#"\bi\s+\#(adv)(?:speak|can\s+speak)\s+(.+)"#) { g, c in [FactBuilder.list("languages", Values.languages(g[1], c) ?? [])] },
        Rule(#"\#(im)(?:a\s+)?native\s+(\p{L}+)\s+speaker|\bmy\s+(?:native\s+language|mother\s+tongue|first\s+language)\s+is\s+(\p{L}+)|\b(\p{L}+)\s+is\s+my\s+(?:native\s+language|mother\s+tongue|first\s+language)"#) { g, _ in
            guard let language = g[1] ?? g[2] ?? g[3], Vocabulary.spokenLanguages.contains(language.lowercased()) else { return [] }
            return [FactBuilder.fact("native_language", language)]
        },
        Rule(#"\bi(?:'m|\s+am|'ve\s+been|\s+have\s+been|\s+started|\s+began|\s+just\s+started)?\s+\#(adv)(?:learning|studying|practicing|practising|taking\s+(?:lessons|classes)\s+in|learn|study)\s+(?:(?:how\s+)?to\s+speak\s+)?(.+)"#) { g, c in
            if let raw = g[1], let groups = Self.learningToPlay.match(raw), let instrument = Values.scalar(groups[1]) {
                return [FactBuilder.list("hobbies", [instrument])]
            }
            let raw = g[1]?.replacingOccurrences(of: #"\s+(?:on|with|using|via|through|at|in|from)\s+.*$"#, with: "", options: [.regularExpression, .caseInsensitive])
            guard let items = Values.items(raw, c) else { return [] }
            let languages = Values.known(items, in: Vocabulary.spokenLanguages)
            return languages.count == items.count ? [FactBuilder.list("learning_languages", languages)] : []
        },
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adv)(?:taking|doing|started|attending)\s+(\p{L}+)\s+(?:lessons|classes|courses)"#) { g, _ in
            guard let language = g[1], Vocabulary.spokenLanguages.contains(language.lowercased()) else { return [] }
            return [FactBuilder.list("learning_languages", [language])]
        },
    ]

    // MARK: Preferences

    private static let preferences: [Rule] = [
        Rule(#"\bmy\s+(new\s+)?(?:hobbies|hobby|pastimes?)\s+(?:are|is)\s+(now\s+)?(.+)"#) { g, c in
            [FactBuilder.list("hobbies", Values.items(g[3], c) ?? [], op: g[1] != nil ? .add : .set)]
        },
        Rule(#"\bmy\s+(hobbies|interests)\s+(?:now\s+)?include\s+(.+)"#) { g, c in
            [FactBuilder.list(g[1]?.lowercased() ?? "hobbies", Values.items(g[2], c) ?? [])]
        },
        Rule(#"\bmy\s+interests\s+are\s+(?:now\s+)?(.+)"#) { g, c in [FactBuilder.list("interests", Values.items(g[1], c) ?? [], op: .set)] },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:taken\s+up|took\s+up|picked\s+up|started|got\s+into|gotten\s+into|began)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c), let first = items.first else { return [] }
            let lead = TextTools.firstWord(first)
            guard Vocabulary.hobbies.contains(first.lowercased()) || (lead.hasSuffix("ing") && !["learning", "working", "studying", "using", "dating", "seeing", "going", "eating", "feeling", "getting", "taking"].contains(lead)) else { return [] }
            return [FactBuilder.list("hobbies", items)]
        },
        Rule(#"\bi\s+\#(adv)(?:play|go)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c), let first = items.first else { return [] }
            let verbIsGo = g[0]?.lowercased().contains("go ") == true
            let lead = TextTools.firstWord(first)
            if verbIsGo { return lead.hasSuffix("ing") && !["being", "going"].contains(lead) ? [FactBuilder.list("hobbies", items)] : [] }
            guard !["with", "around", "in", "for", "as", "to", "on", "at", "it", "along", "by", "games"].contains(lead) || first.lowercased() == "games" else { return [] }
            return [FactBuilder.list("hobbies", items.map { $0.replacingOccurrences(of: #"^the\s+"#, with: "", options: [.regularExpression, .caseInsensitive]) })]
        },
        Rule(#"\bi\s+\#(adv)(?:do|practice|practise)\s+(yoga|pilates|karate|judo|crossfit|taekwondo|kung\s+fu|tai\s+chi|aikido|jiu-jitsu|archery|ballet|parkour|meditation|kickboxing|martial\s+arts)\b"#) { g, _ in
            [FactBuilder.list("hobbies", [g[1] ?? ""])]
        },
        Rule(#"\bmy\s+(?:absolute\s+|all[- ]time\s+|current\s+|new\s+)?favou?rite\s+(?:(?:kind|type|sort|genre)\s+of\s+)?([\p{L}-]+(?:\s+[\p{L}-]+)?)(?:\s+to\s+\p{L}+)?\s+(?:is|are|has\s+to\s+be)\s+(?:now\s+|currently\s+|definitely\s+|probably\s+|still\s+)?(?:this\s+|that\s+)?(.+)"#) { g, c in
            [Favorites.fact(thing: g[1], value: g[2])]
        },
        Rule(#"^(.+?)\s+(?:is|are)\s+(?:now\s+|definitely\s+)?my\s+(?:absolute\s+|all[- ]time\s+|new\s+)?favou?rite\s+(?:(?:kind|type|sort|genre)\s+of\s+)?(\p{L}+(?:\s+\p{L}+)?)(?:\s+(?:as\s+well|too|by\s+far|of\s+all\s+time|ever))?\s*$"#) { g, c in
            [Favorites.fact(thing: g[2], value: g[1])]
        },
        Rule(#"\bi\s+\#(adv)(?:don't|do\s+not|dont|never)\s+\#(adv)(?:like|love|enjoy|care\s+for)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\bi\s+\#(adv)(?:hate|dislike|detest|loathe|despise|can't\s+stand|cannot\s+stand|can't\s+bear|cannot\s+bear)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\#(im)\#(adv)not\s+(?:a\s+(?:big\s+|huge\s+)?fan\s+of|into|keen\s+on|fond\s+of)\s+(.+)"#) { g, c in [FactBuilder.list("dislikes", Values.items(g[1], c) ?? [])] },
        Rule(#"\bi\s+\#(adv)(?:like|love|enjoy|adore|dig|fancy|prefer|listen\s+to|collect)\s+(.+)"#) { g, c in
            guard let raw = g[1], !raw.lowercased().hasPrefix("to think") else { return [] }
            return [FactBuilder.list("likes", Likes.items(raw, c))]
        },
        Rule(#"\#(im)\#(adv)(?:a\s+(?:big\s+|huge\s+|massive\s+|great\s+|total\s+)?fan\s+of|into|all\s+about|interested\s+in|crazy\s+about|obsessed\s+with|passionate\s+about|keen\s+on|fond\s+of|addicted\s+to)\s+(.+)"#) { g, c in
            [FactBuilder.list("likes", Values.items(g[1], c) ?? [])]
        },
        Rule(#"\#(im)\#(adv)an?\s+(\p{L}+)\s+(?:lover|enthusiast|fanatic|addict|nerd|buff|geek)\b"#) { g, _ in [FactBuilder.list("likes", [g[1] ?? ""])] },
        Rule(#"\#(im)\#(adv)allergic\s+to\s+(.+)"#) { g, c in [FactBuilder.list("allergies", Values.items(g[1], c) ?? [])] },
    ]

    // MARK: Lifestyle

    private static let lifestyle: [Rule] = [
        Rule(#"\b(?:i(?:'m|\s+am|m)|i(?:'ve|\s+have)\s+been|i\s+(?:became|went|turned|eat|follow|stick\s+to|keep))\s+\#(adv)(?:(?!not\b|never\b|no\b)[\p{L}-]+\s+){0,2}?(?:and\s+)?(?:a\s+|an\s+|on\s+a\s+|on\s+an\s+)?(?:strict\s+|strictly\s+|fully\s+|completely\s+|100%\s+|full\s+)?\#(diets)\b(?!-)|\bmy\s+diet\s+is\s+(?:now\s+|mostly\s+)?\#(diets)"#) { g, _ in
            [FactBuilder.fact("diet", (g[1] ?? g[2])?.lowercased())]
        },
        Rule(#"\#(im)\#(adv)(lactose\s+intolerant|gluten\s+intolerant|diabetic|asthmatic|celiac|coeliac|colou?rblind|epileptic|anemic|anaemic|dyslexic)\b"#) { g, _ in
            [FactBuilder.list("health_conditions", [g[1] ?? ""])]
        },
        Rule(#"\b(?:i(?:'m|\s+am)\s+(?:an?\s+)?(morning\s+person|night\s+owl|early\s+bird))\b"#) { g, _ in [FactBuilder.fact("morning_person", g[1]?.lowercased())] },
    ]

    // MARK: Relationships

    private static let relationships: [Rule] = [
        Rule(#"\bmy\s+(?:\p{L}+\s+)?\#(pets)\s+(?:(?i:\#(capitalName))\s+)?(?:died|passed\s+away|passed|ran\s+away)\b"#) { g, c in
            guard let kind = g[1]?.lowercased() else { return [] }
            let name = Values.name(g[2], c)
            return [FactBuilder.list("pets", [name.map { "\(kind): \($0)" } ?? kind], op: .remove)]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:have|got|own|adopted|rescued|have\s+got)\s+\#(count)\s+((?:[\p{L}-]+\s+){0,2}?)\#(pets)(s|es)?\b(?:\s*,?\s*(?:named|called)\s+\#(names)|\s*,\s+(?-i:(?=[A-Z]))\#(names)\s*$)?"#) { g, c in
            [Pets.fact(count: g[1], kind: g[3], plural: g[4], names: g[5] ?? g[6], c)]
        },
        Rule(#"\bmy\s+\#(pets)(?:'s\s+name\s+is|\s+is\s+(?:called|named))\s+\#(name)"#) { g, c in
            [Pets.fact(count: "a", kind: g[1], plural: nil, names: g[2], c)]
        },
        Rule(#"(?i:\bmy\s+(?:[\p{L}-]+\s+)?)(?i:\#(pets)),?\s+\#(capitalName)\b"#, caseSensitive: true) { g, c in
            [Pets.fact(count: "a", kind: g[1], plural: nil, names: g[2], c)]
        },
        Rule(#"\bi(?:'ve|\s+have)?\s+\#(adv)(?:have|got)\s+\#(count)\s+\#(siblingModifier)\#(relatives)(s)?\b(?:\s*,?\s*(?:named|called)\s+\#(names))?"#) { g, c in
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
        Rule(#"\#(im)\d{1,3},\s+(married|single|divorced|engaged|widowed)\b"#) { g, _ in [FactBuilder.fact("relationship_status", g[1]?.lowercased())] },
        Rule(#"\#(im)\#(adv)(married|single|divorced|engaged|widowed|separated)\b(?![-\w])(?:\s+to\s+\#(name))?"#) { g, c in
            [FactBuilder.fact("relationship_status", g[1]?.lowercased()), FactBuilder.fact("spouse_name", Values.name(g[2], c))]
        },
    ]
}

/// Role phrases: "a senior software engineer at Google" gives a role and a company.
enum Roles {
    private static let split = Pattern(#"^(.+?)(?:\s+(at|for|with|in|from|who|and|but|since|because|by|working|on)\b\s*(.*))?$"#)

    static func facts(_ raw: String?, _ context: RuleContext, requireOccupation: Bool) -> [Fact?] {
        guard let raw = raw?.replacingOccurrences(of: #"\s*[,;(].*$"#, with: "", options: .regularExpression), let groups = split.match(TextTools.trimmed(raw)),
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
        let scalar = TextTools.trimmed(text.replacingOccurrences(of: #"\s*[,;(].*$"#, with: "", options: .regularExpression))
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
        let cleaned = items.map { $0.replacingOccurrences(of: #"^doing\s+(?:the\s+)?"#, with: "", options: [.regularExpression, .caseInsensitive]) }
        guard cleaned[0].lowercased().hasPrefix("to ") else { return cleaned }
        return cleaned.map { item in
            let verb = item.lowercased().hasPrefix("to ") ? String(item.dropFirst(3)) : item
            return TextTools.firstWord(verb) == "be" ? verb : TextTools.gerund(verb)
        }
    }
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
