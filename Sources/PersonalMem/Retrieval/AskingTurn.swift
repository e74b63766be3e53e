/// Whether a turn of dialogue ends by asking. A question shares the words of a later question about
/// what was answered, but the answer is in the reply, so the ranking passes an asking turn's
/// relevance on to the turn after it (``NeighbourContext``).
enum AskingTurn {
    /// True when the text ends with a question mark (ASCII or full-width), not counting trailing
    /// white space and one trailing bracketed note such as an attached image's caption.
    static func asks(_ text: String) -> Bool {
        var spoken = trimmedEnd(text.utf8[...])
        if spoken.last == UInt8(ascii: "]"), let open = spoken.lastIndex(of: UInt8(ascii: "[")) {
            spoken = trimmedEnd(spoken[..<open])
        }
        return spoken.last == UInt8(ascii: "?") || spoken.suffix(3).elementsEqual(fullWidthQuestionMark)
    }

    /// U+FF1F in UTF-8.
    private static let fullWidthQuestionMark: [UInt8] = [0xEF, 0xBC, 0x9F]

    private static func trimmedEnd(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            switch bytes[before] {
            case 0x20, 0x09, 0x0A, 0x0D: end = before
            default: return bytes[..<end]
            }
        }
        return bytes[..<end]
    }
}
