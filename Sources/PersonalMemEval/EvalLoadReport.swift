import Foundation

/// What a benchmark loader normalised, dropped or skipped, so that `personalmem eval` can print it.
public struct EvalLoadReport: Sendable, Hashable, Codable {
    /// "locomo" or "longmemeval".
    public var format: String = ""
    public var conversations = 0
    public var sessions = 0
    public var turns = 0
    /// Questions kept.
    public var questions = 0

    /// Evidence strings that held several ids ("D1:3; D2:5", "D1:3,D1:4") and were split.
    public var evidenceStringsSplit = 0
    /// Ids rewritten to the canonical form ("D30:05" → "D30:5", spaces removed).
    public var evidenceIDsRewritten = 0
    /// Evidence ids naming no turn or session of the conversation, dropped.
    public var unknownEvidenceIDsDropped = 0
    /// Evidence ids listed twice for one question, dropped.
    public var duplicateEvidenceIDsDropped = 0
    /// Evidence entries that were not strings (or not parseable as ids), dropped.
    public var malformedEvidenceDropped = 0
    /// Questions left without any valid evidence, skipped.
    public var questionsWithoutEvidenceSkipped = 0
    /// Questions without question text, skipped.
    public var questionsWithoutTextSkipped = 0
    /// LoCoMo category-5 (adversarial) questions without an answer: kept for retrieval.
    public var adversarialWithoutAnswerKept = 0
    /// Other questions without an answer: kept for retrieval.
    public var questionsWithoutAnswerKept = 0
    /// Numeric or boolean answers turned into text.
    public var nonStringAnswersConverted = 0
    /// Session or question dates that were missing or could not be parsed.
    public var unparseableDates = 0
    /// Turns with an id already used in the conversation: renamed with a "#n" suffix.
    public var duplicateTurnIDsRenamed = 0
    /// Sessions with an id already used in the conversation: renamed with a "#n" suffix.
    public var duplicateSessionIDsRenamed = 0
    /// Turns without text (and without an image caption), skipped.
    public var emptyTurnsSkipped = 0
    /// LoCoMo turns that share an image: its caption appended to the text as "[image: …]".
    public var imageCaptionsAppended = 0
    /// Turns without a dia_id, given "s<session>:t<turn>".
    public var turnsWithoutIDNumbered = 0

    public init() {}

    /// One line per non-zero counter, for printing.
    public var lines: [String] {
        var result = [
            "format \(format): \(conversations) conversations, \(sessions) sessions, \(turns) turns, \(questions) questions"
        ]
        let counters: [(Int, String)] = [
            (evidenceStringsSplit, "evidence strings holding several ids split"),
            (evidenceIDsRewritten, "evidence ids rewritten to canonical form"),
            (unknownEvidenceIDsDropped, "evidence ids naming no turn or session dropped"),
            (duplicateEvidenceIDsDropped, "duplicate evidence ids dropped"),
            (malformedEvidenceDropped, "malformed evidence entries dropped"),
            (questionsWithoutEvidenceSkipped, "questions without valid evidence skipped"),
            (questionsWithoutTextSkipped, "questions without text skipped"),
            (adversarialWithoutAnswerKept, "category-5 questions without an answer kept for retrieval"),
            (questionsWithoutAnswerKept, "other questions without an answer kept for retrieval"),
            (nonStringAnswersConverted, "non-text answers converted to text"),
            (unparseableDates, "missing or unparseable dates"),
            (duplicateTurnIDsRenamed, "duplicate turn ids renamed"),
            (duplicateSessionIDsRenamed, "duplicate session ids renamed"),
            (emptyTurnsSkipped, "empty turns skipped"),
            (imageCaptionsAppended, "image captions appended to turn text"),
            (turnsWithoutIDNumbered, "turns without an id numbered"),
        ]
        for (count, label) in counters where count > 0 {
            result.append("  \(count) \(label)")
        }
        return result
    }
}
