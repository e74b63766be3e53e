import Foundation

extension ChatPipeline {
    /// Step 4: the model keeps or drops candidates; on an unreadable reply the first `keepMax` stay.
    func gate(_ candidates: [ScoredMemory], message: String, keepMax: Int, llm: any ChatModel) async -> ([ScoredMemory], Bool) {
        let fallback = Array(candidates.prefix(max(0, keepMax)))
        guard let ids = await askForIDs(prompt: prompts.gate, key: "keep_ids", candidates: candidates, message: message, llm: llm) else {
            return (fallback, true)
        }
        let byID = Dictionary(candidates.map { ($0.record.memoryID, $0) }, uniquingKeysWith: { first, _ in first })
        let keep = Set(ids)
        // Keep the index's order among the kept ones.
        let kept = candidates.filter { keep.contains($0.record.memoryID) && byID[$0.record.memoryID] != nil }
        return (Array(kept.prefix(max(0, keepMax))), false)
    }

    /// Step 5: the model picks the best `k` to replay, best first; on an unreadable reply the first `k`.
    func rerank(_ candidates: [ScoredMemory], message: String, k: Int, llm: any ChatModel) async -> ([ScoredMemory], Bool) {
        let fallback = Array(candidates.prefix(max(0, k)))
        guard let ids = await askForIDs(prompt: prompts.rerank, key: "top_ids", candidates: candidates, message: message, llm: llm) else {
            return (fallback, true)
        }
        let byID = Dictionary(candidates.map { ($0.record.memoryID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<Int64>()
        let picked = ids.compactMap { id -> ScoredMemory? in seen.insert(id).inserted ? byID[id] : nil }
        guard !picked.isEmpty || candidates.isEmpty else { return (fallback, true) }
        return (Array(picked.prefix(max(0, k))), false)
    }

    /// Sends the numbered candidates and reads an id list under `key`; nil when the reply is unusable.
    func askForIDs(prompt: String, key: String, candidates: [ScoredMemory], message: String, llm: any ChatModel) async -> [Int64]? {
        let list = candidates.map { "[id=\($0.record.memoryID)] (\(PromptBuilder.day($0.record.ts))) \($0.record.summary)" }
            .joined(separator: "\n")
        let request = ChatRequest(
            messages: [.system(prompt), .user("New message: \(message)\n\nCandidates:\n\(list)")], temperature: 0, maxTokens: 400,
            responseFormat: .jsonObject)
        guard let reply = try? await llm.chat(request), let object = LLMReplyParser.firstJSONObject(in: reply.content),
            case .array(let items)? = object[key]
        else { return nil }
        return items.compactMap { item -> Int64? in
            switch item {
            case .number(let number): Int64(exactly: number)
            case .string(let text): Int64(text)
            default: nil
            }
        }
    }
}
