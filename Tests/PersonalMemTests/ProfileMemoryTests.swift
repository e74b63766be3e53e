import Foundation
import Logging
import Testing

@testable import PersonalMem

/// The profile logic (merge, events, history, re-extraction, delete) over the in-memory repository:
/// no database, so each case runs in microseconds. The PostgreSQL path is covered by the API tests
/// and by the repository contract that both repositories pass.
@Suite("Profile memory over the in-memory repository")
struct ProfileMemoryTests {
    let repository = InMemoryProfileRepository()
    let memory: ProfileMemory

    init() {
        memory = ProfileMemory(
            repository: repository, messages: repository, cache: ProfileCache(capacity: 100), extractor: RuleExtractor(),
            logger: Logger(label: "profile-memory-test"))
    }

    static func user() -> String { "pm-\(UUID().uuidString.prefix(8))" }

    @Test("a batch merges: ADD, then UPDATE of a scalar and of a list (items added), replace, null DELETEs; history keeps every event in order")
    func batchEvents() async throws {
        let user = Self.user()
        let first = try await memory.applyBatch(userID: user, values: ["name": .string("Ada"), "likes": .array([.string("tea")])], mode: .merge)
        #expect(first.events.map(\.kind) == [.add, .add])
        let second = try await memory.applyBatch(userID: user, values: ["name": .string("Ada L"), "likes": .array([.string("chess")])], mode: .merge)
        // Adding to a list the user has is an UPDATE whose value is the items added.
        #expect(second.events.map(\.kind) == [.update, .update])
        #expect(second.events.first { $0.field == "likes" }?.value == .list(["chess"]))
        #expect(second.snapshot.profile["likes"] == .list(["tea", "chess"]))
        let replaced = try await memory.applyBatch(userID: user, values: ["likes": .array([.string("go")])], mode: .replace)
        #expect(replaced.snapshot.profile["likes"] == .list(["go"]))
        let cleared = try await memory.applyBatch(userID: user, values: ["name": .null], mode: .merge)
        #expect(cleared.events.map(\.kind) == [.delete])
        #expect(cleared.snapshot.profile == ["likes": .list(["go"])])

        let history = try await memory.history(user)
        #expect(history.map(\.event) == [.add, .add] + second.events.map(\.kind) + replaced.events.map(\.kind) + [.delete])
        #expect(history.allSatisfy { $0.source == "batch" })
        // Reads come from the cache the writes keep true.
        #expect(try await memory.profile(user) == cleared.snapshot)
        #expect(memory.cache.get(user)?.version == cleared.snapshot.version)
    }

