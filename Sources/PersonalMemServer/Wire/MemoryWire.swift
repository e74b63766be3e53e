import Foundation
import PersonalMem

/// `GET /users/{id}/memories/search`: ranked long-term memories with every part of their score.
struct MemorySearchResponse: Codable, Equatable {
    /// One ranked memory. Scores are rounded to four decimals.
    struct Hit: Codable, Equatable {
        var memoryID: Int64
        var convID: String
        var turnID: Int
        var ts: String
        var summary: String
        var type: String
        var confidence: Double
        var accessCount: Int
        @ExplicitNull var lastAccess: String?
        var mergedFrom: [Int64]
        var score: Double
        var scoreParts: ScoreParts

        enum CodingKeys: String, CodingKey {
            case ts, summary, type, confidence, score
            case memoryID = "memory_id"
            case convID = "conv_id"
            case turnID = "turn_id"
            case accessCount = "access_count"
            case lastAccess = "last_access"
            case mergedFrom = "merged_from"
            case scoreParts = "score_parts"
        }
    }

    /// The weighted parts of the score, and the raw signals and ranks behind them.
    struct ScoreParts: Codable, Equatable {
        var semantic: Double
        var keyword: Double
        var recency: Double
        var frequency: Double
        var confidence: Double
        var cosine: Double
        var bm25: Double
        @ExplicitNull var denseRank: Int?
        @ExplicitNull var keywordRank: Int?
        var time: Double
        var fused: Double
        var prior: Double

        enum CodingKeys: String, CodingKey {
            case semantic, keyword, recency, frequency, confidence, cosine, bm25, time, fused, prior
            case denseRank = "dense_rank"
            case keywordRank = "keyword_rank"
        }
    }

    var userID: String
    var query: String
    var method: String
    var results: [Hit]

    enum CodingKeys: String, CodingKey {
        case query, method, results
        case userID = "user_id"
    }
}

/// `POST /users/{id}/optimize` (the body is optional; `?dry_run=true` works too).
struct OptimizeRequest: Codable, Equatable {
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
    }
}

/// What optimisation merged and removed (or, in a dry run, would).
struct OptimizeResponse: Codable, Equatable {
    struct Merge: Codable, Equatable {
        var mergedIDs: [Int64]
        var keptText: String
        var kind: String
        /// The memory the merge created; null in a dry run.
        @ExplicitNull var newMemoryID: Int64?

        enum CodingKeys: String, CodingKey {
            case kind
            case mergedIDs = "merged_ids"
            case keptText = "kept_text"
            case newMemoryID = "new_memory_id"
        }
    }

    struct Removal: Codable, Equatable {
        var memoryID: Int64
        var decayScore: Double
        var ageDays: Double
        var accessCount: Int

        enum CodingKeys: String, CodingKey {
            case memoryID = "memory_id"
            case decayScore = "decay_score"
            case ageDays = "age_days"
            case accessCount = "access_count"
        }
    }

    var userID: String
    var dryRun: Bool
    var memoriesBefore: Int
    var memoriesAfter: Int
    var merged: [Merge]
    var removed: [Removal]

    enum CodingKeys: String, CodingKey {
        case merged, removed
        case userID = "user_id"
        case dryRun = "dry_run"
        case memoriesBefore = "memories_before"
        case memoriesAfter = "memories_after"
    }
}

/// `GET /users/{id}/stats`: counts over both memories.
struct UserStatsResponse: Codable, Equatable {
    struct Index: Codable, Equatable {
        var kind: String
        var vectors: Int
        var embedding: String
    }

    var userID: String
    var profileFields: Int
    var historyEvents: Int
    var conversations: Int
    var turns: Int
    var memories: Int
    var memoriesByType: [String: Int]
    var index: Index
    @ExplicitNull var lastActivity: String?

    enum CodingKeys: String, CodingKey {
        case conversations, turns, memories, index
        case userID = "user_id"
        case profileFields = "profile_fields"
        case historyEvents = "history_events"
        case memoriesByType = "memories_by_type"
        case lastActivity = "last_activity"
    }
}

/// `POST /users/{id}/import` (the body is a `UserExport`): what was imported.
struct ImportResponse: Codable, Equatable {
    var success: Bool
    var userID: String
    var profileFields: Int
    var historyEvents: Int
    var conversations: Int
    var memories: Int

    enum CodingKeys: String, CodingKey {
        case success, conversations, memories
        case userID = "user_id"
        case profileFields = "profile_fields"
        case historyEvents = "history_events"
    }
}
