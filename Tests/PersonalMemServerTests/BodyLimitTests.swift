import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import PersonalMem

/// Oversized bodies are a 413 with a JSON error on every route, whether their length is declared
/// or they arrive chunked; import has its own limit; a chat message obeys MAX_MESSAGE_BYTES.
@Suite("Body limits", .serialized, .timeLimit(.minutes(3)))
struct BodyLimitTests {
    static let threeMegabytes = String(repeating: "a", count: 3 << 20)

    /// A JSON object around a 3 MB string.
    static func bigBody(_ user: String) -> String {
        #"{"user_id":"\#(user)","user":"\#(user)","message":"\#(threeMegabytes)","nickname":"x","messages":[]}"#
    }

    /// Posts `body` in 64 KiB chunks with no Content-Length (Transfer-Encoding: chunked).
    static func postChunked(port: Int, path: String, body: String) async throws -> (status: Int, json: JSONValue) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let bytes = Array(body.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 65_536).map { ByteBuffer(bytes: bytes[$0..<min($0 + 65_536, bytes.count)]) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        request.body = .stream(stream, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? JSONValue.parse(Data(buffer: data))) ?? .null)
    }

    @Test("3 MB bodies answer 413 body_too_large on every route, with Content-Length or chunked")
    func oversized() async throws {
        try await TestService.run { service in
            let user = TestService.userID("big")
            let routes: [(HTTPRequest.Method, String)] = [
                (.post, "/messages"), (.post, "/users/\(user)/memories/batch"), (.post, "/v1/chat/completions"),
                (.post, "/users/\(user)/optimize"), (.post, "/messages/1/extract"), (.get, "/health"), (.get, "/users/\(user)/memories/raw"),
                (.delete, "/users/\(user)/memories"), (.post, "/nowhere"),
            ]
            for (method, path) in routes {
                let reply = try await service.request(method, path, raw: Self.bigBody(user), headers: [.contentType: "application/json"])
                #expect(reply.status == .contentTooLarge, "\(method) \(path) answered \(reply.status.code)")
                #expect(reply.errorCode == "body_too_large", "\(method) \(path)")
            }
            let port = try #require(service.client.port)
            for path in ["/messages", "/users/\(user)/memories/batch", "/v1/chat/completions", "/users/\(user)/optimize"] {
                let reply = try await Self.postChunked(port: port, path: path, body: Self.bigBody(user))
                #expect(reply.status == 413, "chunked \(path) answered \(reply.status)")
                #expect(reply.json.objectValue?["error"]?.objectValue?["code"] == .string("body_too_large"))
            }
            // Under the limit, chunked bodies still work.
            let small = try await Self.postChunked(port: port, path: "/users/\(user)/memories/batch", body: #"{"nickname":"Bee"}"#)
            #expect(small.status == 200)
            #expect(try await service.memories(user)["nickname"] == .string("Bee"))
        }
    }

    @Test("import has its own limit, MAX_IMPORT_BYTES; bodies under it reach the import")
    func importLimit() async throws {
        try await TestService.run(environment: ["MAX_IMPORT_BYTES": "4000000", "MAX_BODY_BYTES": "100000"]) { service in
            let user = TestService.userID("big")
            let over = String(repeating: " ", count: 4_100_000) + "{}"
            let refused = try await service.request(.post, "/users/\(user)/import", raw: over)
            #expect(refused.status == .contentTooLarge)
            #expect(refused["error"]?.objectValue?["message"]?.stringValue?.contains("MAX_IMPORT_BYTES") == true)
            let port = try #require(service.client.port)
            #expect(try await Self.postChunked(port: port, path: "/users/\(user)/import", body: over).status == 413)
            // 3 MB is over MAX_BODY_BYTES but under MAX_IMPORT_BYTES: it is read and found not to be an export.
            let under = try await service.request(.post, "/users/\(user)/import", raw: String(repeating: " ", count: 3 << 20) + "{}")
            #expect(under.status == .badRequest)
            #expect(under.errorCode == "invalid_export")
            let batch = try await service.request(.post, "/users/\(user)/memories/batch", raw: #"{"nickname":"\#(String(repeating: "b", count: 200_000))"}"#)
            #expect(batch.status == .contentTooLarge)
        }
    }

    @Test("a chat message over MAX_MESSAGE_BYTES is refused with 413, as on /messages")
    func chatMessageLimit() async throws {
        try await TestService.run(environment: ["MAX_MESSAGE_BYTES": "1000"]) { service in
            let user = TestService.userID("big")
            let long = String(repeating: "é", count: 600)  // 1200 bytes
            let chat: JSONValue = .object([
                "user": .string(user), "metadata": .object(["dry_run": .bool(true)]),
                "messages": .array([.object(["role": .string("user"), "content": .string(long)])]),
            ])
            let reply = try await service.post("/v1/chat/completions", chat)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errorCode == "message_too_long")
            #expect(try await service.message(user, long).status == .contentTooLarge)
            let fits: JSONValue = .object([
                "user": .string(user), "metadata": .object(["dry_run": .bool(true)]),
                "messages": .array([.object(["role": .string("user"), "content": .string(String(repeating: "é", count: 400))])]),
            ])
            #expect(try await service.post("/v1/chat/completions", fits).status == .ok)
        }
    }
}
