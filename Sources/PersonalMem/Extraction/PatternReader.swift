/// Reads an ICU regular expression's source for `LiteralNeeds`: what literal text each part of it
/// needs, as a conjunction of choices. It knows the constructs the extractor's patterns use and
/// throws on any other (free-spacing mode, back-references, `\Q…\E`, a stray quantifier), so an
/// unread pattern needs nothing rather than something wrong.
struct PatternReader {
    struct Unreadable: Error {}

    private enum Atom {
        /// One character matched as itself: ASCII (lower-cased), a letter without case or punctuation.
        case literal(Character)
        /// A group: what it needs.
        case group([[String]])
        /// Consumes no text: anchors, word boundaries, lookarounds, inline flags, comments.
        case zeroWidth
        /// Anything else: a class, ".", an escape such as `\s`, a non-ASCII character.
        case other
    }

    /// Categories no character case-folds into.
    private static let caseless: Set<Unicode.GeneralCategory> = [
        .otherLetter, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation,
    ]

    private let source: [Unicode.Scalar]
    private var position = 0

    init(_ source: [Unicode.Scalar]) {
        self.source = source
    }

    mutating func readAll() throws -> [[String]] {
        let needs = try alternation()
        guard position == source.count else { throw Unreadable() }
        return needs
    }

    private var next: Unicode.Scalar? { position < source.count ? source[position] : nil }

    private mutating func take() throws -> Unicode.Scalar {
        guard let scalar = next else { throw Unreadable() }
        position += 1
        return scalar
    }

    private mutating func take(_ expected: Unicode.Scalar) -> Bool {
        guard next == expected else { return false }
        position += 1
        return true
    }

    /// Branches separated by "|": a choice only when every branch needs something.
    private mutating func alternation() throws -> [[String]] {
        var branches = [try sequence()]
        while take("|") { branches.append(try sequence()) }
        guard branches.count > 1 else { return branches[0] }
        var choice: [String] = []
        for branch in branches {
            guard let best = branch.max(by: { LiteralNeeds.shortest($0) < LiteralNeeds.shortest($1) }) else { return [] }
            choice += best
        }
        return Set(choice).count <= LiteralNeeds.maxChoices ? [choice] : []
    }

    /// Atoms one after another: runs of plain literal characters, and what each group needs.
    private mutating func sequence() throws -> [[String]] {
        var needs: [[String]] = []
        var run = ""
        func flush() {
            if !run.isEmpty { needs.append([run]) }
            run = ""
        }
        while let scalar = next, scalar != "|", scalar != ")" {
            let atom = try self.atom()
            let least = try quantifierMinimum()
            if least == nil, case .literal(let character) = atom {
                run.append(character)
                continue
            }
            flush()
            guard (least ?? 1) >= 1 else { continue }
            switch atom {
            case .literal(let character): needs.append([String(character)])
            case .group(let inner): needs += inner
            case .zeroWidth, .other: continue
            }
        }
        flush()
        return needs
    }

    /// The least count a quantifier after an atom allows; nil when there is none.
    private mutating func quantifierMinimum() throws -> Int? {
        let least: Int
        switch next {
        case "?", "*": least = 0
        case "+": least = 1
        case "{":
            position += 1
            var digits = ""
            while let scalar = next, ("0"..."9").contains(scalar) { digits.unicodeScalars.append(try take()) }
            guard let number = Int(digits) else { throw Unreadable() }
            while let scalar = next, scalar != "}" {
                guard scalar == "," || ("0"..."9").contains(scalar) else { throw Unreadable() }
                position += 1
            }
            guard take("}") else { throw Unreadable() }
            _ = take("?") || take("+")
            return number
        default: return nil
        }
        position += 1
        _ = take("?") || take("+")
        return least
    }

    private mutating func atom() throws -> Atom {
        let scalar = try take()
        switch scalar {
        case "(": return try group()
        case "[": return try characterClass()
        case ".": return .other
        case "^", "$": return .zeroWidth
        case "\\": return try escape()
        case "*", "+", "?", "{", "}", ")", "|": throw Unreadable()
        default:
            // Letters without case (Han, kana) and punctuation ("“", "、") match only themselves;
            // other non-ASCII characters may match another spelling under case folding.
            if Self.caseless.contains(scalar.properties.generalCategory) { return .literal(Character(scalar)) }
            guard scalar.isASCII else { return .other }
            return .literal(Character(scalar).lowercased().first ?? Character(scalar))
        }
    }

    private mutating func group() throws -> Atom {
        guard take("?") else { return try closedGroup() }
        if take(":") || take(">") { return try closedGroup() }
        if take("=") || take("!") { return try lookaround() }
        if take("#") {
            while let scalar = next, scalar != ")" { position += 1 }
            guard take(")") else { throw Unreadable() }
            return .zeroWidth
        }
        if take("<") {
            if take("=") || take("!") { return try lookaround() }
            while let scalar = next, scalar != ">" {
                guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else { throw Unreadable() }
                position += 1
            }
            guard take(">") else { throw Unreadable() }
            return try closedGroup()
        }
        // Inline flags: "(?i)" or "(?i-m:…)". Free-spacing ("x") would make spaces and "#" mean something else.
        while let scalar = next, "ismw-".unicodeScalars.contains(scalar) { position += 1 }
        if take(")") { return .zeroWidth }
        guard take(":") else { throw Unreadable() }
        return try closedGroup()
    }

    private mutating func closedGroup() throws -> Atom {
        let needs = try alternation()
        guard take(")") else { throw Unreadable() }
        return .group(needs)
    }

    private mutating func lookaround() throws -> Atom {
        _ = try alternation()
        guard take(")") else { throw Unreadable() }
        return .zeroWidth
    }

    /// A class of plain characters ("[,;!.]", "[:—–]") is a choice of one of them; any other
    /// (negated, ranges, properties, nested) is skipped and needs nothing.
    private mutating func characterClass() throws -> Atom {
        let start = position
        var members: [String] = []
        while let scalar = next, scalar != "]" {
            position += 1
            var member = scalar
            if scalar == "\\" {
                member = try take()
                guard member.isASCII, !member.properties.isAlphabetic, !("0"..."9").contains(member) else { break }
            } else if "^-[&${} ".unicodeScalars.contains(scalar) {
                break
            }
            guard member.isASCII || Self.caseless.contains(member.properties.generalCategory) else { break }
            members.append(String(Character(member).lowercased()))
            if take("]") { return members.count <= LiteralNeeds.maxChoices ? .group([members]) : .other }
        }
        position = start
        try skipClass()
        return .other
    }

    /// Skips a bracketed class, nested classes and escapes included.
    private mutating func skipClass() throws {
        var depth = 1
        _ = take("^")
        while depth > 0 {
            switch try take() {
            case "\\": _ = try take()
            case "[": depth += 1
            case "]": depth -= 1
            default: continue
            }
        }
    }

    private mutating func escape() throws -> Atom {
        let scalar = try take()
        switch scalar {
        case "b", "B", "A", "Z", "z", "G": return .zeroWidth
        case "s", "S", "w", "W", "d", "D", "h", "H", "v", "V", "R", "X", "t", "n", "r", "f", "a", "e": return .other
        case "p", "P", "x", "N":
            if take("{") {
                while try take() != "}" {}
            } else if scalar == "N" {
                throw Unreadable()
            } else {
                position += scalar == "x" ? 2 : 1
            }
            guard position <= source.count else { throw Unreadable() }
            return .other
        default:
            // Letters and digits are escapes not read here; any other character stands for itself.
            guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else { throw Unreadable() }
            return .literal(Character(scalar))
        }
    }
}
