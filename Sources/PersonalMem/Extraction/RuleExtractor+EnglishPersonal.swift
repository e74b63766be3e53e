import Foundation

/// Rules for what chat mentions in passing: health, fears, character, origin, possessions, travel,
/// children, schooling and workplaces named with common nouns ("I work at a deli").
extension EnglishRules {
    private static let im = #"\bi(?:'m|\s+am|m)\s+"#
    private static let adv = #"(?:(?:\w+ly|also|still|just|so|kinda|kind\s+of|sort\s+of|very|super|pretty|quite|a\s+bit|a\s+little|always|too|now|actually)\s+){0,3}"#
    private static let count = #"(a|an|one|two|three|four|five|six|\d+)"#
    private static let conditions = alternation(Array(Vocabulary.healthAdjectives))
    private static let traits = alternation(Array(Vocabulary.personalityTraits))
    private static let nationalities = alternation(Array(Vocabulary.nationalities))
    private static let schools = #"(college|university|uni|grad\s+school|graduate\s+school|high\s+school|middle\s+school|law\s+school|med\s+school|medical\s+school|nursing\s+school|dental\s+(?:college|school)|community\s+college|art\s+school|culinary\s+school|trade\s+school|beauty\s+school|business\s+school)"#

    static let personal: [Rule] = health + character + origin + possessions + schooling + workplaces + family + activities

    // MARK: Activities named by their verb

    private static let hobbyVerbs = #"(sing|knit|crochet|sew|paint|draw|sketch|dance|bake|garden|hike|surf|ski|snowboard|skate|swim|jog|cycle|bike|fish|hunt|camp|quilt|sculpt|rap|compose|woodwork|workout|work\s+out|lift\s+weights|lift|box|climb|golf|write\s+(?:poetry|poems|songs|stories|fiction|novels|music)|play\s+music|volunteer|run\s+(?:marathons|every|daily|\d|five|ten|a\s+lot))"#
    private static let habitVerbs = #"(meditate|journal|smoke|vape|pray|nap|drink\s+(?:coffee|tea|alcohol|beer|wine|a\s+lot))"#

