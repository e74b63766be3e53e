/// Assigns a memory kind to a turn by rules (English and Chinese cue phrases), for when no LLM
/// summariser is configured.
///
/// The user's words decide; the assistant's reply is consulted only when the user's words hold no
/// cue (for "I'll remind you" and "from now on I will"). The strongest cue wins; on a tie the kind
/// earlier in instruction, constraint, commitment, preference, entity, fact wins. "<Name> is my …"
/// marks an entity. Without any cue the kind is fact with confidence 0.5; explicit cues give up
/// to 0.9.
public struct MemoryClassifier: Sendable {
    public init() {}

    /// The kind of memory a user turn and its reply make, and how sure the rules are (0.5...0.9).
    public func classify(user: String, assistant: String) -> (kind: MemoryKind, confidence: Double) {
        if let best = bestCue(in: user, cues: MemoryCue.user, entityPattern: true) { return best }
        if let best = bestCue(in: assistant, cues: MemoryCue.assistant, entityPattern: false) { return best }
        return (.fact, 0.5)
    }

    /// Words between "I" and the verb that do not change the cue ("I really hate").
    private static let intensifiers = ["really", "truly", "absolutely", "totally", "actually", "also", "still", "definitely"]

    private static let priority: [MemoryKind] = [.instruction, .constraint, .commitment, .preference, .entity, .fact]

    private func bestCue(in text: String, cues: [MemoryCue], entityPattern: Bool) -> (kind: MemoryKind, confidence: Double)? {
        let normalised = text.replacingOccurrences(of: "\u{2019}", with: "'")
        var lower = " " + normalised.lowercased() + " "
        for intensifier in Self.intensifiers {
            lower = lower.replacingOccurrences(of: " \(intensifier) ", with: " ")
        }
        var best: (kind: MemoryKind, confidence: Double)?
        func consider(_ kind: MemoryKind, _ confidence: Double) {
            guard let current = best else {
                best = (kind, confidence)
                return
            }
            if confidence > current.confidence
                || (confidence == current.confidence
                    && Self.priority.firstIndex(of: kind)! < Self.priority.firstIndex(of: current.kind)!) {
                best = (kind, confidence)
            }
        }
        for cue in cues where Self.contains(lower, cue.phrase, wordBoundaries: !cue.isCJK) {
            consider(cue.kind, cue.confidence)
        }
        if entityPattern, Self.namesSomethingAsMine(normalised) { consider(.entity, 0.8) }
        return best
    }

    /// Whether `phrase` occurs in `text`, with no letter or digit right before or after it when
    /// `wordBoundaries` is set.
    static func contains(_ text: String, _ phrase: String, wordBoundaries: Bool) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: phrase, range: searchStart..<text.endIndex) {
            if !wordBoundaries { return true }
            let beforeOK = range.lowerBound == text.startIndex || !Self.isWordCharacter(text[text.index(before: range.lowerBound)])
            let afterOK = range.upperBound == text.endIndex || !Self.isWordCharacter(text[range.upperBound])
            if beforeOK && afterOK { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// "Anna is my sister", "Pepper is my dog": a capitalised word right before "is my".
    static func namesSomethingAsMine(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") })
        guard words.count >= 3 else { return false }
        for i in 0..<(words.count - 2) where words[i + 1].lowercased() == "is" && words[i + 2].lowercased() == "my" {
            if let first = words[i].first, first.isUppercase, words[i].lowercased() != "this", words[i].lowercased() != "it",
               words[i].lowercased() != "that", words[i].lowercased() != "what", words[i].lowercased() != "who" {
                return true
            }
        }
        return false
    }
}
