import FakeOpenAI
import Foundation
import Testing

@testable import PersonalMem

@Suite("Extraction scenarios against PostgreSQL", .serialized, .timeLimit(.minutes(3)))
struct ExtractionScenarioTests {
    @Test("the built-in extractor follows PersonalMem's update scenario step by step")
    func updateScenario() async throws {
        try await TestService.run { service in
            let user = TestService.userID("scenario")
            _ = try await service.message(user, "Hi, I'm Alex and I work at Acme as a backend developer")
            var memories = try await service.memories(user)
            #expect(memories["name"] == .string("Alex"))
            #expect(memories["company"] == .string("Acme"))
            #expect(memories["role"] == .string("backend developer"))

            _ = try await service.message(user, "My skills are Python and JavaScript")
            #expect(try await service.memories(user)["skills"] == .array([.string("Python"), .string("JavaScript")]))

            _ = try await service.message(user, "My skills include Go too")
            #expect(try await service.memories(user)["skills"] == .array([.string("Python"), .string("JavaScript"), .string("Go")]))

            _ = try await service.message(user, "My skills are now TypeScript, Go, and Rust")
            #expect(try await service.memories(user)["skills"] == .array([.string("TypeScript"), .string("Go"), .string("Rust")]))

            _ = try await service.message(user, "I moved to Lisbon last month")
            #expect(try await service.memories(user)["location"] == .string("Lisbon"))

            _ = try await service.message(user, "I no longer work at Acme")
            memories = try await service.memories(user)
            #expect(memories["company"] == nil)

            _ = try await service.message(user, "Actually, I'm 31")
            memories = try await service.memories(user)
            #expect(memories["age"] == .number(31))
            #expect(memories["name"] == .string("Alex"))
        }
    }

    @Test("an LLM reply with several facts and removals in one message is applied in order")
    func llmMultiFactReply() async throws {
        try await TestService.run(llm: true) { service in
            let user = TestService.userID("llm-multi")
            let seeded = try await service.post("/users/\(user)/memories/batch", .object(["hobbies": .array([.string("golf")]), "diet": .string("vegetarian")]))
            #expect(seeded.status == .ok)
            service.fake.script(.reply(factsReply([
                ("hobbies", "remove", .array([.string("golf")])),
                ("diet", "remove", .string("vegetarian")),
                ("hobbies", "add", .array([.string("bouldering")])),
                ("pets", "add", .array([.string("cat: Miso")])),
                ("role", "set", .string("nurse")),
            ])))
            let reply = try await service.message(user, "gave up golf and meat-free life, bouldering now. night shifts as a nurse, and Miso my cat judges me")
            #expect(reply.status == .ok)
            let memories = try await service.memories(user)
            #expect(memories["hobbies"] == .array([.string("bouldering")]))
            #expect(memories["diet"] == nil)
            #expect(memories["pets"] == .array([.string("cat: Miso")]))
            #expect(memories["role"] == .string("nurse"))

            // The prompt carries the rules and our worked examples.
            let system = service.fake.chatRequests.last?.objectValue?["messages"]?.arrayValue?.first?.objectValue?["content"]?.stringValue ?? ""
            #expect(system.contains("life_goals, never role"))
            #expect(system.contains("used to … but"))
            #expect(system.contains("Examples:"))
        }
    }

    @Test("a plural favourite is a list in a batch")
    func pluralFavouriteBatch() async throws {
        try await TestService.run { service in
            let user = TestService.userID("fav")
            let reply = try await service.post("/users/\(user)/memories/batch", .object(["favorite_foods": .array([.string("pizza"), .string("ramen")]), "favorite_color": .string("green")]))
            #expect(reply.status == .ok)
            let memories = try await service.memories(user)
            #expect(memories["favorite_foods"] == .array([.string("pizza"), .string("ramen")]))
            #expect(memories["favorite_color"] == .string("green"))
        }
    }
}
