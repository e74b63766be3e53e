import Foundation

/// Turns captured English text into clean values.
enum Values {
    private static let stopper = Pattern(#"\s+(?:because|since|but|though|although|so that|so|when|whenever|which|who|whom|whose|where|while|until|unless|if|as well|too|also|anymore|any more|now|nowadays|these days|right now|at the moment|currently|lately|recently|a lot|very much|so much|for a living|for fun|in my (?:free|spare) time|every (?:day|week|weekend|morning|evening|night|year|summer|sunday|saturday)|on (?:the )?weekends|at weekends|on (?:sundays|saturdays)|with (?:my|our|a|an|the|his|her|their|two|three)|for (?:about |around |over |almost |nearly |the (?:past|last) )?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|a couple of|years|months|ages|a while|a long time|some time|most of my life|my whole life)|(?:all\s+)?my\s+(?:whole|entire)\s+life|all\s+my\s+life|last (?:week|month|year|summer|winter|spring|fall|autumn)|this (?:week|month|year)|(?:about |around )?(?:a|an|one|two|three|four|five|\d+|few|several|couple of|many) (?:years?|months?|weeks?|days?) ago|ago|in \d{4}|since \d{4}|to be honest|honestly|haha|lol|as an?|as my|though|already|instead|again|actually|originally|at work|for work|at my job|professionally|on the job|daily)\b.*$"#)
    private static let scalarStopper = Pattern(#"\s*[,;(].*$|\s+(?:and|or|to|in order to|from|by|right|at the|who|that)\s+.*$"#)
    private static let listSeparator = Pattern(#"\s*,\s*(?:and\s+|or\s+)?|\s*、\s*|\s+(?:and|or|&|as well as|plus|along with)\s+"#)
    private static let itemLead = Pattern(#"^(?:both|either|also|especially|particularly|mostly|mainly|really|all kinds of|all sorts of|lots of|a lot of|some|good|great)\s+"#)
    private static let itemTail = Pattern(#"\s+(?:etc|and so on|and stuff|and things like that|and more|among others)\.?$"#)

    /// Text up to the first word that ends the value ("because", "now", "for two years" ...).
    static func cut(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = TextTools.trimmed(stopper.replacing(in: raw, with: ""))
        return text.isEmpty ? nil : text
    }

    /// One value: also ends at a comma, "and", "to", "from".
    static func scalar(_ raw: String?) -> String? {
        guard let text = cut(raw) else { return nil }
        let value = TextTools.trimmed(scalarStopper.replacing(in: text, with: ""))
        return value.isEmpty ? nil : value
    }

    /// Items of a list, split on commas, "and", "or", "、"; nil when the first item is no thing
    /// the user could like or know ("you", "it", "my job", "that").
    static func items(_ raw: String?, _ context: RuleContext) -> [String]? {
        guard let text = cut(raw) else { return nil }
        let items = listSeparator.split(itemTail.replacing(in: text, with: "")).map { item in
            TextTools.trimmed(itemLead.replacing(in: TextTools.trimmed(item), with: ""))
        }.filter { !$0.isEmpty }
        guard let first = items.first else { return nil }
        let lead = TextTools.firstWord(first)
        guard !Vocabulary.badLeads.contains(lead), !Vocabulary.determiners.contains(lead) else { return nil }
        guard items.allSatisfy({ $0.split(separator: " ").count <= 6 }) else { return nil }
        return items
    }

    /// A place or an organisation: a proper noun, so it starts with a capital unless the user never uses capitals.
    static func properNoun(_ raw: String?, _ context: RuleContext, keepRegion: Bool = false) -> String? {
        guard let text = cut(raw) else { return nil }
        var value = TextTools.trimmed(scalarStopper.replacing(in: text, with: ""))
        if keepRegion, let groups = region.match(text), let city = groups[1], let area = groups[2], TextTools.startsUppercase(area) || context.lowercaseOnly {
            value = "\(city), \(TextTools.trimmed(area))"
        }
        if let groups = vaguePlace.match(value), let named = groups[1] {
            return properNoun(named, context, keepRegion: keepRegion)
        }
        let words = value.split(separator: " ").map(String.init)
        guard let first = words.first, words.count <= 6 else { return nil }
        let lead = first.lowercased()
        guard !Vocabulary.determiners.contains(lead), !Vocabulary.badLeads.contains(lead), !notPlaces.contains(value.lowercased()) else { return nil }
        if lead == "the" {
            guard words.count > 1, TextTools.startsUppercase(words[1]) || context.lowercaseOnly else { return nil }
            return value
        }
        return TextTools.startsUppercase(first) || context.lowercaseOnly || isKnownPlace(value) || words.dropFirst().contains(where: TextTools.startsUppercase) ? value : nil
    }

    /// A place: capitalised, known to the places list, or written by a user who never uses capitals.
    static func isPlace(_ value: String, _ context: RuleContext) -> Bool {
        guard let first = value.split(separator: " ").first, !Vocabulary.badLeads.contains(first.lowercased()), !Vocabulary.determiners.contains(first.lowercased()) else { return false }
        return TextTools.startsUppercase(value) || context.lowercaseOnly || isKnownPlace(value)
    }

    /// In the places list, whole or by its last words ("upstate new york").
    static func isKnownPlace(_ value: String) -> Bool {
        let words = value.lowercased().split(separator: " ")
        return (0..<words.count).contains { Vocabulary.places.contains(words[$0...].joined(separator: " ")) }
    }

    private static let vaguePlace = Pattern(#"^(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}(?:town|village|city|place|suburb|area|island)\s+in\s+(.+)$"#)
    private static let region = Pattern(#"^([^,]+),\s*([\p{L} .]+?)\s*$"#)
    private static let notPlaces: Set<String> = ["home", "work", "school", "myself", "free", "fun", "a living", "now", "here", "there", "town", "the city", "the suburbs", "the countryside", "college", "university", "a startup", "remote", "hospital", "office", "alone", "peace", "sin", "harmony", "style", "luxury", "fear", "denial", "hope", "the moment", "the past", "the present", "the future", "a bubble", "a van", "a car", "my car"]

    /// A person's name, each word capitalised; words after the name ("and", "from") are dropped.
    static func name(_ raw: String?, _ context: RuleContext) -> String? {
        guard let raw else { return nil }
        let words = TextTools.trimmed(raw).split(separator: " ").map { TextTools.trimmed(String($0)) }
        var kept: [String] = []
        for word in words {
            guard !word.isEmpty, !Vocabulary.notNames.contains(word.lowercased()) else { break }
            if let first = kept.first, TextTools.startsUppercase(first), !TextTools.startsUppercase(word) { break }
            kept.append(word)
            if kept.count == 3 { break }
        }
        guard !kept.isEmpty, kept.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } }) else { return nil }
        return TextTools.capitalisedName(kept.joined(separator: " "))
    }

    /// Items known to the vocabulary, lower-case comparison; the user's spelling is kept.
    static func known(_ items: [String], in vocabulary: Set<String>) -> [String] {
        items.filter { vocabulary.contains($0.lowercased()) }
    }

    private static let languageQualifier = Pattern(#"^(?:fluent|fluently|some|a little(?: bit of)?|a bit of|a bit|basic|conversational|broken|decent|native|good|passable|pretty good|enough|little|intermediate|beginner|advanced|a few words of)\s+"#)

    /// Spoken languages from "English and a little French": capitalised or known words only.
    static func languages(_ raw: String?, _ context: RuleContext) -> [String]? {
        guard let items = items(raw, context) else { return nil }
        let cleaned = items.map { TextTools.trimmed(languageQualifier.replacing(in: $0, with: "")) }.map {
            ValuePatterns.languageSkill.replacing(in: $0, with: "")
        }
        guard cleaned.allSatisfy({ Vocabulary.spokenLanguages.contains($0.lowercased()) }) else { return nil }
        return cleaned
    }
}
