import Foundation

/// A compiled regular expression, with the literal text any match needs (`LiteralNeeds`): a text
/// without it is answered "no match" without running ICU. `NSRegularExpression` is immutable once
/// built, so sharing it is safe.
struct Pattern: @unchecked Sendable {
    private let regex: NSRegularExpression
    let needs: LiteralNeeds

    /// Case-insensitive unless `caseSensitive`; the patterns are constants, so a bad one is a programming error.
    init(_ source: String, caseSensitive: Bool = false) {
        do {
            regex = try NSRegularExpression(pattern: source, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            preconditionFailure("invalid built-in pattern: \(source)")
        }
        needs = LiteralNeeds(pattern: source)
    }

    /// Whether the text may match; when not, debug builds check that ICU agrees.
    func mayMatch(_ text: String, _ probe: TextProbe) -> Bool {
        if needs.admits(probe) { return true }
        assert(firstMatch(text) == nil, "literal pre-check refused a text this pattern matches: \(regex.pattern)")
        return false
    }

    /// ICU's first match, without the pre-check.
    func firstMatch(_ text: String) -> NSTextCheckingResult? {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// The capture groups of the first match (index 0 is the whole match), nil when nothing matches.
    func match(_ text: String) -> [String?]? {
        match(text, TextProbe(text))
    }

    /// As `match(_:)`, with the text's probe made once by a caller trying many patterns on it.
    func match(_ text: String, _ probe: TextProbe) -> [String?]? {
        guard mayMatch(text, probe), let result = firstMatch(text) else { return nil }
        return (0..<result.numberOfRanges).map { index in
            Range(result.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    func matches(_ text: String) -> Bool {
        mayMatch(text, TextProbe(text)) && firstMatch(text) != nil
    }

    func replacing(in text: String, with template: String) -> String {
        guard mayMatch(text, TextProbe(text)) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// The text before the first match (all of it when nothing matches).
    func prefix(before text: String) -> String {
        guard mayMatch(text, TextProbe(text)), let result = firstMatch(text), let cut = Range(result.range, in: text) else { return text }
        return String(text[..<cut.lowerBound])
    }

    func split(_ text: String) -> [String] {
        guard mayMatch(text, TextProbe(text)) else { return [text] }
        let range = NSRange(text.startIndex..., in: text)
        var pieces: [String] = []
        var start = text.startIndex
        for result in regex.matches(in: text, range: range) {
            guard let cut = Range(result.range, in: text) else { continue }
            pieces.append(String(text[start..<cut.lowerBound]))
            start = cut.upperBound
        }
        pieces.append(String(text[start...]))
        return pieces
    }
}

/// Text handling shared by the English and Chinese rules.
enum TextTools {
    private static let quoted = Pattern(#""[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』|«[^»]*»"#)
    private static let spaces = Pattern(#"[ \t\x{3000}]+"#)
    private static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "prof", "mt", "ft", "e.g", "i.e", "no"]

    /// Apostrophes made plain, quoted passages dropped (they are someone's words, not facts), spaces collapsed.
    static func normalised(_ message: String) -> String {
        // Both quotes start with the byte E2 in UTF-8: most messages have neither, and skip Foundation's search.
        var text = !message.utf8.contains(0xE2) ? message : message.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "‘", with: "'")
        text = quoted.replacing(in: text, with: " ")
        return hasSpacesToCollapse(text) ? spaces.replacing(in: text, with: " ") : text
    }

    /// Whether `spaces` would change the text: it holds a tab, an ideographic space (E3 80 80 in
    /// UTF-8) or two spaces in a row.
    private static func hasSpacesToCollapse(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x09 || byte == 0x80 || (byte == 0x20 && previous == 0x20) { return true }
            previous = byte
        }
        return false
    }

    private static let sentenceEnds: Set<Character> = ["!", "?", ";", "。", "！", "？", "；", "\n"]
    private static let repeatedEnds: Set<Character> = ["!", "?", "。", "！", "？"]

    /// Sentences, each with its closing mark kept so questions can be told apart.
    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var currentStart = 0
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            var ends = sentenceEnds.contains(character)
            if character == "." {
                let word = lastWord(in: characters[currentStart..<index]).lowercased()
                ends = (next == nil || next!.isWhitespace || next == "\"") && !abbreviations.contains(word)
            }
            if ends, next.map({ !repeatedEnds.contains($0) }) ?? true {
                sentences.append(current)
                current = ""
                currentStart = index + 1
            }
        }
        sentences.append(current)
        return sentences.map(trimmedSpaces).filter { !$0.isEmpty }
    }

    /// Foundation's trimming of spaces and line breaks, called only when an end holds one.
    private static func trimmedSpaces(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            CharacterSet.whitespacesAndNewlines.contains(first) || CharacterSet.whitespacesAndNewlines.contains(last)
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The last run of characters other than " " (the word a full stop closes: "Mr" in "Mr."); ""
    /// when there is none.
    private static func lastWord(in characters: ArraySlice<Character>) -> String {
        var end = characters.endIndex
        while end > characters.startIndex, characters[end - 1] == " " { end -= 1 }
        var start = end
        while start > characters.startIndex, characters[start - 1] != " " { start -= 1 }
        return String(characters[start..<end])
    }

    static func containsHan(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    static let trailingJunk = CharacterSet(charactersIn: " \t\n.,!?;:…~。，！？；：、\"'“”()（）[]-—–*_").union(.symbols.subtracting(CharacterSet(charactersIn: "+#")))

    /// Trims spaces and punctuation at both ends, keeping "C++" and "C#".
    static func trimmed(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.unicodeScalars.last, trailingJunk.contains(last), !(result.hasSuffix("+") || result.hasSuffix("#")) {
            result = result.dropLast()
        }
        while let first = result.unicodeScalars.first, trailingJunk.contains(first) {
            result = result.dropFirst()
        }
        // Foundation's trimming only when an end is a space the loops above keep (a no-break space).
        guard let first = result.unicodeScalars.first, let last = result.unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return String(result) }
        return String(result).trimmingCharacters(in: .whitespaces)
    }

    /// Capitalises each word of a name, leaving the rest of each word as written.
    static func capitalisedName(_ name: String) -> String {
        name.split(separator: " ").map { word in word.prefix(1).uppercased() + word.dropFirst() }.joined(separator: " ")
    }

    static func firstWord(_ text: String) -> String {
        String(text.split(separator: " ").first ?? "").lowercased()
    }

    static func startsUppercase(_ text: String) -> Bool {
        text.first.map { $0.isUppercase || $0.isNumber } ?? false
    }

    /// "cook" -> "cooking", "swim" -> "swimming", "dance" -> "dancing": for "I love to cook".
    static func gerund(_ phrase: String) -> String {
        var words = phrase.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased(), verb.count > 1, !(verb.hasSuffix("ing") && verb.count > 4) else { return phrase }
        let vowels = Set("aeiou")
        let letters = Array(verb)
        var stem = verb
        if verb.hasSuffix("ie") {
            stem = String(verb.dropLast(2)) + "y"
        } else if verb.hasSuffix("e"), !verb.hasSuffix("ee") {
            stem = String(verb.dropLast())
        } else if letters.count >= 3 {
            let (a, b, c) = (letters[letters.count - 3], letters[letters.count - 2], letters[letters.count - 1])
            let vowelGroups = verb.split(whereSeparator: { !vowels.contains($0) }).count
            if !vowels.contains(a), vowels.contains(b), !vowels.contains(c), !"wxy".contains(c), vowelGroups == 1 {
                stem = verb + String(c)
            }
        }
        words[0] = stem + "ing"
        return words.joined(separator: " ")
    }

    private static let chineseDigits: [Character: Int] = ["零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// "28", "二十八", "三十", "十九" -> a number; nil for anything else.
    static func number(_ text: String) -> Int? {
        if let value = Int(text) { return value }
        var total = 0
        var digit: Int?
        for character in text {
            if let value = chineseDigits[character] {
                digit = value
            } else if character == "十" {
                total += (digit ?? 1) * 10
                digit = nil
            } else if character == "百" {
                total += (digit ?? 1) * 100
                digit = nil
            } else {
                return nil
            }
        }
        return text.isEmpty ? nil : total + (digit ?? 0)
    }
}