    @Test("an invalid value refuses the whole batch; a full list refuses it as list_full; nothing is written")
    func refusedBatches() async throws {
        let user = Self.user()
        await #expect(throws: ProfileMemory.BatchRejected.self) {
            _ = try await memory.applyBatch(userID: user, values: ["name": .string("Ada"), "age": .string("old")], mode: .merge)
        }
        let full = (1...FieldCatalog.maxListItems).map { JSONValue.string("item \($0)") }
        _ = try await memory.applyBatch(userID: user, values: ["likes": .array(full)], mode: .merge)
        let before = try await memory.profile(user)
        do {
            _ = try await memory.applyBatch(userID: user, values: ["likes": .array([.string("one more")]), "name": .string("Ada")], mode: .merge)
            Issue.record("a batch past the list cap was accepted")
        } catch let rejected as ProfileMemory.BatchRejected {
            #expect(rejected.code == "list_full")
        }
        #expect(try await memory.profile(user) == before)
        #expect(try await memory.history(user).count == 1)
    }

    @Test("a message through the built-in extractor is stored with its change; the history names it")
    func submitMessage() async throws {
        let user = Self.user()
        let outcome = try await memory.submit(userID: user, message: "My name is Ada and I live in Paris.", conversationID: "c1")
        #expect(outcome.extractor == "builtin")
        #expect(outcome.snapshot.profile["name"] == .text("Ada"))
        #expect(outcome.snapshot.profile["location"] == .text("Paris"))
        #expect(await repository.message(outcome.messageID)?.status == "extracted")
        let history = try await memory.history(user)
        #expect(Set(history.map(\.field)) == ["name", "location"])
        #expect(history.allSatisfy { $0.source == "message:\(outcome.messageID)" && $0.extractor == "builtin" })

        // Said again: nothing changes, no history.
        let again = try await memory.submit(userID: user, message: "My name is Ada.", conversationID: nil)
        #expect(again.events.isEmpty && again.snapshot.version == outcome.snapshot.version)
        #expect(try await memory.history(user).count == history.count)
    }

    @Test("a stored message that was not extracted is extracted again: its facts apply and it leaves the pending list")
    func reextractPending() async throws {
        let user = Self.user()
        let id = try await repository.storeMessage(userID: user, conversationID: nil, body: "I work at Acme as an engineer", expectedGeneration: nil)
        await repository.markFailed(messageID: id, reason: "unavailable: model away")
        let pending = await repository.pendingMessages(userID: user, limit: 10)
        #expect(pending.map(\.id) == [id])
        let outcome = try await memory.reextract(pending[0])
        #expect(outcome.snapshot.profile["company"] == .text("Acme"))
        #expect(outcome.events.contains { $0.field == "company" && $0.kind == .add })
        #expect(await repository.pendingMessages(userID: user, limit: 10).isEmpty)
        #expect(try await memory.history(user).allSatisfy { $0.source == "message:\(id)" })
    }

    @Test("a delete removes the profile, history and messages, raises the generation, and work that began before stores nothing")
    func deleteWins() async throws {
        let user = Self.user()
        let written = try await memory.submit(userID: user, message: "My name is Bo.", conversationID: nil)
        let pending = try await repository.storeMessage(userID: user, conversationID: nil, body: "I live in Oslo", expectedGeneration: nil)
        let generation = await repository.generation(user)
        #expect(try await memory.profile(user).version == written.snapshot.version)

        let rows = try await memory.deleteUser(user)
        #expect(rows == 1 + 1 + 2)  // the profile, one history row, two messages
        #expect(memory.cache.get(user) == nil)
        // A write that committed before the delete cannot put its copy back in the cache.
        memory.cache.storeCommitted(written.snapshot)
        #expect(memory.cache.get(user) == nil)
        #expect(try await memory.profile(user).profile.isEmpty)
        #expect(try await memory.history(user).isEmpty)
        #expect(await repository.generation(user) == generation + 1)

        // A chat answer that began before the delete, and an extraction of a message the delete removed.
        await #expect(throws: UserDeleted.self) {
            _ = try await memory.submit(userID: user, message: "My name is Late.", conversationID: nil, expectedGeneration: generation)
        }
        await #expect(throws: UserDeleted.self) {
            _ = try await memory.reextract(StoredMessage(id: pending, userID: user, conversationID: nil, body: "I live in Oslo", status: "pending"))
        }
        #expect(try await memory.profile(user).profile.isEmpty)
        #expect(try await memory.history(user).isEmpty)
    }

    @Test("the generation is read once and kept until the user is invalidated: never above the committed one")
    func cachedGeneration() async throws {
        let user = Self.user()
        #expect(try await memory.generation(user) == 0)
        #expect(memory.cache.userGeneration(user) == 0)
        // A delete here raises the generation, then drops the copy.
        _ = try await memory.deleteUser(user)
        #expect(memory.cache.userGeneration(user) == nil)
        #expect(try await memory.generation(user) == 1)
        // Another instance's delete: the copy stays below the committed generation until its NOTIFY
        // invalidates the user, or a write refused at it drops it.
        _ = await repository.deleteUser(user)
        #expect(try await memory.generation(user) == 1)
        memory.cache.invalidate(user)
        #expect(try await memory.generation(user) == 2)
        _ = await repository.deleteUser(user)
        memory.cache.forgetUserGeneration(user)
        #expect(try await memory.generation(user) == 3)
        // A read that an invalidation overtook is not kept.
        let token = memory.cache.generation()
        memory.cache.invalidate(user)
        memory.cache.storeUserGeneration(2, of: user, ifUnchangedSince: token)
        #expect(memory.cache.userGeneration(user) == nil)
    }
}
