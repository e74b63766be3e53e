/// Splits text into the terms that `KeywordIndex` indexes and searches.
///
/// Text is lower-cased. A term is a run of letters and digits (numbers are kept, so "4512" matches
/// "4512"); each CJK character (Han, kana, Hangul syllables) is a term of its own, and so is each pair
/// of adjacent CJK characters, so Chinese matches on characters and on two-character words. A short
/// list of English stop words is dropped, and English words are stemmed (``EnglishStemmer``: plurals,
/// -ed, -ing), so "painted" finds "paintings".
public enum KeywordTokenizer {
    /// The terms of `text`, in order, with repeats.
    public static func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var previousCJK: Unicode.Scalar?

        func flushWord() {
            guard !word.isEmpty else { return }
            let term = String(word)
            if !stopWords.contains(term) { tokens.append(EnglishStemmer.stem(term)) }
            word = String.UnicodeScalarView()
        }

        for scalar in text.lowercased().unicodeScalars {
            if isCJK(scalar) {
                flushWord()
                var single = String.UnicodeScalarView()
                single.append(scalar)
                tokens.append(String(single))
                if let previous = previousCJK {
                    var pair = String.UnicodeScalarView()
                    pair.append(previous)
                    pair.append(scalar)
                    tokens.append(String(pair))
                }
                previousCJK = scalar
            } else if isWordScalar(scalar) {
                previousCJK = nil
                word.append(scalar)
            } else {
                previousCJK = nil
                flushWord()
            }
        }
        flushWord()
        return tokens
    }

    /// Letters, digits and combining marks (so decomposed accents stay inside their word).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return false
        }
    }

    /// Han (with extensions and compatibility ideographs), hiragana, katakana and Hangul syllables.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Common English function words that carry no meaning for keyword search.
    public static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "about", "is", "are", "was", "were", "be", "been", "being", "am",
        "do", "does", "did", "it", "its", "this", "that", "these", "those", "there", "then", "than",
        "so", "such", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her",
        "they", "them", "their", "what", "which", "who", "whom", "how", "when", "where", "why",
        "will", "would", "can", "could", "should", "shall", "may", "might", "must", "have", "has",
        "had", "not", "no", "just", "very", "too", "also", "s", "t", "d", "ll", "m", "re", "ve",
    ]
}
