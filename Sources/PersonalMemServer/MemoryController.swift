import Foundation
import Hummingbird
import PersonalMem

/// Long-term memory management: hybrid search, optimisation, statistics, export and import.
struct MemoryController<Context: RequestContext> {
    let conversations: ConversationMemory
    let profiles: ProfileMemory

    func register(on router: Router<Context>) {
        router.get("users/:user_id/memories/search", use: search)
        router.post("users/:user_id/optimize", use: optimize)
        router.get("users/:user_id/stats", use: stats)
        router.get("users/:user_id/export", use: export)
        router.post("users/:user_id/import", use: importUser)
    }

    @Sendable func search(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let parameters = try request.query()
        let query = parameters.get("q")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !query.isEmpty else { throw APIError.badRequest("'q' is required: the text to search for.") }
        let topKText = parameters.get("top_k") ?? "10"
        guard let topK = Int(topKText), (1...100).contains(topK) else {
            throw APIError.invalidValue("top_k", "'top_k' must be a whole number from 1 to 100.")
        }
        let kind = parameters.get("type")
        if let kind, MemoryKind(rawValue: kind) == nil {
            throw APIError.badRequest("'type' must be one of \(MemoryKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let ranked = try await conversations.search(userID: userID, query: query, topK: topK, kind: kind)
        return .json(.object([
            "user_id": .string(userID), "query": .string(query), "method": .string(conversations.ranking.method.rawValue),
            "results": .array(ranked.map(\.json)),
        ]))
    }

    @Sendable func optimize(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        var dryRun = try request.query().get("dry_run") == "true"
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false || request.headers[.transferEncoding] != nil {
            let body = try await request.jsonObject(context: context)
            dryRun = try body.optionalBool("dry_run") ?? dryRun
        }
        let report = try await conversations.optimize(userID: userID, dryRun: dryRun)
        // In a dry run no memory was created, so `mergedInto` is empty.
        let merged = report.plan.merges.enumerated().map { index, plan in
            (plan, report.mergedInto.indices.contains(index) ? report.mergedInto[index] : nil)
        }
        return .json(.object([
            "user_id": .string(userID), "dry_run": .bool(report.dryRun),
            "memories_before": .number(Double(report.memoriesBefore)), "memories_after": .number(Double(report.memoriesAfter)),
            "merged": .array(merged.map { plan, record in
                .object([
                    "merged_ids": .array(plan.allIDs.map { .number(Double($0)) }), "kept_text": .string(plan.keepText),
                    "kind": .string(plan.kind.rawValue), "new_memory_id": record.map { .number(Double($0.memoryID)) } ?? .null,
                ])
            }),
            "removed": .array(report.plan.removals.map { removal in
                .object([
                    "memory_id": .number(Double(removal.id)), "decay_score": .number(rounded(removal.decayScore)),
                    "age_days": .number(rounded(removal.age / 86_400)), "access_count": .number(Double(removal.accessCount)),
                ])
            }),
        ]))
    }

    @Sendable func stats(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let profile = try await profiles.profile(userID)
        let history = try await profiles.history(userID)
        let memory = try await conversations.stats(userID: userID)
        let lastActivity = [memory.lastActivity, history.last?.createdAt].compactMap { $0 }.max()
        return .json(.object([
            "user_id": .string(userID), "profile_fields": .number(Double(profile.profile.count)),
            "history_events": .number(Double(history.count)), "conversations": .number(Double(memory.conversations)),
            "turns": .number(Double(memory.turns)), "memories": .number(Double(memory.memories)),
            "memories_by_type": .object(memory.memoriesByKind.mapValues { .number(Double($0)) }),
            "index": .object([
                "kind": .string(memory.indexKind), "vectors": .number(Double(memory.indexedVectors)), "embedding": .string(memory.embedding),
            ]),
            "last_activity": lastActivity.map { .string($0.iso8601) } ?? .null,
        ]))
    }

    @Sendable func export(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let export = try await UserTransfer(conversations: conversations, profiles: profiles).export(userID: userID)
        switch try request.query().get("format") ?? "json" {
        case "json":
            let data = try UserExport.encoder.encode(export)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"\(userID).json\""],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case "csv":
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(userID).csv\""],
                body: .init(byteBuffer: ByteBuffer(string: export.csv)))
        default:
            throw APIError.badRequest("format must be json or csv.")
        }
    }

    @Sendable func importUser(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        // BodyLimitMiddleware stops the body at MAX_IMPORT_BYTES.
        let buffer = try await request.body.collect(upTo: .max)
        let export: UserExport
        do {
            export = try UserExport.decoder.decode(UserExport.self, from: Data(buffer: buffer))
        } catch {
            throw APIError(.badRequest, "invalid_export", "The body is not a PersonalMem export (GET /users/{id}/export).")
        }

        do {
            let counts = try await UserTransfer(conversations: conversations, profiles: profiles).import(export, into: userID)
            return .json(.object([
                "success": .bool(true), "user_id": .string(userID), "profile_fields": .number(Double(counts.profileFields)),
                "history_events": .number(Double(counts.historyEvents)), "conversations": .number(Double(counts.conversations)),
                "memories": .number(Double(counts.memories)),
            ]))
        } catch is UserNotEmpty {
            throw APIError(.conflict, "user_not_empty", "User \(userID) already has memories; delete them first (DELETE /users/{id}/memories) or import into a new id.")
        } catch let error as ImportRejected {
            var apiError = APIError(.unprocessableContent, "invalid_export", error.reason)
            apiError.field = error.field
            throw apiError
        }
    }

}

/// Scores and ages to four decimals, for readable JSON.
private func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

extension RankedMemory {
    var json: JSONValue {
        .object([
            "memory_id": .number(Double(record.memoryID)), "conv_id": .string(record.convID), "turn_id": .number(Double(record.turnID)),
            "ts": .string(record.ts.iso8601), "summary": .string(record.summary), "type": .string(record.kind),
            "confidence": .number(rounded(record.confidence)),
            "access_count": .number(Double(access.count)), "last_access": access.lastAccess.map { .string($0.iso8601) } ?? .null,
            "merged_from": .array(record.mergedFrom.map { .number(Double($0)) }),
            "score": .number(rounded(score.total)),
            "score_parts": .object([
                "semantic": .number(rounded(score.parts.semantic)),
                "keyword": .number(rounded(score.parts.keyword)),
                "recency": .number(rounded(score.parts.recency)),
                "frequency": .number(rounded(score.parts.frequency)),
                "confidence": .number(rounded(score.parts.confidence)),
                "cosine": .number(rounded(score.cosine)),
                "bm25": .number(rounded(score.bm25)),
                "dense_rank": score.denseRank.map { .number(Double($0)) } ?? .null,
                "keyword_rank": score.keywordRank.map { .number(Double($0)) } ?? .null,
                "time": .number(rounded(score.time)),
                "fused": .number(rounded(score.fused)),
                "prior": .number(rounded(score.prior)),
            ]),
        ])
    }
}
