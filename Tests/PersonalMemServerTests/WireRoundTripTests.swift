import Foundation
import PersonalMem
import Testing

@testable import PersonalMemServer

/// The document and the code cannot disagree: every JSON example in frontend/openapi.json decodes
/// into the Swift type of its schema and encodes back to the same bytes (keys the type does not
/// know, a `null` the type would leave out, or a member it would add all show as a difference).
@Suite("openapi.json examples round-trip through the wire types")
struct WireRoundTripTests {
    /// The schemas of response bodies, by name, and the type that renders each.
    static let responseTypes: [String: WireShape] = [
        "Error": WireShape(ErrorResponse.self),
        "Health": WireShape(HealthResponse.self),
        "HealthLlm": WireShape(LLMHealthResponse.self),
        "FieldList": WireShape(FieldListResponse.self),
        "MessageResponse": WireShape(MessageResponse.self),
        "JobQueued": WireShape(JobQueuedResponse.self),
        "Job": WireShape(JobResponse.self),
        "ContextText": WireShape(ContextTextResponse.self),
        "RawMemories": WireShape(RawMemoriesResponse.self),
        "BatchResponse": WireShape(BatchResponse.self),
        "DeleteResponse": WireShape(DeleteResponse.self),
        "History": WireShape(HistoryResponse.self),
        "MemorySearch": WireShape(MemorySearchResponse.self),
        "OptimizeReport": WireShape(OptimizeResponse.self),
        "UserStats": WireShape(UserStatsResponse.self),
        "ImportResponse": WireShape(ImportResponse.self),
        "HealthEmbed": WireShape(EmbedderHealthResponse.self),
        "ConversationList": WireShape(ConversationListResponse.self),
        "Conversation": WireShape(ConversationResponse.self),
        "ChatCompletion or ChatCompletionDryRun": .oneOf(WireShape(ChatCompletionResponse.self), WireShape(ChatDryRunResponse.self)),
        "UserExport": WireShape(UserExport.self, encode: { try UserExport.encoder.encode($0) }, decoder: UserExport.decoder),
    ]

    /// The schemas of request bodies and the type each is decoded into.
    static let requestTypes: [String: WireShape] = [
        "MessageRequest": WireShape(MessageRequest.self),
        "BatchRequest": WireShape(BatchRequest.self),
        "OptimizeRequest": WireShape(OptimizeRequest.self),
        "ChatCompletionRequest": WireShape(ChatCompletionRequest.self),
        "UserExport": WireShape(UserExport.self, encode: { try UserExport.encoder.encode($0) }, decoder: UserExport.decoder),
    ]

    /// The events of a streamed answer (`text/event-stream` examples, one `data:` line each).
    static let streamEventTypes: [String: WireShape] = [
        "ChatCompletionChunk": WireShape(ChatCompletionChunk.self),
        "ChatStreamError": WireShape(ChatStreamErrorEvent.self),
    ]

    @Test("every response example decodes strictly into its type and re-encodes to the same bytes")
    func responses() throws {
        let document = try OpenAPIExamples.load()
        var checked: [String: Int] = [:]
        for example in try document.responseExamples() {
            guard let shape = Self.responseTypes[example.schema] else {
                Issue.record("\(example.location): no wire type for schema \(example.schema)")
                continue
            }
            let differences = try shape.roundTripDifferences(example.value)
            #expect(differences.isEmpty, "\(example.location) (\(example.schema)): \(differences.joined(separator: "; "))")
            checked[example.schema, default: 0] += 1
        }
        let unexercised = Set(Self.responseTypes.keys).subtracting(checked.keys)
        #expect(unexercised.isEmpty, "wire types with no example in openapi.json: \(unexercised.sorted())")
    }

    @Test("every request example decodes strictly into its request type")
    func requests() throws {
        let document = try OpenAPIExamples.load()
        var checked: Set<String> = []
        for example in try document.requestExamples() {
            guard let shape = Self.requestTypes[example.schema] else {
                Issue.record("\(example.location): no wire type for schema \(example.schema)")
                continue
            }
            // A request member may be sent as null for "not given"; the type reads it as absent.
            let differences = try shape.roundTripDifferences(example.value.droppingNullMembers)
            #expect(differences.isEmpty, "\(example.location) (\(example.schema)): \(differences.joined(separator: "; "))")
            checked.insert(example.schema)
        }
        #expect(Set(Self.requestTypes.keys).subtracting(checked).isEmpty, "request types with no example in openapi.json")
    }

    @Test("every event of the streamed examples decodes strictly into its type and re-encodes to the same bytes")
    func streamEvents() throws {
        let events = try OpenAPIExamples.load().streamEventExamples()
        for event in events {
            let shape = try #require(Self.streamEventTypes[event.schema])
            let differences = try shape.roundTripDifferences(event.value)
            #expect(differences.isEmpty, "\(event.location) (\(event.schema)): \(differences.joined(separator: "; "))")
        }
        #expect(Set(events.map(\.schema)) == Set(Self.streamEventTypes.keys), "a stream event type with no example")
        #expect(events.contains { $0.value.objectValue?["memory"] != nil && $0.value.objectValue?["usage"] != nil }, "no last chunk")
    }

    @Test("each typed schema declares exactly the members its examples show")
    func schemasDeclareWhatTheTypesWrite() throws {
        let document = try OpenAPIExamples.load()
        var coverage = SchemaCoverage(document: document.document)
        for example in try document.responseExamples() where Self.responseTypes[example.schema] != nil {
            coverage.walk(example.value, schemaNamed: example.schema)
        }
        for example in try document.requestExamples() where Self.requestTypes[example.schema] != nil {
            coverage.walk(example.value, schemaNamed: example.schema)
        }
        for example in try document.streamEventExamples() {
            coverage.walk(example.value, schemaNamed: example.schema)
        }
        for schema in ["ChatCompletion", "ChatCompletionDryRun", "ChatCompletionChunk", "ChatStreamError", "ChatMetadata", "UsedMemory"] {
            #expect(coverage.declared[schema] != nil, "no example reached \(schema)")
        }
        #expect(coverage.mismatches == [])
    }

    @Test("a renamed, extra or missing member is reported, and a null is not the same as absent")
    func roundTripCatchesDrift() throws {
        let shape = WireShape(DeleteResponse.self)
        #expect(try shape.roundTripDifferences(.object(["message": .string("m"), "user_id": .string("u")])).isEmpty)
        #expect(!(try shape.roundTripDifferences(.object(["message": .string("m"), "userId": .string("u")])).isEmpty))
        #expect(!(try shape.roundTripDifferences(.object(["message": .string("m"), "user_id": .string("u"), "extra": .bool(true)])).isEmpty))
        let job = WireShape(JobQueuedResponse.self)
        let queued: [String: JSONValue] = ["job_id": .number(1), "status": .string("queued"), "user_id": .string("u")]
        #expect(!(try job.roundTripDifferences(.object(queued))).isEmpty, "message_id is always present")
        #expect(try job.roundTripDifferences(.object(queued.merging(["message_id": .null]) { $1 })).isEmpty)
        let error = WireShape(ErrorResponse.self)
        let body: JSONValue = .object(["error": .object(["code": .string("c"), "message": .string("m"), "field": .null])])
        #expect(!(try error.roundTripDifferences(body)).isEmpty, "field is left out, not null, when there is none")
    }
}
