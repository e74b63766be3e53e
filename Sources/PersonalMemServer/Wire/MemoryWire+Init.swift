import Foundation
import PersonalMem

/// Scores and ages to four decimals, for readable JSON (never `-0`).
func fourDecimals(_ value: Double) -> Double {
    let result = (value * 10_000).rounded() / 10_000
    return result == 0 ? 0 : result
}

extension MemorySearchResponse.Hit {
    init(_ ranked: RankedMemory) {
        let record = ranked.record
        let score = ranked.score
        self.init(
            memoryID: record.memoryID, convID: record.convID, turnID: record.turnID, ts: record.ts.iso8601, summary: record.summary,
            type: record.kind, confidence: fourDecimals(record.confidence), accessCount: ranked.access.count,
            lastAccess: ranked.access.lastAccess?.iso8601, mergedFrom: record.mergedFrom, score: fourDecimals(score.total),
            scoreParts: .init(
                semantic: fourDecimals(score.parts.semantic), keyword: fourDecimals(score.parts.keyword), recency: fourDecimals(score.parts.recency),
                frequency: fourDecimals(score.parts.frequency), confidence: fourDecimals(score.parts.confidence), cosine: fourDecimals(score.cosine),
                bm25: fourDecimals(score.bm25), denseRank: score.denseRank, keywordRank: score.keywordRank, time: fourDecimals(score.time),
                fused: fourDecimals(score.fused), prior: fourDecimals(score.prior)))
    }
}

extension OptimizeResponse {
    init(userID: String, report: OptimizeReport) {
        // In a dry run no memory was created, so `mergedInto` is empty.
        let merged = report.plan.merges.enumerated().map { index, plan in
            Merge(
                mergedIDs: plan.allIDs, keptText: plan.keepText, kind: plan.kind.rawValue,
                newMemoryID: report.mergedInto.indices.contains(index) ? report.mergedInto[index].memoryID : nil)
        }
        let removed = report.plan.removals.map { removal in
            Removal(
                memoryID: removal.id, decayScore: fourDecimals(removal.decayScore), ageDays: fourDecimals(removal.age / 86_400),
                accessCount: removal.accessCount)
        }
        self.init(
            userID: userID, dryRun: report.dryRun, memoriesBefore: report.memoriesBefore, memoriesAfter: report.memoriesAfter,
            merged: merged, removed: removed)
    }
}

extension ImportResponse {
    init(userID: String, counts: UserTransfer.ImportCounts) {
        self.init(
            success: true, userID: userID, profileFields: counts.profileFields, historyEvents: counts.historyEvents,
            conversations: counts.conversations, memories: counts.memories)
    }
}
