import Foundation

/// BERT's "basic" tokenisation for uncased models, as Hugging Face's fast tokenizer does it
/// (`BertNormalizer` then `BertPreTokenizer`), on Unicode scalars:
///
/// 1. clean: drop NUL, U+FFFD and control/format/unassigned/private-use scalars (except tab, newline and
///    carriage return); every whitespace scalar becomes a space;
/// 2. put spaces around each CJK ideograph, so that each is a word of its own;
/// 3. strip accents: canonical decomposition (NFD), then drop non-spacing marks;
/// 4. lower-case, scalar by scalar;
/// 5. split on whitespace, and make each punctuation scalar (ASCII punctuation or Unicode P*) a word.
enum BertPreTokenizer {
    /// The words of `text`, each as its Unicode scalars.
    static func words(in text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var words: [[Unicode.Scalar]] = []
        var word: [Unicode.Scalar] = []
        func flush() {
            if !word.isEmpty { words.append(word); word.removeAll(keepingCapacity: true) }
        }
        let decomposed = hasOnlyASCII(cleaned) ? String(cleaned) : String(cleaned).decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            for lower in lowercased(scalar) {
                if isWhitespace(lower) {
                    flush()
                } else if isPunctuation(lower) {
                    flush()
                    words.append([lower])
                } else {
                    word.append(lower)
                }
            }
        }
        flush()
        return words
    }

    private static func hasOnlyASCII(_ scalars: String.UnicodeScalarView) -> Bool {
        scalars.allSatisfy { $0.isASCII }
    }

    /// Full lower-case mapping of one scalar (no context rules, like Rust's `char::to_lowercase`).
    private static func lowercased(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII {
            let value = scalar.value
            return [(value >= 65 && value <= 90) ? Unicode.Scalar(value + 32)! : scalar]
        }
        return Array(scalar.properties.lowercaseMapping.unicodeScalars)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        default: return !scalar.isASCII && scalar.properties.isWhitespace
        }
    }

    /// Control, format, surrogate, private-use and unassigned scalars, except tab, newline and return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x20...0x7E: return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// ASCII punctuation (which includes `$ + < = > ^ \` |`, symbols in Unicode) or a Unicode P* scalar.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT treats as one word per character (not kana or hangul).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F, 0x2B920...0x2CEAF,
            0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
