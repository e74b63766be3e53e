import Foundation
import PersonalMem

/// The benchmark file formats `EvalDataset` reads.
public enum EvalFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// LoCoMo's `locomo10.json`: samples with a conversation of numbered sessions and QA with dia_id evidence.
    case locomo
    /// LongMemEval's JSON: one item per question with its haystack of sessions.
    case longMemEval = "longmemeval"

    /// Guesses the format from the keys near the start of the file; nil when neither fits.
    public static func detect(_ data: Data) -> EvalFormat? {
        let head = String(decoding: data.prefix(256 * 1024), as: UTF8.self)
        if head.contains("\"question_id\"") || head.contains("\"haystack_sessions\"") { return .longMemEval }
        if head.contains("\"sample_id\"") || head.contains("\"qa\"") || head.contains("\"dia_id\"")
            || head.contains("\"speaker_a\"") {
            return .locomo
        }
        return nil
    }
}

/// Why a benchmark file could not be read at all (per-record problems go to `EvalLoadReport`).
public enum EvalLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownFormat
    case invalidJSON(String)
    case notAnArray

    public var description: String {
        switch self {
        case .unknownFormat: return "neither LoCoMo nor LongMemEval JSON"
        case .invalidJSON(let detail): return "invalid JSON: \(detail)"
        case .notAnArray: return "the file's top level is not a JSON array"
        }
    }
}

extension EvalDataset {
    /// Reads a LoCoMo or LongMemEval file (format detected unless given), normalising its
    /// irregularities and counting each one in the report.
    public static func load(contentsOf url: URL, format: EvalFormat? = nil) throws -> (EvalDataset, EvalLoadReport) {
        try load(data: Data(contentsOf: url, options: .mappedIfSafe), format: format)
    }

    /// Reads a LoCoMo or LongMemEval document held in memory.
    public static func load(data: Data, format: EvalFormat? = nil) throws -> (EvalDataset, EvalLoadReport) {
        guard let format = format ?? EvalFormat.detect(data) else { throw EvalLoadError.unknownFormat }
        var report = EvalLoadReport()
        report.format = format.rawValue
        let dataset: EvalDataset
        switch format {
        case .locomo: dataset = try LoCoMoLoader.load(data, report: &report)
        case .longMemEval: dataset = try LongMemEvalLoader.load(data, report: &report)
        }
        report.conversations = dataset.conversations.count
        report.sessions = dataset.sessionCount
        report.turns = dataset.turnCount
        report.questions = dataset.questionCount
        return (dataset, report)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw EvalLoadError.notAnArray
        } catch let error as DecodingError {
            throw EvalLoadError.invalidJSON(Self.describe(error))
        }
    }

    /// The coding path and kind of a decoding error, without the document's text.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context): return "type mismatch at \(path(context))"
        case .valueNotFound(_, let context): return "missing value at \(path(context))"
        case .keyNotFound(let key, let context): return "missing key \(key.stringValue) at \(path(context))"
        case .dataCorrupted(let context): return "not JSON at \(path(context))"
        @unknown default: return "undecodable"
        }
    }
}

/// Hands out unique ids within one conversation, renaming repeats with a "#n" suffix.
struct EvalIDAllocator {
    private var used = Set<String>()

    /// The id itself if unused, else `id#2`, `id#3`, …; `renamed` tells which.
    mutating func claim(_ id: String) -> (id: String, renamed: Bool) {
        if used.insert(id).inserted { return (id, false) }
        var n = 2
        while used.contains("\(id)#\(n)") { n += 1 }
        used.insert("\(id)#\(n)")
        return ("\(id)#\(n)", true)
    }
}
