import Foundation
import Testing

@testable import PersonalMem

/// What every ``ProfileRepository`` (with its ``MessageRepository``) must do, as one body that
/// `ProfileRepositoryContractTests` runs against the in-memory and the PostgreSQL repositories,
/// so the two cannot drift apart.
enum ProfileRepositoryContract {
    static func check(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        try await emptyUser(profiles, messages)
        try await writesAndHistory(profiles, messages)
        try await storedMessages(profiles, messages)
        try await deleteWins(profiles, messages)
        try await importing(profiles, messages)
    }

    static func user(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(12))" }

    /// A change made of facts, merged as the profile logic merges them.
    static func change(_ facts: [Fact], catalog: FieldCatalog = .standard) -> ProfileChange {
        let (valid, _) = catalog.validate(facts)
        let merger = ProfileMerger(catalog: catalog)
        return { stored in
            let merged = merger.merge(valid, into: stored)
            return (merged.profile, merged.events)
        }
    }

    struct Refused: Error {}

    static func emptyUser(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        let id = user("empty")
        let snapshot = try await profiles.profile(id)
        #expect(snapshot.profile.isEmpty && snapshot.version == 0)
        #expect(try await profiles.history(id).isEmpty)
        #expect(try await profiles.generation(id) == 0)
        // A shared commit that changes nothing makes no row.
        let nothing = try await profiles.commitShared(id, storingMessage: nil, cache: nil, change([]))
        #expect(nothing.events.isEmpty && nothing.snapshot.version == 0)
        #expect(try await profiles.profile(id).version == 0)
        // A locked update makes the row even when nothing changes.
        let made = try await profiles.update(
            id, source: .batch, storingMessage: nil, extracting: nil, expectedGeneration: nil, change([]))
        #expect(made.events.isEmpty && made.snapshot.version > 0)
        #expect(try await profiles.profile(id).version == made.snapshot.version)
        #expect(try await profiles.history(id).isEmpty)
    }

    static func writesAndHistory(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        let id = user("write")
        let cache = ProfileCache(capacity: 10)
        let first = try await profiles.commitShared(
            id, storingMessage: nil, cache: cache,
            change([Fact(field: "name", op: .set, value: .string("Ada")), Fact(field: "likes", op: .add, value: .array([.string("tea")]))]))
        #expect(first.events.map(\.kind) == [.add, .add])
        #expect(first.source.source == "batch" && first.source.messageID == nil)
        #expect(first.snapshot.profile == ["name": .text("Ada"), "likes": .list(["tea"])])
        #expect(cache.get(id) == first.snapshot)
        #expect(try await profiles.profile(id) == first.snapshot)

        let second = try await profiles.update(
            id, source: .batch, storingMessage: NewMessage(conversationID: "c1", body: "I'm Ada Lovelace", extractor: "contract"),
            extracting: nil, expectedGeneration: 0, change([Fact(field: "name", op: .set, value: .string("Ada Lovelace"))]))
        #expect(second.events.map(\.kind) == [.update])
        #expect(second.events.first?.oldValue == .text("Ada") && second.events.first?.newValue == .text("Ada Lovelace"))
        #expect(second.snapshot.version > first.snapshot.version)
        let messageID = try #require(second.source.messageID)
        #expect(second.source.source == "message:\(messageID)")
        #expect(try await messages.message(messageID)?.status == "extracted")

        // A refused change writes nothing; one that changes nothing keeps the version.
        await #expect(throws: Refused.self) {
            _ = try await profiles.update(
                id, source: .batch, storingMessage: nil, extracting: nil, expectedGeneration: nil, { _ in throw Refused() })
        }
        let same = try await profiles.commitShared(id, storingMessage: nil, cache: nil, change([Fact(field: "likes", op: .add, value: .array([.string("Tea")]))]))
        #expect(same.events.isEmpty && same.snapshot.version == second.snapshot.version)

        let third = try await profiles.commitShared(id, storingMessage: nil, cache: nil, change([Fact(field: "likes", op: .clear)]))
        #expect(third.events.map(\.kind) == [.delete])
        #expect(try await profiles.profile(id).profile == ["name": .text("Ada Lovelace")])

