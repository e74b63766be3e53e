/// Word lists kept as data: each list is a file in this folder holding one entry per line.
/// Entries are lower case; `#` starts a comment; blank lines are ignored. To teach the rules a new
/// occupation, pet or sport, add a line to the matching file.
enum WordList {
    /// The entries of a list text, in order.
    static func entries(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = entry.trimmingCharacters(in: .whitespaces).lowercased()
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    static func set(_ text: String) -> Set<String> {
        Set(entries(text))
    }
}
