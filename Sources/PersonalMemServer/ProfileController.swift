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
        let body = try await request.jsonObject(context: context)
        let userID = try Identifier.validUserID(try body.requiredString("user_id"))
        let message = try body.requiredString("message")
        guard message.utf8.count <= maxMessageBytes else {
            throw APIError.tooLarge("'message' is \(message.utf8.count) bytes; the limit is \(maxMessageBytes).")
        }
        // PostgreSQL cannot store U+0000; refused before it could fail a shared commit.
        guard !message.utf8.contains(0) else { throw APIError.badRequest("'message' must not contain U+0000.") }
        let conversationID = try body.optionalString("conversation_id").map(Identifier.validConversationID)
        if try body.optionalBool("async") == true {
            let job = try await jobs.enqueueExtraction(userID: userID, conversationID: conversationID, message: message)
            var response = Response.json(JobController<Context>.renderQueued(job), status: .accepted)
            response.headers[.location] = "/jobs/\(job.id)"
            return response
        }
        let outcome = try await memory.submit(userID: userID, message: message, conversationID: conversationID)
        return .json(Self.render(outcome, started: started))
    }

    @Sendable func extractAgain(request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        guard let id = context.parameters.get("message_id", as: Int64.self) else {
            throw APIError.badRequest("message_id must be a number.")
        }
        guard let stored = try await memory.store.message(id) else { throw APIError.notFound("No message \(id).") }
        let outcome = try await memory.reextract(stored)
        return .json(Self.render(outcome, started: started))
    }

    static func render(_ outcome: ProfileMemory.MessageOutcome, started: ContinuousClock.Instant) -> JSONValue {
        let elapsed = ContinuousClock.now - started
        return .object([
            "success": .bool(true),
            "user_id": .string(outcome.snapshot.userID),
            "message_id": .number(Double(outcome.messageID)),
            "extracted_memories": .array(outcome.events.map(\.json)),
            "memory_context": .string(outcome.snapshot.context),
            "extractor": .string(outcome.extractor),
            "rejected_facts": .number(Double(outcome.rejectedFacts)),
            "response_time_ms": .number((Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000).rounded()),
        ])
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
        let values = try await request.jsonObject(context: context)
        guard !values.isEmpty else { throw APIError.badRequest("The batch is empty: send an object of field: value.") }
        let modeText = try request.query().get("mode") ?? "merge"
        guard let mode = ProfileMemory.BatchMode(rawValue: modeText) else {
            throw APIError.badRequest("mode must be 'merge' (lists gain items) or 'replace' (values replace stored ones).")
        }
        let (snapshot, events) = try await memory.applyBatch(userID: userID, values: values, mode: mode)
        var updated: [String] = []
        for event in events where !updated.contains(event.field) { updated.append(event.field) }
        return .json(.object([
            "success": .bool(true), "user_id": .string(userID),
            "updated_fields": .array(updated.map(JSONValue.string)),
            "total_fields": .number(Double(snapshot.profile.count)),
            "events": .array(events.map(\.json)),
        ]))
    }

    @Sendable func history(request: Request, context: Context) async throws -> Response {
        let userID = try userID(context)
        let entries = try await memory.history(userID)
        return .json(.object([
            "user_id": .string(userID),
            "history": .array(entries.map { entry in
                .object([
                    "id": .number(Double(entry.id)), "field": .string(entry.field), "event": .string(entry.event.rawValue),
                    "value": entry.value ?? .null, "old_value": entry.oldValue ?? .null, "new_value": entry.newValue ?? .null,
                    "source": .string(entry.source), "extractor": entry.extractor.map(JSONValue.string) ?? .null,
                    "created_at": .string(entry.createdAt.iso8601),
                ])
            }),
        ]))
    }

    @Sendable func deleteAll(request: Request, context: Context) async throws -> Response {
        let userID = try userID(context)
        let rows = try await eraseUser(userID)
        context.logger.info("deleted user data", metadata: ["rows": "\(rows)"])
        return .json(.object(["message": .string("All memories deleted for user \(userID)"), "user_id": .string(userID)]))
    }

    func userID(_ context: Context) throws -> String {
        try Identifier.validUserID(context.parameters.get("user_id") ?? "")
    }
}
