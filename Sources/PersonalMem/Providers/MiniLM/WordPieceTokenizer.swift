import Foundation

/// BERT's uncased WordPiece tokenizer: basic tokenisation (``BertPreTokenizer``), then each word split
/// greedily into the longest vocabulary pieces from the left, continuations prefixed with `##`; a word
/// longer than 100 scalars, or one that cannot be split completely, becomes `[UNK]`. Encoded sequences
/// are `[CLS] pieces… [SEP]`, truncated to `maxTokens` in all.
public struct WordPieceTokenizer: Sendable {
    /// Token ids of the special tokens.
    public let clsID: Int32
    public let sepID: Int32
    public let unknownID: Int32
    /// Longest sequence `encode` returns, special tokens included.
    public let maxTokens: Int
    public var vocabularySize: Int { vocabulary.count }

    private let vocabulary: [String: Int32]
    /// The longest vocabulary entry in scalars, which bounds the search for a piece.
    private let longestPiece: Int
    private static let maxWordScalars = 100

    /// Reads `vocab.txt`: one token a line, the line number (from 0) being its id.
    public init(vocabularyFile url: URL, maxTokens: Int = 256) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ModelFileError.missingFile(url.path) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ModelFileError.unreadable(url.path, "\(error)")
        }
        var tokens = text.components(separatedBy: "\n")
        if tokens.last == "" { tokens.removeLast() }
        try self.init(tokens: tokens.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }, maxTokens: maxTokens)
    }

    /// A tokenizer over `tokens`, whose position is the id; it must contain `[CLS]`, `[SEP]` and `[UNK]`.
    public init(tokens: [String], maxTokens: Int = 256) throws {
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        var longest = 1
        for (id, token) in tokens.enumerated() where vocabulary[token] == nil {
            vocabulary[token] = Int32(id)
            longest = max(longest, token.unicodeScalars.count)
        }
        guard let cls = vocabulary["[CLS]"], let sep = vocabulary["[SEP]"], let unknown = vocabulary["[UNK]"] else {
            throw ModelFileError.invalid("vocab.txt", "[CLS], [SEP] or [UNK] missing")
        }
        precondition(maxTokens >= 2, "maxTokens must leave room for [CLS] and [SEP]")
        self.vocabulary = vocabulary
        self.longestPiece = longest
        self.clsID = cls
        self.sepID = sep
        self.unknownID = unknown
        self.maxTokens = maxTokens
    }

    /// `[CLS]`, the pieces of `text` (at most `maxTokens - 2`), `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        let limit = maxTokens - 2
        var ids: [Int32] = [clsID]
        ids.reserveCapacity(min(limit, text.utf8.count) + 2)
        for word in BertPreTokenizer.words(in: text) {
            appendPieces(of: word, to: &ids)
            if ids.count - 1 >= limit { break }
        }
        if ids.count - 1 > limit { ids.removeLast(ids.count - 1 - limit) }
        ids.append(sepID)
        return ids
    }

    /// The id of a vocabulary entry (for tests).
    public func id(of token: String) -> Int32? { vocabulary[token] }

    private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
        guard word.count <= Self.maxWordScalars else {
            ids.append(unknownID)
            return
        }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = min(word.count, start + longestPiece)
            var found: Int32?
            while start < end {
                var candidate = String.UnicodeScalarView()
                if start > 0 { candidate.append(contentsOf: "##".unicodeScalars) }
                candidate.append(contentsOf: word[start..<end])
                if let id = vocabulary[String(candidate)] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                ids.append(unknownID)
                return
            }
            pieces.append(id)
            start = end
        }
        ids.append(contentsOf: pieces)
    }
}
