import Foundation
import Hummingbird
import PersonalMem

/// The PersonalMem profile API: messages in, profile out, batch upserts, history, GDPR delete.
struct ProfileController<Context: RequestContext> {
    let memory: ProfileMemory
    let jobs: JobQueue
    let maxMessageBytes: Int
    /// Deletes everything about the user (rows, conversation files, in-memory state); returns the rows deleted.
    let eraseUser: @Sendable (String) async throws -> Int

    func register(on router: Router<Context>) {
        router.post("messages", use: postMessage)
        router.post("messages/:message_id/extract", use: extractAgain)
        router.get("users/:user_id/context/text", use: contextText)
        router.get("users/:user_id/memories/raw", use: rawMemories)
        router.post("users/:user_id/memories/batch", use: batch)
        router.get("users/:user_id/memories/history", use: history)
        router.delete("users/:user_id/memories", use: deleteAll)
    }

    @Sendable func postMessage(request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let body = try await request.decode(MessageRequest.self, context: context)
        let userID = try Identifier.validUserID(try body.userID.nonBlank("user_id"))
        let message = try body.message.nonBlank("message")
        guard message.utf8.count <= maxMessageBytes else {
            throw APIError.tooLarge("'message' is \(message.utf8.count) bytes; the limit is \(maxMessageBytes).")
        }
        // PostgreSQL cannot store U+0000; refused before it could fail a shared commit.
        guard !message.utf8.contains(0) else { throw APIError.badRequest("'message' must not contain U+0000.") }
        let conversationID = try body.conversationID.flatMap { $0.isEmpty ? nil : $0 }.map(Identifier.validConversationID)
        if body.async == true {
            let job = try await jobs.enqueueExtraction(userID: userID, conversationID: conversationID, message: message)
            var response = try Response.json(JobQueuedResponse(job), status: .accepted)
            response.headers[.location] = "/jobs/\(job.id)"
            return response
        }
        let outcome = try await memory.submit(userID: userID, message: message, conversationID: conversationID)
        return try .json(MessageResponse(outcome, started: started))
    }

    @Sendable func extractAgain(request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        guard let id = context.parameters.get("message_id", as: Int64.self) else {
            throw APIError.badRequest("message_id must be a number.")
        }
        guard let stored = try await memory.store.message(id) else { throw APIError.notFound("No message \(id).") }
        let outcome = try await memory.reextract(stored)
        return try .json(MessageResponse(outcome, started: started))
    }

    @Sendable func contextText(request: Request, context: Context) async throws -> Response {
        let snapshot = try await memory.profile(try userID(context))
        // User ids are letters, digits and . _ @ : - only, so they need no JSON escaping.
        return .jsonText(#"{"context":\#(snapshot.contextJSON),"has_memories":\#(snapshot.hasMemories),"user_id":"\#(snapshot.userID)"}"#)
    }

    @Sendable func rawMemories(request: Request, context: Context) async throws -> Response {
        let snapshot = try await memory.profile(try userID(context))
        return .jsonText(#"{"memories":\#(snapshot.profileJSON),"user_id":"\#(snapshot.userID)"}"#)
    }

    @Sendable func batch(request: Request, context: Context) async throws -> Response {
        let userID = try userID(context)
        // A `BatchRequest` is any JSON object, so the JSON reader gives the same values and the same
        // refusals as decoding it with `JSONDecoder`, without probing each value's type in turn
        // (6.8 % of a batch's server CPU under load).
        let values: BatchRequest = try await request.jsonObject(context: context)
        guard !values.isEmpty else { throw APIError.badRequest("The batch is empty: send an object of field: value.") }
        let modeText = try request.query().get("mode") ?? "merge"
        guard let mode = ProfileMemory.BatchMode(rawValue: modeText) else {
            throw APIError.badRequest("mode must be 'merge' (lists gain items) or 'replace' (values replace stored ones).")
        }
        let (snapshot, events) = try await memory.applyBatch(userID: userID, values: values, mode: mode)
        var updated: [String] = []
        for event in events where !updated.contains(event.field) { updated.append(event.field) }
        return try .json(
            BatchResponse(
                success: true, userID: userID, updatedFields: updated, totalFields: snapshot.profile.count,
                events: events.map(ProfileEventWire.init)))
    }

    @Sendable func history(request: Request, context: Context) async throws -> Response {
        let userID = try userID(context)
        let entries = try await memory.history(userID)
        return try .json(HistoryResponse(userID: userID, history: entries.map(HistoryResponse.Entry.init)))
    }

    @Sendable func deleteAll(request: Request, context: Context) async throws -> Response {
        let userID = try userID(context)
        let rows = try await eraseUser(userID)
        context.logger.info("deleted user data", metadata: ["rows": "\(rows)"])
        return try .json(DeleteResponse(message: "All memories deleted for user \(userID)", userID: userID))
    }

    func userID(_ context: Context) throws -> String {
        try Identifier.validUserID(context.parameters.get("user_id") ?? "")
    }
}
