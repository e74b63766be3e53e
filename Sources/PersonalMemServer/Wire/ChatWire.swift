import Foundation
import PersonalMem

/// `POST /v1/chat/completions`: an answer, in OpenAI's shape plus `memory`. Messages and token
/// counts are the library's `ChatMessage` and `TokenUsage`, which have the OpenAI shape.
struct ChatCompletionResponse: Codable, Equatable {
    struct Choice: Codable, Equatable {
        var index: Int
        var message: ChatMessage
        var finishReason: String

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    var id: String
    /// `chat.completion`.
    var object: String
    /// Unix seconds.
    var created: Int
    var model: String
    var choices: [Choice]
    /// The model's token counts; `null` when it gave none.
    @ExplicitNull var usage: TokenUsage?
    var memory: MemoryUsedWire
}

/// `POST /v1/chat/completions` with `metadata.dry_run`: the prompt that would be sent.
struct ChatDryRunResponse: Codable, Equatable {
    var id: String
    /// `chat.completion.dry_run`.
    var object: String
    var created: Int
    var model: String
    /// Always true.
    var dryRun: Bool
    var messages: [ChatMessage]
    var memory: MemoryUsedWire

    enum CodingKeys: String, CodingKey {
        case id, object, created, model, messages, memory
        case dryRun = "dry_run"
    }
}

/// `memory`: what the pipeline put into the prompt and, with an answer, what became of the turn.
struct MemoryUsedWire: Codable, Equatable {
    var recentTurnIDs: [Int]
    var replayed: [UsedMemoryWire]
    var summaries: [UsedMemoryWire]
    var profileFields: [String]
    var candidates: Int
    var droppedAsRecent: Int
    var gateFallback: Bool
    var rerankFallback: Bool
    /// `queued`, `skipped` or `failed`; answers only (left out of dry runs).
    var indexing: String?
    /// The `record_turn` job, with `indexing: queued`.
    var jobID: Int64?

    enum CodingKeys: String, CodingKey {
        case replayed, summaries, candidates, indexing
        case recentTurnIDs = "recent_turn_ids"
        case profileFields = "profile_fields"
        case droppedAsRecent = "dropped_as_recent"
        case gateFallback = "gate_fallback"
        case rerankFallback = "rerank_fallback"
        case jobID = "job_id"
    }
}

/// A memory in the prompt, replayed as a turn or given as a summary. The score has four decimals.
struct UsedMemoryWire: Codable, Equatable {
    var memoryID: Int64
    var convID: String
    var turnID: Int
    var ts: String
    var summary: String
    var score: Double

    enum CodingKeys: String, CodingKey {
        case ts, summary, score
        case memoryID = "memory_id"
        case convID = "conv_id"
        case turnID = "turn_id"
    }
}

extension MemoryUsedWire {
    /// The usage of a prompt; `indexing` is given with an answer, not with a dry run.
    init(_ usage: MemoryUsage, indexing: TurnIndexing? = nil) {
        self.init(
            recentTurnIDs: usage.recentTurnIDs, replayed: usage.replayed.map(UsedMemoryWire.init),
            summaries: usage.summaries.map(UsedMemoryWire.init), profileFields: usage.profileFields, candidates: usage.candidates,
            droppedAsRecent: usage.droppedAsRecent, gateFallback: usage.gateFallback, rerankFallback: usage.rerankFallback,
            indexing: indexing?.status, jobID: indexing?.jobID)
    }
}

extension UsedMemoryWire {
    init(_ memory: ScoredMemory) {
        let record = memory.record
        self.init(
            memoryID: record.memoryID, convID: record.convID, turnID: record.turnID, ts: record.ts.iso8601, summary: record.summary,
            score: fourDecimals(Double(memory.score)))
    }
}