    private static let activities: [Rule] = [
        Rule(#"^i\s+\#(adv)\#(habitVerbs)\b"#) { g, _ in [FactBuilder.list("habits", [g[1]?.lowercased() ?? ""])] },
        Rule(#"^i\s+\#(adv)\#(hobbyVerbs)\b(.*)"#) { g, _ in
            guard let verb = g[1]?.lowercased() else { return [] }
            let rest = Values.cut(g[2]).map { ValuePatterns.hobbyTail.replacing(in: $0, with: "") } ?? ""
            let object = TextTools.trimmed(rest)
            let activity = verb == "workout" ? verb : TextTools.gerund(verb)
            guard object.split(separator: " ").count <= 4, !Vocabulary.badLeads.contains(TextTools.firstWord(object)) else { return [FactBuilder.list("hobbies", [activity])] }
            return [FactBuilder.list("hobbies", [object.isEmpty ? activity : "\(activity) \(object)"])]
        },
        Rule(#"\#(im)\#(adv)(volunteering|coaching|tutoring)\s+(?:as\s+an?\s+|at\s+an?\s+|for\s+an?\s+|with\s+)?([\p{L}]+(?:\s+[\p{L}]+)?)?"#) { g, _ in
            guard let verb = g[1]?.lowercased() else { return [] }
            let object = g[2].map { TextTools.trimmed($0) } ?? ""
            return [FactBuilder.list("hobbies", [verb == "volunteering" && !object.isEmpty && g[0]?.lowercased().contains(" as ") == true ? "volunteering as a \(object)" : verb])]
        },
        Rule(#"\#(im)\#(adv)in\s+an?\s+((?:[\p{L}-]+\s+){0,2}?(?:club|band|choir|league|orchestra|book\s+club|team))\b"#) { g, _ in [FactBuilder.list("hobbies", [g[1]?.lowercased() ?? ""])] },
        Rule(#"^((?:[\p{L}]+ing)\b[^,]{0,40}?)\s+(?:is|are)\s+my\s+(?:absolute\s+|all[- ]time\s+)?favou?rite(?:\s+(?:thing|hobby|pastime|activity))?\s*$"#) { g, _ in
            [FactBuilder.list("hobbies", [g[1]?.lowercased() ?? ""].map { ValuePatterns.andTail.replacing(in: $0, with: "") })]
        },
        Rule(#"\bi\s+\#(adv)(?:do|practice)\s+((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)\s+(?:every\s+(?:day|morning|night|evening|week)|daily|regularly|weekly|each\s+day)\b"#) { g, _ in
            guard let activity = g[1]?.lowercased(), !["it", "this", "that", "the dishes", "laundry", "the laundry", "homework", "my homework"].contains(activity) else { return [] }
            return [FactBuilder.list("hobbies", [activity])]
        },
        Rule(#"\bi\s+\#(adv)do\s+((?:[\p{L}-]+\s+){1,2}work)\b"#) { g, _ in
            guard let work = g[1]?.lowercased(), !notKindsOfWork.contains(TextTools.firstWord(work)) else { return [] }
            return [FactBuilder.fact("role", work)]
        },
        Rule(#"\bi\s+\#(adv)have\s+an?\s+((?:[\p{L}-]+\s+){1,2}job)\b(?!\s+(?:interview|offer|application|search|hunt|fair|posting|tomorrow|today))"#) { g, _ in
            guard let job = g[1]?.lowercased(), let lead = job.split(separator: " ").first,
                !["new", "good", "great", "second", "full-time", "part-time", "real", "steady", "stable", "decent", "temporary", "summer", "side", "better", "nice", "cool", "fun", "hard", "tough", "big", "first", "dream", "perfect", "awesome", "amazing", "bad", "terrible"].contains(String(lead)) || job.split(separator: " ").count > 2
            else { return [] }
            return [FactBuilder.fact("role", job)]
        },
        Rule(#"(?:since|after)\s+becoming\s+an?\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\b"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"\b(?:i|we)\s+(?:just\s+|finally\s+|recently\s+)?got\s+married\b"#) { _, _ in [FactBuilder.fact("relationship_status", "married")] },
        Rule(#"\bhave\s+my\s+(?:husband|wife|partner|spouse)\s+and\s+(kids|children|son|daughter|sons|daughters|boys|girls)\b"#) { g, _ in [FactBuilder.list("children", [g[1]?.lowercased() ?? ""])] },
        Rule(#"^(one|two|three|four|five|\d)\s+(daughters?|sons?|kids|children|boys|girls)\s*$"#) { g, _ in
            [FactBuilder.list("children", [[g[1], g[2]].compactMap { $0?.lowercased() }.joined(separator: " ")])]
        },
        Rule(#"\b(?:down|up|out|over)\s+here\s+in\s+([\p{L}][\p{L} .]{1,30})"#) { g, c in
            guard let place = Values.scalar(g[1]), TextTools.startsUppercase(place) || Values.isKnownPlace(place) else { return [] }
            return [FactBuilder.fact("location", place)]
        },
    ]

    // MARK: Health and fears

    private static let health: [Rule] = [
        Rule(#"\#(im)\#(adv)\#(conditions)\b"#) { g, _ in [FactBuilder.list("health_conditions", [g[1]?.lowercased() ?? ""])] },
        Rule(#"\bi\s+\#(adv)(?:have|suffer\s+from|was\s+diagnosed\s+with|got\s+diagnosed\s+with|struggle\s+with|live\s+with|deal\s+with|battle|fight)\s+(.+)"#) { g, c in
            guard let items = Values.items(g[1], c) else { return [] }
            let known = items.map { $0.lowercased() }.filter { Vocabulary.healthConditions.contains($0) }
            return known.count == items.count ? [FactBuilder.list("health_conditions", known)] : []
        },
        Rule(#"\#(im)\#(adv)(?:afraid|scared|terrified|frightened|fearful)\s+of\s+(.+)|\bi\s+\#(adv)(?:fear|have\s+a\s+fear\s+of|have\s+a\s+phobia\s+of)\s+(.+)"#) { g, c in
            [FactBuilder.list("fears", Values.items(g[1] ?? g[2], c) ?? [])]
        },
    ]

    // MARK: Character

    private static let character: [Rule] = [
        Rule(#"\#(im)\#(adv)(?:an?\s+)?(?:very\s+|really\s+|total\s+|huge\s+|big\s+|bit\s+of\s+an?\s+)?\#(traits)\b(?!\s+(?:of|about|to|with|for)\b)(?!.*\b(?:today|tonight|right\s+now|this\s+(?:morning|week|evening|afternoon)|at\s+the\s+moment|lately)\b)"#) { g, _ in
            [FactBuilder.list("personality_traits", [g[1]?.lowercased() ?? ""])]
        },
        Rule(#"\#(im)\#(adv)(?:bad|terrible|awful|horrible|hopeless|the\s+worst)\s+(?:at|with)\s+(.+)"#) { g, c in [FactBuilder.list("weaknesses", Values.items(g[1], c) ?? [])] },
        Rule(#"^(.+?)\s+(?:is|are)\s+my\s+least\s+favou?rite\b|\bmy\s+least\s+favou?rite\s+(?:\p{L}+\s+){0,2}?(?:is|are)\s+(.+)"#) { g, c in
            [FactBuilder.list("dislikes", [Values.scalar(g[1] ?? g[2])].compactMap { $0 })]
        },
        Rule(#"\bi\s+\#(adv)believe\s+in\s+(?:the\s+)?(.+)"#) { g, _ in
            [FactBuilder.list("values", [Values.cut(g[1]).map { TextTools.trimmed(ValuePatterns.clauseTail.replacing(in: $0, with: "")) }].compactMap { $0 })]
        },
        Rule(#"\#(im)\#(adv)certified\s+(?:to|in|as)\s+(?:an?\s+)?(.+)"#) { g, c in [FactBuilder.list("certifications", [Values.scalar(g[1])].compactMap { $0 })] },
        Rule(#"\bi\s+(?:usually\s+|normally\s+|typically\s+|only\s+|always\s+)?sleep\s+((?:about\s+|around\s+|less\s+than\s+|more\s+than\s+|only\s+)?(?:\d+|five|six|seven|eight|nine|ten)\s+hours)"#) { g, _ in
            [FactBuilder.fact("sleep_schedule", g[1]?.lowercased())]
        },
        Rule(#"\#(im)(\d(?:'\s*\d{1,2}"?|\s*(?:feet|foot|ft)(?:\s*\d{1,2}(?:\s*inches)?)?)|\d{3}\s*cm|\d(?:\.\d+)?\s*m)\s+tall\b"#) { g, _ in [FactBuilder.fact("height", g[1])] },
        Rule(#"\#(im)((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|nine|eight|seven|six|five)\s+(?:years?\s+old|y/?o)\b"#) { g, _ in
            [FactBuilder.integer("age", g[1].flatMap(EnglishRules.numberWords), in: 1...120)]
        },
        Rule(#"\bi\s+have\s+(?:some\s+|a\s+lot\s+of\s+|lots\s+of\s+|years\s+of\s+)?experience\s+(?:in|with)\s+(.+)"#) { g, c in [FactBuilder.list("expertise", Values.items(g[1], c) ?? [])] },
    ]

    /// "forty-two" -> 42.
    static func numberWords(_ text: String) -> Int? {
        let values = ["five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                      "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                      "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "one": 1, "two": 2, "three": 3, "four": 4]
        let parts = text.lowercased().split(whereSeparator: { $0 == "-" || $0 == " " }).map { values[String($0)] }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.compactMap { $0 }.reduce(0, +)
    }

    // MARK: Origin

    private static let origin: [Rule] = [
        Rule(#"^i(?:'m|\s+am|m)\s+(?:half\s+|proudly\s+|a\s+proud\s+)?\#(nationalities)(?=\s*$|\s*[,;!.]|\s+(?:and|but|so|by|too|though|born|myself|citizen)\b)"#) { g, _ in
            [FactBuilder.fact("nationality", g[1]?.lowercased())]
        },
    ]

    // MARK: Possessions and online presence

    private static let possessions: [Rule] = [
        Rule(#"\bi\s+\#(adv)drive\s+(?:an?|the)\s+(.+)"#) { g, _ in
            guard let car = Values.scalar(g[1]) else { return [] }
            let words = car.lowercased().split(separator: " ").map(String.init)
            guard TextTools.startsUppercase(car) || words.contains(where: Vocabulary.carWords.contains) else { return [] }
            return [FactBuilder.fact("car", car)]
        },
        Rule(#"\bi\s+\#(adv)(?:have|own|got|bought|use)\s+(?:an?|the|my\s+own)\s+((?:[\p{L}\d-]+\s+){0,2}?[\p{L}\d-]+)(?=\s*$|\s*[,.;!]|\s+(?:and|but|that|which|so|for)\b)"#) { g, _ in
            guard let thing = g[1] else { return [] }
            let words = thing.lowercased().split(separator: " ").map(String.init)
            let last = words.last ?? ""
            if Vocabulary.phoneWords.contains(last) || Vocabulary.phoneWords.contains(words.first ?? "") { return [FactBuilder.fact("phone_model", thing)] }
            if Vocabulary.computerWords.contains(last) { return [FactBuilder.fact("computer", thing)] }
            if words.count > 1, Vocabulary.carWords.contains(words[0]) || Vocabulary.carWords.contains(last), !["toy", "model"].contains(words[0]) {
                return [FactBuilder.fact("car", thing)]
            }
            return []
        },
        Rule(#"\bi\s+\#(adv)(?:run|have|own|started|write|host|keep)\s+(?:an?|my\s+own|my)\s+((?:[\p{L}-]+\s+){0,2}?)(blog|website|web\s+site|youtube\s+channel|channel|podcast|vlog|instagram|tiktok)\b"#) { g, _ in
            guard let kind = g[2]?.lowercased() else { return [] }
            let value = ((g[1] ?? "") + kind).lowercased()
            switch kind {
            case "blog": return [FactBuilder.fact("blog", value)]
            case "website", "web site": return [FactBuilder.fact("website", value)]
            default: return [FactBuilder.list("social_media", [value])]
            }
        },
        Rule(#"\bi(?:'ve|\s+have)\s+(?:also\s+|already\s+|actually\s+)?been\s+to\s+(.+)"#) { g, c in
            guard let said = Values.scalar(g[1]) else { return [] }
            let raw = ValuePatterns.visitCount.replacing(in: said, with: "")
            let place = ValuePatterns.leadingThe.replacing(in: raw, with: "")
            let landmark = ValuePatterns.landmark.matches(place)
            guard TextTools.startsUppercase(place) || Values.isKnownPlace(place) || (landmark && c.lowercaseOnly) else { return [] }
            return [FactBuilder.list("travel_history", [place])]
        },
    ]

    // MARK: Schooling

    private static let schooling: [Rule] = [
        Rule(#"\#(im)\#(adv)(?:in|at|attending|going\s+to|enrolled\s+in|here\s+for|studying\s+at)\s+(?:a\s+|the\s+)?\#(schools)(?:\s+for\s+([\p{L} ]+))?"#) { g, _ in
            guard let school = g[1]?.lowercased() else { return [] }
            let subject = Values.scalar(g[2])
            return [FactBuilder.fact("education", subject.map { "\(school) for \($0)" } ?? school)]
        },
        Rule(#"\#(im)(?:an?\s+)?(freshman|sophomore|junior|senior|first[- ]year|second[- ]year|third[- ]year|final[- ]year)\s+(?:at|in)\s+(?:a\s+|the\s+)?(.+)"#) { g, c in
            guard let year = g[1]?.lowercased(), let place = Values.scalar(g[2]) else { return [] }
            let lower = place.lowercased()
            guard Education.isSchool(place) || ["uni", "college", "high school", "school"].contains(lower) else { return [] }
            return [FactBuilder.fact("education", "\(year) at \(place)")]
        },
        Rule(#"\#(im)(?:an?\s+)?([\p{L}]+(?:\s+[\p{L}]+)?)\s+major\b"#) { g, _ in
            guard let subject = g[1]?.lowercased(), !["big", "huge", "major", "the"].contains(subject) else { return [] }
            return [FactBuilder.fact("education", subject)]
        },
        Rule(#"\bi\s+went\s+to\s+(?:school|college|university|uni)\s+(?:at|in)\s+(.+)"#) { g, c in
            [FactBuilder.fact("university", Values.properNoun(g[1], c))]
        },
        Rule(#"\#(im)\#(adv)(?:a\s+)?(?:high\s+school|college|university|grad)\s+(?:graduate|grad)\b"#) { g, _ in
            [FactBuilder.fact("education", TextTools.trimmed(g[0].map { ValuePatterns.educationLead.replacing(in: $0, with: "") } ?? ""))]
        },
    ]

    // MARK: Workplaces named with common nouns

    private static let notWorkplaces: Set<String> = ["moment", "time", "minute", "team", "office", "company", "job", "place", "same", "weekend", "weekends", "night", "nights", "morning", "home", "distance", "computer", "desk", "laptop", "rate", "pace", "level", "loss", "lot", "bit", "way", "project", "group", "field", "role", "position", "capacity", "shift"]
    private static let notKindsOfWork: Set<String> = ["best", "good", "great", "hard", "extra", "more", "some", "any", "no", "much", "little", "lot", "lots", "real", "the", "my", "your", "their", "his", "her", "our", "a", "all", "enough", "less", "most", "same", "own", "house", "home", "volunteer"]

    private static let workplaces: [Rule] = [
        Rule(#"\bi(?:'m|\s+am)?\s+\#(adv)(?:work|working)\s+(?:at|in|for)\s+(?:an?|the)\s+((?:[\p{L}'-]+\s+){0,2}?[\p{L}'-]+)(?=\s*$|\s*[,.;!]|\s+(?:and|but|as|so|now|since|where|because|in|on|for|near|downtown|part|full|24)\b)"#) { g, _ in
            guard let place = g[1], !Vocabulary.badLeads.contains(TextTools.firstWord(place)), !notWorkplaces.contains(TextTools.firstWord(place)) else { return [] }
            return [FactBuilder.fact("company", place)]
        },
        Rule(#"\bmy\s+(?:job|work)\s+is\s+(?:in|at)\s+(?:an?|the)\s+((?:[\p{L}'-]+\s+){0,2}?[\p{L}'-]+)\b"#) { g, _ in [FactBuilder.fact("company", g[1])] },
        Rule(#"\bi\s+\#(adv)(?:work|am\s+working|'m\s+working)\s+(from\s+home|at\s+home|remotely|remote|freelance|part[- ]time|full[- ]time|nights|night\s+shifts?|from\s+my\s+house)\b"#) { g, _ in
            guard let style = g[1]?.lowercased() else { return [] }
            let schedule = style.contains("time") || style.contains("night")
            return [FactBuilder.fact(schedule ? "work_schedule" : "work_style", schedule ? style : "work \(style)")]
        },
        Rule(#"(?:^|\s)being\s+an?\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s+(?:is|has\s+been|isn't|is\s+not|keeps\s+me|takes)\b"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"^as\s+an?\s+((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)\s*(?:,\s*i\b.*)?$"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"\bmy\s+(?:job|work|career|position)\s+as\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: true) },
        Rule(#"\bi(?:\s+just|'ve\s+just|\s+have\s+just)?\s+(?:got|get|was|been|got\s+myself)\s+hired\s+(?:as|to\s+be)\s+(?:an?\s+)?(.+)"#) { g, c in Roles.facts(g[1], c, requireOccupation: false) },
        Rule(#"\bi(?:'ve|\s+have)\s+been\s+(?:an?\s+)((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)\s+for\s+(\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+years"#) { g, c in
            let roles = Roles.facts(g[1], c, requireOccupation: true)
            guard !roles.compactMap({ $0 }).isEmpty, let raw = g[2]?.lowercased() else { return [] }
            let years = Int(raw) ?? EnglishRules.numberWords(raw)
            return roles + [FactBuilder.integer("experience_years", years, in: 0...80)]
        },
        Rule(#"\bi(?:'ve|\s+have)\s+been\s+retired\b|\#(im)\#(adv)retired\b(?!\s+from\s+(?:the\s+)?(?:game|sport))"#) { _, _ in [FactBuilder.fact("role", "retired")] },
    ]

    // MARK: Children

    private static let family: [Rule] = [
        Rule(#"\bi\s+\#(adv)(?:have|'ve\s+got|have\s+got|raised)\s+(?:\#(count)\s+)?(?:(?:wonderful|amazing|beautiful|lovely|great|grown|adult|young|little|small|teenage|awesome|grown-up|sweet)\s+)?(kids|children|sons|daughters|boys|girls|twins|grandchildren|grandkids|stepkids|stepchildren|toddlers|toddler|teenagers|teens|son|daughter|child|kid|baby)\b(?:\s+and\s+(grandchildren|grandkids))?"#) { g, _ in
            guard let kind = g[2]?.lowercased() else { return [] }
            if ["a", "an"].contains(g[1]?.lowercased() ?? ""), kind.hasSuffix("s") { return [] }
            let adjective = g[0].map(ValuePatterns.childAdjective.matches) == true
            let familyWord = ["kids", "kid", "children", "child", "son", "sons", "daughter", "daughters", "baby"].contains(kind)
            if familyWord, !adjective, g[1] != nil { return [] }
            let item = [g[1].flatMap { ["a", "an", "one"].contains($0.lowercased()) ? nil : $0.lowercased() }, kind].compactMap { $0 }.joined(separator: " ")
            var facts: [Fact?] = [FactBuilder.list(kind.hasPrefix("grand") ? "family" : "children", [item])]
            if let grand = g[3]?.lowercased() { facts.append(FactBuilder.list("family", [grand])) }
            return facts
        },
        Rule(#"\bi\s+have\s+an?\s+(girlfriend|boyfriend|partner|fiance|fiancé|fiancee|fiancée|wife|husband)\s+(?:named|called)\s+([\p{L}'-]+)"#) { g, c in
            guard let kind = g[1]?.lowercased(), let name = Values.name(g[2], c) else { return [] }
            return [FactBuilder.fact(["wife", "husband"].contains(kind) ? "spouse_name" : "partner_name", name)]
        },
        Rule(#"\#(im)\#(adv)in\s+a\s+(?:serious\s+|long[- ]distance\s+|happy\s+|committed\s+)?relationship\b"#) { _, _ in [FactBuilder.fact("relationship_status", "in a relationship")] },
    ]
}
