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
        return try .json(
            MemorySearchResponse(
                userID: userID, query: query, method: conversations.ranking.method.rawValue, results: ranked.map(MemorySearchResponse.Hit.init)))
    }

    @Sendable func optimize(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        var dryRun = try request.query().get("dry_run") == "true"
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false || request.headers[.transferEncoding] != nil {
            dryRun = try await request.decode(OptimizeRequest.self, context: context).dryRun ?? dryRun
        }
        let report = try await conversations.optimize(userID: userID, dryRun: dryRun)
        return try .json(OptimizeResponse(userID: userID, report: report))
    }

    @Sendable func stats(request: Request, context: Context) async throws -> Response {
        let userID = try Identifier.validUserID(context.parameters.get("user_id") ?? "")
        let profile = try await profiles.profile(userID)
        let history = try await profiles.history(userID)
        let memory = try await conversations.stats(userID: userID)
        let lastActivity = [memory.lastActivity, history.last?.createdAt].compactMap { $0 }.max()
        return try .json(
            UserStatsResponse(
                userID: userID, profileFields: profile.profile.count, historyEvents: history.count, conversations: memory.conversations,
                turns: memory.turns, memories: memory.memories, memoriesByType: memory.memoriesByKind,
                index: .init(kind: memory.indexKind, vectors: memory.indexedVectors, embedding: memory.embedding),
                lastActivity: lastActivity?.iso8601))
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
            return try .json(ImportResponse(userID: userID, counts: counts))
        } catch is UserNotEmpty {
            throw APIError(.conflict, "user_not_empty", "User \(userID) already has memories; delete them first (DELETE /users/{id}/memories) or import into a new id.")
        } catch let error as ImportRejected {
            var apiError = APIError(.unprocessableContent, "invalid_export", error.reason)
            apiError.field = error.field
            throw apiError
        }
    }
}
