import Foundation
import HTTPTypes
import Testing

@testable import PersonalMem

/// With `API_KEYS` set, only `GET /health` and the page's own files are open; nothing is let
/// through because of how its path ends.
@Suite("API key probes", .serialized, .timeLimit(.minutes(3)))
struct AuthProbeTests {
    static let key = "k-7f3a9c"

    func get(_ service: TestService, _ path: String, authorization: String? = nil) async throws -> TestService.Reply {
        var headers: HTTPFields = [:]
        if let authorization { headers[.authorization] = authorization }
        return try await service.request(.get, path, headers: headers)
    }

    @Test("suffix paths, health checks of paid models and other methods need the key; the page and /health do not")
    func bypassProbes() async throws {
        try await TestService.run(llm: true, environment: ["API_KEYS": Self.key]) { service in
            let user = TestService.userID("auth")
            // Store a conversation so that a bypass would have something to show.
            let headers: HTTPFields = [.authorization: "Bearer \(Self.key)"]
            let chat: JSONValue = .object([
                "user": .string(user), "metadata": .object(["conversation_id": .string("notes.html")]),
                "messages": .array([.object(["role": .string("user"), "content": .string("my secret is 42")])]),
            ])
            let answered = try await service.request(.post, "/v1/chat/completions", json: chat, headers: headers)
            #expect(answered.status == .ok)
            // The turn's record job calls the model too (summary, extraction): let it finish first.
            try await service.waitForJob(try #require(answered["memory"]?.objectValue?["job_id"]), headers: headers)
            #expect(try await get(service, "/users/\(user)/conversations/notes.html", authorization: "Bearer \(Self.key)").status == .ok)
            let modelCalls = service.fake.chatRequests.count

            let guarded = [
                "/users/\(user)/conversations/notes.html", "/users/\(user)/memories/raw.js", "/users/\(user)/conversations/x.css",
                "/users/\(user)/conversations/x.png", "/health/llm", "/health/embed", "/fields", "/metrics",
                "/users/\(user)/conversations", "/health/", "/index.html/../fields", "/js/../fields", "/nothing.html", "/js/nothing.js", "/favicon.ico.js",
            ]
            for path in guarded {
                let reply = try await get(service, path)
                #expect(reply.status == .unauthorized, "\(path) answered \(reply.status.code) without a key")
                #expect(reply.errorCode == "unauthorized")
                #expect(reply.headers[.wwwAuthenticate] == "Bearer")
            }
            #expect(service.fake.chatRequests.count == modelCalls)  // no health probe reached the paid model
            #expect(try await service.request(.post, "/health").status == .unauthorized)

            for path in ["/", "/health", "/index.html", "/js/main.js", "/js/lang/en.js", "/styles.css", "/openapi.json", "/docs.html"] {
                let reply = try await get(service, path)
                #expect(reply.status.code < 400, "\(path) answered \(reply.status.code)")
            }
        }
    }

    @Test("the Bearer scheme is case-insensitive; other schemes and wrong keys are refused")
    func schemes() async throws {
        try await TestService.run(environment: ["API_KEYS": "other-key, \(Self.key)"]) { service in
            for accepted in ["Bearer \(Self.key)", "bearer \(Self.key)", "BEARER \(Self.key)", "bEaReR   \(Self.key)", "Bearer other-key"] {
                let status = try await get(service, "/fields", authorization: accepted).status
                #expect(status == .ok, "\(accepted)")
            }
            for refused in ["Basic \(Self.key)", "Bearer", "Bearer ", "\(Self.key)", "Bearer \(Self.key)x", "Bearer k-7f3a9", "Token \(Self.key)"] {
                let status = try await get(service, "/fields", authorization: refused).status
                #expect(status == .unauthorized, "\(refused)")
            }
            let llm = try await get(service, "/health/llm", authorization: "bearer \(Self.key)")
            #expect(llm.status == .serviceUnavailable)
        }
    }
}
