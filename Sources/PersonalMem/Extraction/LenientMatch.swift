import Foundation

/// Value and field matching as the development set's scorer reads its labels: a predicted value
/// matches a label when, after normalisation, one token sequence contains the other; a field
/// matches the labelled one, one of its accepted alternatives, or a related `favorite_*` field.
///
/// Normalisation: lower case, "&" as "and", punctuation dropped, each CJK character a token,
/// number words as digits, articles, possessives and a few function words dropped, light suffix
/// stemming, and for `gender` the usual synonyms folded (woman → female).
package enum LenientMatch {
    private static let numbers: [String: String] = [
        "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
        "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
        "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
        "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
        "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
    ]
    private static let dropped: Set<String> = [
        "a", "an", "the", "my", "our", "his", "her", "their", "to", "of", "and", "in", "at", "for", "on", "i",
        "me", "is", "am", "are",
    ]
    private static let genders: [String: String] = [
        "woman": "female", "girl": "female", "female": "female", "f": "female", "lady": "female",
        "man": "male", "boy": "male", "male": "male", "m": "male", "guy": "male",
    ]

    /// Field names compared in one spelling: lower case, "_" for spaces and hyphens, "favorite".
    package static func fieldKey(_ field: String) -> String {
        let lower = field.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "favourite", with: "favorite")
        return lower.replacingOccurrences(of: #"[\s\-]+"#, with: "_", options: .regularExpression)
    }

    /// The predicted field counts for the labelled one.
    package static func fieldMatches(_ predicted: String, label: String, alternatives: [String]) -> Bool {
        let predicted = fieldKey(predicted)
        return ([label] + alternatives).map(fieldKey).contains { $0 == predicted || favoritesRelated($0, predicted) }
    }

    /// Two `favorite_*` fields whose suffixes share a word (favorite_music ~ favorite_music_genre).
    static func favoritesRelated(_ a: String, _ b: String) -> Bool {
        let prefix = "favorite_"
        guard a.hasPrefix(prefix), b.hasPrefix(prefix) else { return false }
        let left = Set(a.dropFirst(prefix.count).split(separator: "_"))
        let right = Set(b.dropFirst(prefix.count).split(separator: "_"))
        return !left.isDisjoint(with: right)
    }

    /// One value contains the other after normalisation (`strict`: they are equal).
    package static func valueMatches(_ predicted: String, _ expected: String, field: String, strict: Bool = false) -> Bool {
        if field == "age", let a = Double(predicted.trimmingCharacters(in: .whitespaces)), let b = Double(expected) {
            return Int(a) == Int(b)
        }
        let a = tokens(predicted, field: field)
        let b = tokens(expected, field: field)
        guard !a.isEmpty, !b.isEmpty else { return false }
        if strict { return a == b }
        return contains(a, b) || contains(b, a)
    }

    /// The normalised tokens of a value.
    package static func tokens(_ value: String, field: String = "") -> [String] {
        var text = value.lowercased().replacingOccurrences(of: "&", with: " and ").replacingOccurrences(of: "favourite", with: "favorite")
        var spaced = ""
        for scalar in text.unicodeScalars {
            if isCJK(scalar) {
                spaced += " \(Character(scalar)) "
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "#" || scalar == "+" {
                spaced.unicodeScalars.append(scalar)
            } else {
                spaced += " "
            }
        }
        text = spaced
        var out: [String] = []
        for raw in text.split(separator: " ") {
            let token = numbers[String(raw)] ?? String(raw)
            if dropped.contains(token) { continue }
            out.append(stem(field == "gender" ? genders[token] ?? token : token))
        }
        return out
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// Light suffix stemming: "hiking" ~ "hike", "cats" ~ "cat", "stories" ~ "stori".
    static func stem(_ token: String) -> String {
        if token.contains(where: { $0.isNumber || $0 == "#" || $0 == "+" }) { return token }
        var word = token
        var strippedVerbEnding = false
        for (suffix, replacement, minimum) in [("ies", "i", 5), ("ing", "", 6), ("ed", "", 5), ("es", "", 5), ("s", "", 4)] {
            guard word.count >= minimum, word.hasSuffix(suffix), !(suffix == "s" && word.hasSuffix("ss")) else { continue }
            word = String(word.dropLast(suffix.count)) + replacement
            strippedVerbEnding = suffix == "ing" || suffix == "ed"
            break
        }
        let letters = Array(word)
        if strippedVerbEnding, letters.count > 3, letters[letters.count - 1] == letters[letters.count - 2], !"aeiousz".contains(letters[letters.count - 1]) {
            word.removeLast()
        }
        if word.count > 3, word.hasSuffix("e") { word.removeLast() }
        if word.count > 3, word.hasSuffix("y") { word = String(word.dropLast()) + "i" }
        return word
    }

    /// `needle` occurs in `haystack` as a contiguous run.
    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
