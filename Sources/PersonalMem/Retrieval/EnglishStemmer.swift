/// Step 1 of the Porter stemmer (plurals, -ed, -ing, final -y): folds the inflections of English
/// words so that "paints", "painted" and "painting" all index as "paint", "parties" and "party" as
/// "parti". Derivational suffixes (-ness, -ation, …) are left alone. Words that are not plain ASCII
/// letters, or shorter than four letters, are returned unchanged.
enum EnglishStemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count >= 4, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var w = Array(word.utf8)
        step1a(&w)
        step1b(&w)
        step1c(&w)
        return String(decoding: w, as: UTF8.self)
    }

    private static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i"), o = UInt8(ascii: "o"),
        u = UInt8(ascii: "u"), y = UInt8(ascii: "y"), s = UInt8(ascii: "s"), l = UInt8(ascii: "l"), z = UInt8(ascii: "z"),
        w = UInt8(ascii: "w"), x = UInt8(ascii: "x")

    /// Whether `word[index]` is a consonant in Porter's sense (y after a consonant is a vowel).
    private static func isConsonant(_ word: [UInt8], _ index: Int) -> Bool {
        switch word[index] {
        case a, e, i, o, u: return false
        case y: return index == 0 ? true : !isConsonant(word, index - 1)
        default: return true
        }
    }

    /// Porter's m: the number of vowel-consonant sequences in `word[0..<length]`.
    private static func measure(_ word: [UInt8], _ length: Int) -> Int {
        var m = 0
        var index = 0
        while index < length, isConsonant(word, index) { index += 1 }
        while index < length {
            while index < length, !isConsonant(word, index) { index += 1 }
            guard index < length else { break }
            m += 1
            while index < length, isConsonant(word, index) { index += 1 }
        }
        return m
    }

    private static func hasVowel(_ word: [UInt8], _ length: Int) -> Bool {
        (0..<length).contains { !isConsonant(word, $0) }
    }

    private static func ends(_ word: [UInt8], _ suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return word.count >= tail.count && Array(word.suffix(tail.count)) == tail
    }

    private static func replace(_ word: inout [UInt8], suffix: String, with replacement: String) {
        word.removeLast(suffix.utf8.count)
        word.append(contentsOf: replacement.utf8)
    }

    /// Consonant-vowel-consonant at the end of `word[0..<length]`, the last not w, x or y.
    private static func endsCVC(_ word: [UInt8], _ length: Int) -> Bool {
        guard length >= 3, isConsonant(word, length - 1), !isConsonant(word, length - 2), isConsonant(word, length - 3) else { return false }
        let last = word[length - 1]
        return last != w && last != x && last != y
    }

    private static func step1a(_ word: inout [UInt8]) {
        if ends(word, "sses") { replace(&word, suffix: "sses", with: "ss") }
        else if ends(word, "ies") { replace(&word, suffix: "ies", with: "i") }
        else if ends(word, "ss") || ends(word, "us") || ends(word, "is") { return }
        else if ends(word, "s") { word.removeLast() }
    }

    private static func step1b(_ word: inout [UInt8]) {
        if ends(word, "eed") {
            if measure(word, word.count - 3) > 0 { word.removeLast() }
            return
        }
        var removed = false
        for suffix in ["ed", "ing"] where ends(word, suffix) && hasVowel(word, word.count - suffix.utf8.count) {
            word.removeLast(suffix.utf8.count)
            removed = true
            break
        }
        guard removed else { return }
        if ends(word, "at") || ends(word, "bl") || ends(word, "iz") {
            word.append(e)
        } else if word.count >= 2, word[word.count - 1] == word[word.count - 2], isConsonant(word, word.count - 1),
            ![l, s, z].contains(word[word.count - 1]) {
            word.removeLast()
        } else if measure(word, word.count) == 1, endsCVC(word, word.count) {
            word.append(e)
        }
    }

    private static func step1c(_ word: inout [UInt8]) {
        if word.last == y, hasVowel(word, word.count - 1) { word[word.count - 1] = i }
    }
}
