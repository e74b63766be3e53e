import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem

@Suite("Search has no feedback loop", .serialized, .timeLimit(.minutes(3)))
struct SearchStabilityTests {
    func say(_ service: TestService, _ user: String, _ text: String, conversation: String) async throws {
        let body: JSONValue = .object([
            "user": .string(user), "metadata": .object(["conversation_id": .string(conversation)]),
            "messages": .array([.object(["role": .string("user"), "content": .string(text)])]),
        ])
        #expect(try await service.chatIndexed(body).status == .ok)
    }

    func ranked(_ reply: TestService.Reply) -> [JSONValue] {
        (reply["results"]?.arrayValue ?? []).map { result in
            .object((result.objectValue ?? [:]).filter { ["memory_id", "score", "score_parts", "access_count"].contains($0.key) })
        }
    }

    @Test("the same questions asked twice over HTTP give the same results; search counts no access, a prompt does")
    func sameQuestionsTwice() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID()
            let facts = [
                "My sister Anna moved to Lisbon in March", "I started learning the cello last year",
                "Our dog Biscuit loves the beach", "I ran my first half marathon in October",
                "My locker code at the gym is 4512", "We painted the kitchen yellow over the weekend",
            ]
            for (index, fact) in facts.enumerated() { try await say(service, user, fact, conversation: "c\(index % 2)") }
            let questions = ["Where did Anna move?", "cello", "What is the locker code?", "dog beach", "marathon October", "kitchen paint"]
            func ask() async throws -> [[JSONValue]] {
                var all: [[JSONValue]] = []
                for question in questions {
                    let query = question.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? question
                    let reply = try await service.get("/users/\(user)/memories/search?q=\(query)&top_k=5")
                    #expect(reply.status == .ok)
                    all.append(ranked(reply))
                }
                return all
            }
            let first = try await ask()
            let second = try await ask()
            #expect(first == second)
            #expect(first.allSatisfy { !$0.isEmpty })

            // Search does not count as an access; putting memories into a chat prompt does.
            func accessCount(_ id: JSONValue?) async throws -> JSONValue? {
                let all = ranked(try await service.get("/users/\(user)/memories/search?q=cello&top_k=10"))
                return all.first { $0.objectValue?["memory_id"] == id }?.objectValue?["access_count"]
            }
            let top = ranked(try await service.get("/users/\(user)/memories/search?q=cello&top_k=1")).first?.objectValue?["memory_id"]
            let before = try await accessCount(top)
            #expect(try await accessCount(top) == before)
            try await say(service, user, "Tell me about the cello lessons", conversation: "c9")
            guard case .number(let count)? = try await accessCount(top), case .number(let earlier)? = before else {
                Issue.record("no access_count")
                return
            }
            #expect(count == earlier + 1)
        }
    }
}
