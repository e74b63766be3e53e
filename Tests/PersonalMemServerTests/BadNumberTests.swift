import Foundation
import HTTPTypes
import Testing

@testable import PersonalMem

/// Numbers no client should be able to crash the service with: huge, negative, fractional,
/// beyond Int64 and Double, and strings that look like numbers, sent to every route that reads one.
@Suite("Bad numbers from clients", .serialized, .timeLimit(.minutes(5)))
struct BadNumberTests {
    /// Raw JSON tokens (some of them not JSON at all, which must be a 400).
    static let corpus = [
        "1e19", "-1e19", "1e20", "1e300", "-1e300", "1e400", "-1e400", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "99999999999999999999999999", "1.7976931348623157e308", "5e-324",
        "0.5", "-1", "-0", "0", "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"1e19\"", "\"99999999999999999999\"", "\"-1\"",
    ]

    /// Never a 5xx; a 2xx, or a 4xx with a JSON error.
    func expectHandled(_ reply: TestService.Reply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status.code < 500, "\(what) answered \(reply.status.code)", sourceLocation: sourceLocation)
        if reply.status.code >= 400 {
            #expect(reply.errorCode != nil, "\(what) answered \(reply.status.code) without a JSON error", sourceLocation: sourceLocation)
        }
    }

    func chatBody(user: String, _ fragment: String) -> String {
        #"{"user":"\#(user)","messages":[{"role":"user","content":"hello"}],"#
            + fragment.replacingOccurrences(of: "METADATA", with: #""metadata":{"dry_run":true"#) + "}"
    }

    @Test("batch values, chat knobs and message members: no 5xx, out-of-range is a 422 naming the field")
    func bodies() async throws {
        try await TestService.run { service in
            let user = TestService.userID("num")
            for token in Self.corpus {
                for field in ["nickname", "age", "birth_year", "likes", "jobs", "experience_years", "favorite_color"] {
                    let value = field == "likes" ? "[\(token)]" : field == "jobs" ? #"[{"company":\#(token)}]"# : token
                    let reply = try await service.request(.post, "/users/\(user)/memories/batch", raw: #"{"\#(field)":\#(value)}"#)
                    expectHandled(reply, "batch \(field)=\(token)")
                }
                for knob in ["max_tokens", "temperature"] {
                    let reply = try await service.request(
                        .post, "/v1/chat/completions", raw: chatBody(user: user, #""\#(knob)":\#(token),METADATA}"#))
                    expectHandled(reply, "chat \(knob)=\(token)")
                }
                for knob in ["recent_turns", "candidate_n", "retrieve_k", "gate_keep_max", "memory_length_cutoff_chars", "max_cosine_distance"] {
                    let reply = try await service.request(.post, "/v1/chat/completions", raw: chatBody(user: user, #"METADATA,"\#(knob)":\#(token)}"#))
                    expectHandled(reply, "chat metadata.\(knob)=\(token)")
                }
                for member in ["user_id", "message", "conversation_id", "async"] {
                    var object = #"{"user_id":"\#(user)","message":"I like tea""#
                    object += #","\#(member)":\#(token)}"#
                    expectHandled(try await service.request(.post, "/messages", raw: object), "messages \(member)=\(token)")
                }
                expectHandled(try await service.request(.post, "/users/\(user)/optimize", raw: #"{"dry_run":\#(token)}"#), "optimize \(token)")
            }
        }
    }

    @Test("the exact faults of the issue are 422s that name the field")
    func namedFields() async throws {
        try await TestService.run { service in
            let user = TestService.userID("num")
            let nickname = try await service.request(.post, "/users/\(user)/memories/batch", raw: #"{"nickname": 1e19}"#)
            #expect(nickname.status == .unprocessableContent)
            #expect(nickname["error"]?.objectValue?["field"] == .string("nickname"))
            let age = try await service.request(.post, "/users/\(user)/memories/batch", raw: #"{"age": 1e300}"#)
            #expect(age.status == .unprocessableContent)
            #expect(age["error"]?.objectValue?["field"] == .string("age"))

            let tokens = try await service.request(.post, "/v1/chat/completions", raw: chatBody(user: user, #""max_tokens":1e20,METADATA}"#))
            #expect(tokens.status == .unprocessableContent)
            #expect(tokens["error"]?.objectValue?["field"] == .string("max_tokens"))
            let knob = try await service.request(.post, "/v1/chat/completions", raw: chatBody(user: user, #"METADATA,"recent_turns":1e300}"#))
            #expect(knob.status == .unprocessableContent)
            #expect(knob["error"]?.objectValue?["field"] == .string("metadata.recent_turns"))
            let fraction = try await service.request(.post, "/v1/chat/completions", raw: chatBody(user: user, #"METADATA,"retrieve_k":2.5}"#))
            #expect(fraction.status == .unprocessableContent)
            let fine = try await service.request(.post, "/v1/chat/completions", raw: chatBody(user: user, #""max_tokens":100,METADATA,"retrieve_k":2}"#))
            #expect(fine.status == .ok)
            #expect(try await service.memories(user).isEmpty)
        }
    }

    @Test("query strings and path numbers: no 5xx, a bad top_k is a 422 naming it")
    func queryStrings() async throws {
        try await TestService.run { service in
            let user = TestService.userID("num")
            let texts = ["1e19", "99999999999999999999", "-1", "0", "0.5", "NaN", "-9223372036854775809", "9223372036854775807", "%00", "abc"]
            for text in texts {
                let search = try await service.get("/users/\(user)/memories/search?q=tea&top_k=\(text)")
                expectHandled(search, "top_k=\(text)")
                #expect(search.status == .unprocessableContent, "top_k=\(text)")
                #expect(search["error"]?.objectValue?["field"] == .string("top_k"))
                expectHandled(try await service.get("/jobs/\(text)"), "jobs/\(text)")
                expectHandled(try await service.post("/messages/\(text)/extract", .object([:])), "extract \(text)")
                expectHandled(try await service.get("/users/\(user)/export?format=\(text)"), "export format=\(text)")
                expectHandled(try await service.post("/users/\(user)/optimize?dry_run=\(text)", .object([:])), "optimize dry_run=\(text)")
                expectHandled(try await service.post("/users/\(user)/memories/batch?mode=\(text)", .object(["name": .string("A")])), "mode=\(text)")
            }
        }
    }

    @Test("an import file's ids and counts are range-checked: 422 naming the member, nothing stored")
    func importNumbers() async throws {
        try await TestService.run { service in
            let source = TestService.userID("num")
            #expect(try await service.post("/users/\(source)/memories/batch", .object(["name": .string("Ada")])).status == .ok)
            let exported = try await service.get("/users/\(source)/export")
            guard case .object(let export) = exported.json else {
                Issue.record("export is not an object")
                return
            }
            let turn = JSONValue.object(["turn_id": .number(1), "ts": .string("2025-01-01T00:00:00Z"), "user": .string("hi"), "assistant": .string("hello")])
            let memory = JSONValue.object([
                "record": .object([
                    "memory_id": .number(1), "user_id": .string(source), "conv_id": .string("c1"), "turn_id": .number(1),
                    "ts": .string("2025-01-01T00:00:00Z"), "summary": .string("likes tea"), "raw_user": .string("hi"),
                    "raw_assistant": .string("hello"),
                ]),
                "access_count": .number(0), "vector": .string(""),
            ])
            func variant(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
                var copy = export
                copy["conversations"] = .array([.object(["conversation_id": .string("c1"), "turns": .array([turn])])])
                copy["memories"] = .array([memory])
                copy["embedding_model"] = .string("another-model")
                change(&copy)
                return .object(copy)
            }
            /// Puts a placeholder where the raw token goes, so numbers beyond Double's exact range arrive as typed.
            func patchMemory(_ key: String, _ value: JSONValue, inRecord: Bool) -> (inout [String: JSONValue]) -> Void {
                { copy in
                    guard case .object(var item)? = copy["memories"]?.arrayValue?.first else { return }
                    if inRecord, case .object(var record)? = item["record"] {
                        record[key] = value
                        item["record"] = .object(record)
                    } else {
                        item[key] = value
                    }
                    copy["memories"] = .array([.object(item)])
                }
            }
            let raw = JSONValue.string("@RAW@")
            let cases: [(String, String, (inout [String: JSONValue]) -> Void)] = [
                ("memories[0].record.memory_id", "9223372036854775807", patchMemory("memory_id", raw, inRecord: true)),
                ("memories[0].record.memory_id", "-5", patchMemory("memory_id", raw, inRecord: true)),
                ("memories[0].record.turn_id", "9223372036854775807", patchMemory("turn_id", raw, inRecord: true)),
                ("memories[0].record.merged_from", "[-1]", patchMemory("merged_from", raw, inRecord: true)),
                ("memories[0].record.confidence", "1e300", patchMemory("confidence", raw, inRecord: true)),
                ("memories[0].record.conv_id", "\"..\"", patchMemory("conv_id", raw, inRecord: true)),
                ("memories[0].access_count", "-1", patchMemory("access_count", raw, inRecord: false)),
                ("embedding_dims", "-3", { $0["embedding_dims"] = raw }),
                ("conversations[0].conversation_id", "\".\"", { $0["conversations"] = .array([.object(["conversation_id": raw, "turns": .array([])])]) }),
                ("conversations[0].turns[0].turn_id", "9223372036854775807", { copy in
                    var bad = turn.objectValue ?? [:]
                    bad["turn_id"] = raw
                    copy["conversations"] = .array([.object(["conversation_id": .string("c1"), "turns": .array([.object(bad)])])])
                }),
            ]
            for (field, token, change) in cases {
                let target = TestService.userID("imp")
                let text = variant(change).jsonText.replacingOccurrences(of: #""@RAW@""#, with: token)
                let reply = try await service.request(.post, "/users/\(target)/import", raw: text)
                #expect(reply.status == .unprocessableContent, "\(field): \(reply.status.code) \(reply.json.jsonText)")
                #expect(reply["error"]?.objectValue?["field"] == .string(field))
                #expect(try await service.memories(target).isEmpty)
            }
            let valid = try await service.post("/users/\(TestService.userID("imp"))/import", variant { _ in })
            #expect(valid.status == .ok, "\(valid.json.jsonText)")
            for token in Self.corpus {
                let target = TestService.userID("imp")
                let text = variant({ _ in }).jsonText.replacingOccurrences(of: #""turn_id":1"#, with: #""turn_id":\#(token)"#)
                expectHandled(try await service.request(.post, "/users/\(target)/import", raw: text), "import turn_id=\(token)")
                let dims = variant({ _ in }).jsonText.replacingOccurrences(of: #""embedding_dims":"#, with: #""embedding_dims":\#(token),"x":"#)
                expectHandled(try await service.request(.post, "/users/\(target)/import", raw: dims), "import embedding_dims=\(token)")
            }
        }
    }
}
