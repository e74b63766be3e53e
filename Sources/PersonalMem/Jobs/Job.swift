import Foundation

/// A unit of background work stored in the `jobs` table.
public struct Job: Sendable {
    public enum Status: String, Sendable {
        case queued, running, done, failed
    }

    /// Extract profile facts from a stored message (`message_id`).
    public static let extractMessage = "extract_message"
    /// Index an answered chat turn (summary, embedding, index) and extract profile facts from its
    /// user message (`message_id`); `payload` names the turn (see ``TurnRecording``).
    public static let recordTurn = "record_turn"

    public let id: Int64
    public let kind: String
    public let userID: String
    public let messageID: Int64?
    public let status: Status
    /// Attempts started so far, the running one included.
    public let attempts: Int
    /// The kind of the last failure (such as `llm_unavailable`), never message text.
    public let lastError: String?
    /// How many attempts in a row ended with `lastError`.
    public let failureStreak: Int
    /// What the job needs beyond its user and message (never message text).
    public let payload: JSONValue?
    /// What a finished job produced.
    public let result: JSONValue?
    public let createdAt: Date
    public let updatedAt: Date

    /// The failure kind recorded for an attempt whose worker stopped without a word (its lease ran
    /// out): the instance may have crashed on this job's input.
    public static let leaseExpired = "lease_expired"
}
