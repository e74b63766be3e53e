import Foundation
import PersonalMem

extension MemoryUsage {
    /// The usage of an answered chat, with what became of its bookkeeping: `indexing` (`queued`,
    /// `skipped` or `failed`) and, when queued, the `job_id` to follow at `GET /jobs/{id}`.
    func json(indexing: TurnIndexing) -> JSONValue {
        guard case .object(var object) = json else { return json }
        object["indexing"] = .string(indexing.status)
        if let jobID = indexing.jobID { object["job_id"] = .number(Double(jobID)) }
        return .object(object)
    }

    var json: JSONValue {
        .object([
            "recent_turn_ids": .array(recentTurnIDs.map { .number(Double($0)) }),
            "replayed": .array(replayed.map(\.json)),
            "summaries": .array(summaries.map(\.json)),
            "profile_fields": .array(profileFields.map(JSONValue.string)),
            "candidates": .number(Double(candidates)),
            "dropped_as_recent": .number(Double(droppedAsRecent)),
            "gate_fallback": .bool(gateFallback),
            "rerank_fallback": .bool(rerankFallback),
        ])
    }
}

extension ScoredMemory {
    var json: JSONValue {
        .object([
            "memory_id": .number(Double(record.memoryID)), "conv_id": .string(record.convID),
            "turn_id": .number(Double(record.turnID)), "ts": .string(record.ts.iso8601),
            "summary": .string(record.summary), "score": .number((Double(score) * 10_000).rounded() / 10_000),
        ])
    }
}

extension ChatMessage {
    var json: JSONValue { .object(["role": .string(role), "content": .string(content)]) }
}
