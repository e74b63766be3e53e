import Foundation
import HTTPTypes
import Testing

@testable import PersonalMem

/// Dot-only ids are refused; query values are read as browsers and HTML forms write them.
@Suite("Ids and query strings", .serialized, .timeLimit(.minutes(3)))
struct IdentifierQueryTests {
    @Test("'.', '..' and other dot-only user and conversation ids are a 400 everywhere")
    func dotIDs() async throws {
        try await TestService.run { service in
            let user = TestService.userID("dots")
            for id in [".", "..", "...", "%2E", "%2E%2E", ".%2E"] {
                for path in ["/users/\(id)/memories/raw", "/users/\(id)/context/text", "/users/\(id)/conversations", "/users/\(user)/conversations/\(id)"] {
                    let reply = try await service.get(path)
                    #expect(reply.status.code >= 400 && reply.status.code < 500, "\(path) answered \(reply.status.code)")
                    #expect(reply.status != .ok)
                }
            }
            for id in [".", "..", "...."] {
                let message = try await service.post("/messages", .object(["user_id": .string(id), "message": .string("My name is Ada")]))
                #expect(message.status == .badRequest, "user_id \(id)")
                let conversation = try await service.post(
                    "/messages", .object(["user_id": .string(user), "message": .string("hi"), "conversation_id": .string(id)]))
                #expect(conversation.status == .badRequest, "conversation_id \(id)")
                let chat: JSONValue = .object([
                    "user": .string(user), "metadata": .object(["dry_run": .bool(true), "conversation_id": .string(id)]),
                    "messages": .array([.object(["role": .string("user"), "content": .string("hi")])]),
                ])
                #expect(try await service.post("/v1/chat/completions", chat).status == .badRequest, "chat conversation \(id)")
                let chatUser: JSONValue = .object([
                    "user": .string(id), "metadata": .object(["dry_run": .bool(true)]),
                    "messages": .array([.object(["role": .string("user"), "content": .string("hi")])]),
                ])
                #expect(try await service.post("/v1/chat/completions", chatUser).status == .badRequest, "chat user \(id)")
                #expect(try await service.post("/users/\(id)/memories/batch", .object(["name": .string("A")])).status.code >= 400)
            }
            // Dots inside an id are still fine.
            #expect(try await service.post("/users/a.b/memories/batch", .object(["name": .string("A")])).status == .ok)
            _ = try await service.request(.delete, "/users/a.b/memories")
        }
    }

    @Test("'+' in a query value is a space, %2B a plus; invalid UTF-8 in q is a 400 naming q")
    func queryDecoding() async throws {
        try await TestService.run { service in
            let user = TestService.userID("q")
            let plus = try await service.get("/users/\(user)/memories/search?q=When+did+I+quit&top_k=3")
            #expect(plus.status == .ok)
            #expect(plus["query"] == .string("When did I quit"))
            let encoded = try await service.get("/users/\(user)/memories/search?q=C%2B%2B+and+caf%C3%A9")
            #expect(encoded["query"] == .string("C++ and café"))
            for bad in ["%FF", "%C3", "abc%80def", "%ED%A0%80"] {
                let reply = try await service.get("/users/\(user)/memories/search?q=\(bad)")
                #expect(reply.status == .badRequest, "q=\(bad) answered \(reply.status.code)")
                #expect(reply["error"]?.objectValue?["field"] == .string("q"))
            }
            let mode = try await service.request(.post, "/users/\(user)/memories/batch?mode=rep%FFlace", json: .object(["name": .string("A")]))
            #expect(mode.status == .badRequest)
        }
    }
}
