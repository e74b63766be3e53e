import Foundation

/// What `optimize` did (or, in a dry run, would do).
public struct OptimizeReport: Sendable {
    public let dryRun: Bool
    public let memoriesBefore: Int
    public let memoriesAfter: Int
    public let plan: OptimizationPlan
    /// New memories that replace each merged group, in plan order (empty in a dry run).
    public let mergedInto: [MemoryRecord]
}

/// Counts about one user's conversation memory.
public struct ConversationStats: Sendable {
    public let conversations: Int
    public let turns: Int
    public let memories: Int
    public let memoriesByKind: [String: Int]
    public let indexKind: String
    public let indexedVectors: Int
    public let embedding: String
    public let lastActivity: Date?
}

extension ConversationMemory {
    /// Decays, consolidates near-duplicates into one memory that records the ids it merged, and
    /// removes low-value old memories. Index, meta and vectors are rewritten together; the
    /// conversation logs are never touched.
    public func optimize(userID: String, dryRun: Bool, consolidator: Consolidator = Consolidator(), now: Date = Date()) async throws -> OptimizeReport {
        let report = try await stores.withStoreOffloaded(userID: userID) { store -> OptimizeReport in
            let items = try store.allRecordsWithVectors()
            let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.record.memoryID, $0) })
            let snapshots = items.map { item in
                let access = store.accessStats(item.record.memoryID)
                return MemorySnapshot(
                    id: item.record.memoryID, text: item.record.summary, vector: item.vector,
                    kind: MemoryKind(rawValue: item.record.kind) ?? .fact, confidence: item.record.confidence, createdAt: item.record.ts,
                    lastAccessedAt: access.lastAccess, accessCount: access.count)
            }
            let plan = consolidator.plan(snapshots, now: now)
            guard !dryRun, !plan.isEmpty else {
                let gone = plan.removals.count + plan.merges.reduce(0) { $0 + $1.allIDs.count - 1 }
                return OptimizeReport(dryRun: dryRun, memoriesBefore: items.count, memoriesAfter: items.count - gone, plan: plan, mergedInto: [])
            }
            var removed = Set(plan.removals.map(\.id))
            var additions: [MemoryRewritePlan.Addition] = []
            for merge in plan.merges {
                guard let kept = byID[merge.keepID] else { continue }
                removed.formUnion(merge.allIDs)
                let provenance = merge.allIDs.flatMap { id in [id] + (byID[id]?.record.mergedFrom ?? []) }
                let draft = MemoryDraft(
                    convID: kept.record.convID, turnID: kept.record.turnID, ts: merge.createdAt, summary: merge.keepText,
                    rawUser: kept.record.rawUser, rawAssistant: kept.record.rawAssistant, kind: merge.kind.rawValue,
                    confidence: merge.confidence, mergedFrom: Array(Set(provenance)).sorted(), speaker: kept.record.speaker)
                additions.append(.init(draft: draft, vector: kept.vector, access: MemoryAccessStats(count: merge.accessCount, lastAccess: merge.lastAccessedAt)))
            }
            let result = try store.rewrite(MemoryRewritePlan(remove: removed, add: additions))
            return OptimizeReport(dryRun: false, memoriesBefore: items.count, memoriesAfter: store.count, plan: plan, mergedInto: result.added)
        }
        return report
    }

    public func stats(userID: String) async throws -> ConversationStats {
        try await stores.withStoreOffloaded(userID: userID) { store in
            var turns = 0
            var last: Date?
            let conversations = try store.conversations()
            for info in conversations {
                let all = try store.conversation(info.conversationID).all()
                turns += all.count
                if let ts = all.last?.ts, ts > (last ?? .distantPast) { last = ts }
            }
            var byKind: [String: Int] = [:]
            for record in try store.allRecords() { byKind[record.kind, default: 0] += 1 }
            return ConversationStats(
                conversations: conversations.count, turns: turns, memories: store.count, memoriesByKind: byKind,
                indexKind: store.configuration.indexKind == .hnsw ? "hnsw" : "flat", indexedVectors: store.indexedCount,
                embedding: store.embedding.description, lastActivity: last)
        }
    }
}
