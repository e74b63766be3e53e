#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The literal text every match of a regular expression must contain, read from the pattern's
/// source once, when the pattern is built. `Pattern` checks it before running ICU: a text that lacks
/// it cannot match, so the expression is not run (most of the ~120 English rules need a word such
/// as "live", "favorite" or "married" that a given clause does not hold).
///
/// `all` is a conjunction of choices: every entry names strings of which at least one occurs in any
/// text the pattern matches (ASCII lower-cased, the text too, so this holds for case-insensitive
/// and case-sensitive patterns alike). Only what is certain is kept: a literal run of ASCII
/// characters, letters without case (Han) and punctuation, the choices of an alternation whose every branch needs
/// one, a group repeated at least once. Optional parts, classes, lookarounds and other non-ASCII
/// literals need nothing; a construct `PatternReader` does not know makes the whole pattern need
/// nothing, so it always runs.
struct LiteralNeeds: Sendable, Equatable {
    let all: [[String]]
    private let needles: [[Needle]]

    static let nothing = LiteralNeeds(all: [])

    /// Most alternatives kept for one choice: testing a hundred words against a clause's byte pairs
    /// is still far cheaper than ICU trying each of them at every position ("would|could|might|…"
    /// in the hypothetical filter); a longer word list is left to ICU.
    static let maxChoices = 128

    init(all: [[String]]) {
        self.all = all
        self.needles = all.map { $0.map(Needle.init) }
    }

    /// What every match of `source` needs; nothing when the source holds a construct not read here.
    init(pattern source: String) {
        var reader = PatternReader(Array(source.unicodeScalars))
        guard let needs = try? reader.readAll() else {
            self = .nothing
            return
        }
        self.init(all: Self.tidied(needs))
    }

    static func == (left: LiteralNeeds, right: LiteralNeeds) -> Bool {
        left.all == right.all
    }

    /// False only when the text cannot match: it lacks every string of some entry.
    func admits(_ probe: TextProbe) -> Bool {
        guard probe.exact else { return true }
        return needles.allSatisfy { choice in choice.contains(where: probe.contains) }
    }

    /// Each choice without alternatives that contain another of its strings ("'m", "am", "m" is
    /// "m"), choices that any text meets dropped, the most selective first.
    private static func tidied(_ needs: [[String]]) -> [[String]] {
        var result: [[String]] = []
        for choice in needs {
            let unique = Array(Set(choice))
            let minimal = unique.filter { word in
                !unique.contains { $0 != word && Array(word.utf8).contains(bytesOf: Array($0.utf8)) }
            }.sorted()
            guard !minimal.contains(""), !minimal.isEmpty, !result.contains(minimal) else { continue }
            result.append(minimal)
        }
        return result.sorted { shortest($0) > shortest($1) || (shortest($0) == shortest($1) && $0.lexicographicallyPrecedes($1)) }
    }

    static func shortest(_ choice: [String]) -> Int {
        choice.map(\.utf8.count).min() ?? 0
    }
}

/// One string a text must hold, with the byte pairs it is made of for a quick refusal.
struct Needle: Sendable {
    let bytes: [UInt8]
    let pairs: BytePairs

    init(_ text: String) {
        bytes = Array(text.utf8)
        pairs = BytePairs(bytes)
    }
}

/// The adjacent byte pairs of a text, hashed into 256 bits: a text whose pairs lack one of a
/// needle's cannot hold the needle.
struct BytePairs: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: [UInt8]) {
        guard bytes.count > 1 else { return }
        for index in 1..<bytes.count {
            let hash = (UInt32(bytes[index - 1]) << 8 | UInt32(bytes[index])) &* 2_654_435_761 >> 24
            let bit = UInt64(1) << UInt64(hash & 63)
            switch hash >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    func isSubset(of other: BytePairs) -> Bool {
        bits.0 & ~other.bits.0 == 0 && bits.1 & ~other.bits.1 == 0 && bits.2 & ~other.bits.2 == 0 && bits.3 & ~other.bits.3 == 0
    }
}

/// A text as `LiteralNeeds` searches it: its UTF-8 with ASCII letters lower-cased.
///
/// ICU matches case-insensitively by full case folding, so a few non-ASCII characters match ASCII
/// letters ("K" KELVIN SIGN matches "k", "ſ" matches "s", "ﬁ" matches "fi"). Every such character
/// changes when case-folded; a text holding one is not `exact` and every pattern is run on it.
struct TextProbe {
    let bytes: [UInt8]
    let pairs: BytePairs
    let exact: Bool

    init(_ text: String) {
        var ascii = true
        bytes = text.utf8.map { byte in
            if byte >= 0x80 { ascii = false }
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        pairs = BytePairs(bytes)
        exact = ascii || !text.unicodeScalars.contains { $0.value >= 0x80 && $0.properties.changesWhenCaseFolded }
    }

    func contains(_ needle: Needle) -> Bool {
        needle.pairs.isSubset(of: pairs) && bytes.contains(bytesOf: needle.bytes)
    }
}

extension [UInt8] {
    /// Whether `needle` occurs: `memchr` finds each place its first byte occurs, `memcmp` checks the rest.
    func contains(bytesOf needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        return withUnsafeBytes { text in
            needle.withUnsafeBytes { word in
                guard let base = text.baseAddress, let start = word.baseAddress, text.count >= word.count else { return false }
                var offset = 0
                let last = text.count - word.count
                while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, start, word.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