        let history = try await profiles.history(id)
        #expect(history.map(\.field) == ["name", "likes", "name", "likes"])
        #expect(history.map(\.event) == [.add, .add, .update, .delete])
        #expect(history.map(\.source) == ["batch", "batch", "message:\(messageID)", "batch"])
        #expect(history.map(\.extractor) == [nil, nil, "contract", nil])
        #expect(history[2].oldValue == .string("Ada") && history[2].newValue == .string("Ada Lovelace"))
        #expect(history.map(\.id) == history.map(\.id).sorted())
    }

    static func storedMessages(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        let id = user("msg")
        let first = try await messages.storeMessage(userID: id, conversationID: nil, body: "I live in Oslo", expectedGeneration: nil)
        let second = try await messages.storeMessage(userID: id, conversationID: "c", body: "I like chess", expectedGeneration: 0)
        #expect(second > first)
        #expect(try await messages.message(first) == StoredMessage(id: first, userID: id, conversationID: nil, body: "I live in Oslo", status: "pending"))
        try await messages.markFailed(messageID: first, reason: "unavailable: test")
        #expect(try await messages.message(first)?.status == "failed")
        #expect(try await messages.pendingMessages(userID: id, limit: 10).map(\.id) == [first, second])
        #expect(try await messages.pendingMessages(userID: id, limit: 1).map(\.id) == [first])

        let written = try await profiles.update(
            id, source: .message(first, extractor: "contract"), storingMessage: nil, extracting: first, expectedGeneration: nil,
            change([Fact(field: "location", op: .set, value: .string("Oslo"))]))
        #expect(written.events.map(\.kind) == [.add])
        #expect(try await messages.message(first)?.status == "extracted")
        #expect(try await messages.pendingMessages(userID: id, limit: 10).map(\.id) == [second])
        #expect(try await profiles.history(id).map(\.source) == ["message:\(first)"])
    }

    static func deleteWins(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        let id = user("del")
        let pending = try await messages.storeMessage(userID: id, conversationID: nil, body: "I'm 36", expectedGeneration: nil)
        let written = try await profiles.commitShared(
            id, storingMessage: NewMessage(conversationID: nil, body: "My name is Bo", extractor: "contract"), cache: nil,
            change([Fact(field: "name", op: .set, value: .string("Bo")), Fact(field: "age", op: .set, value: .number(36))]))
        let generation = try await profiles.generation(id)

        let (rows, floor) = try await profiles.deleteUser(id)
        #expect(rows == 1 + 2 + 2)  // the profile row, two history rows, two messages
        #expect(floor > written.snapshot.version)
        #expect(try await profiles.profile(id).version == 0)
        #expect(try await profiles.history(id).isEmpty)
        #expect(try await messages.message(pending) == nil)
        #expect(try await profiles.generation(id) == generation + 1)

        // Work that began before the delete stores nothing.
        await #expect(throws: UserDeleted.self) {
            _ = try await messages.storeMessage(userID: id, conversationID: nil, body: "late", expectedGeneration: generation)
        }
        await #expect(throws: UserDeleted.self) {
            _ = try await profiles.update(
                id, source: .batch, storingMessage: nil, extracting: nil, expectedGeneration: generation, change([Fact(field: "name", op: .set, value: .string("Late"))]))
        }
        await #expect(throws: UserDeleted.self) {
            _ = try await profiles.update(
                id, source: .message(pending, extractor: "contract"), storingMessage: nil, extracting: pending, expectedGeneration: nil,
                change([Fact(field: "name", op: .set, value: .string("Late"))]))
        }
        #expect(try await profiles.profile(id).version == 0)
        #expect(try await profiles.history(id).isEmpty)
    }

    static func importing(_ profiles: any ProfileRepository, _ messages: any MessageRepository) async throws {
        let id = user("imp")
        let rows = [
            UserExport.HistoryRow(
                field: "name", event: "ADD", value: .string("Cy"), oldValue: nil, newValue: .string("Cy"), source: "batch", extractor: nil,
                createdAt: Date(timeIntervalSince1970: 1_700_000_000)),
            UserExport.HistoryRow(
                field: "hobbies", event: "ADD", value: .array([.string("go")]), oldValue: nil, newValue: .array([.string("go")]),
                source: "message:7", extractor: "builtin", createdAt: Date(timeIntervalSince1970: 1_700_000_100)),
        ]
        let profile: Profile = ["name": .text("Cy"), "hobbies": .list(["go"])]
        #expect(try await profiles.importUser(id, profile: profile, history: rows))
        let imported = try await profiles.profile(id)
        #expect(imported.profile == profile && imported.version > 0)
        let history = try await profiles.history(id)
        #expect(history.map(\.field) == ["name", "hobbies"])
        #expect(history.map(\.source) == ["batch", "message:7"])
        #expect(history.map(\.extractor) == [nil, "builtin"])
        #expect(history.map(\.newValue) == [.string("Cy"), .array([.string("go")])])
        #expect(history.map { Int($0.createdAt.timeIntervalSince1970) } == [1_700_000_000, 1_700_000_100])
        // A user with a profile or history is not imported into.
        #expect(try await !profiles.importUser(id, profile: ["name": .text("Other")], history: []))
        #expect(try await profiles.profile(id).profile == profile)
    }
}
