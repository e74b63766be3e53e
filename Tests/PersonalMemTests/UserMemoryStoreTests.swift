import Foundation
import Testing

@testable import PersonalMem

@Suite("UserMemoryStore")
struct UserMemoryStoreTests {
    private let embedder = BuiltinEmbedder(dims: 64)

    private func layout() throws -> UserDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return UserDirectory(root: url)
    }

    private func configuration(
        _ kind: MemoryIndex.Kind = .flat, snapshotEvery: Int = 3, warnings: WarningLog? = nil
    ) -> UserMemoryStore.Configuration {
        UserMemoryStore.Configuration(
            embeddingModel: embedder.model, embeddingDims: 64, indexKind: kind, snapshotEvery: snapshotEvery, snapshotFraction: 0,
            onWarning: { warnings?.append($0) })
    }

    private let summaries = [
        "The user has a beagle called Biscuit.",
        "The user works as a nurse in Lyon.",
        "The user is allergic to peanuts.",
        "The user plays the cello on weekends.",
        "The user is planning a trip to Japan in April.",
    ]

    @discardableResult
    private func addAll(_ texts: [String], to store: UserMemoryStore, conv: String = "c1") throws -> [MemoryRecord] {
        try texts.enumerated().map { i, text in
            try store.add(
                MemoryDraft(convID: conv, turnID: i + 1, summary: text, rawUser: "u\(i)", rawAssistant: "a\(i)"),
                vector: embedder.vector(for: text))
        }
    }

    @Test("memories added after the last snapshot survive a restart", arguments: MemoryIndex.Kind.allCases)
    func restart(kind: MemoryIndex.Kind) throws {
        let layout = try layout()
        do {
            let store = try UserMemoryStore.open(userID: "alice", layout: layout, configuration: configuration(kind))
            try addAll(summaries, to: store)
            #expect(store.count == 5)
            // No close(): a crash after the snapshot at 3 adds.
        }
        let state = try String(contentsOf: layout.directory(forUser: "alice").appendingPathComponent("state.json"), encoding: .utf8)
        #expect(state.contains("\"snapshot_count\" : 3"))

        let store = try UserMemoryStore.open(userID: "alice", layout: layout, configuration: configuration(kind))
        #expect(store.loadReport.replayed == 2)
        #expect(!store.loadReport.rebuilt)
        #expect(store.count == 5 && store.indexedCount == 5)
        let hit = try store.search(vector: embedder.vector(for: "Which trip is the user planning?"), k: 1).first
        #expect(hit?.record.summary == summaries[4])
        #expect(hit?.record.memoryID == 5)
        #expect(hit?.record.userID == "alice")
        #expect(try store.add(MemoryDraft(convID: "c1", turnID: 6, summary: "x", rawUser: "", rawAssistant: ""), vector: embedder.vector(for: "x")).memoryID == 6)
        try store.close()
    }

    @Test("meta.jsonl keeps the original keys")
    func metaFormat() throws {
        let layout = try layout()
        let store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        try addAll([summaries[0]], to: store)
        let line = try String(contentsOf: store.directory.appendingPathComponent("meta.jsonl"), encoding: .utf8)
        for key in ["memory_id", "user_id", "conv_id", "turn_id", "ts", "summary", "raw_user", "raw_assistant"] {
            #expect(line.contains("\"\(key)\":"))
        }
        try store.close()
    }

    @Test("a torn last meta line is cut off and ids continue")
    func tornMeta() throws {
        let layout = try layout()
        var store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        try addAll(Array(summaries.prefix(2)), to: store)
        try store.close()
        let metaURL = store.directory.appendingPathComponent("meta.jsonl")
        let handle = try FileHandle(forWritingTo: metaURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"conv_id\":\"c1\",\"memory_id\":3,\"summ".utf8))
        try handle.close()

        store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        #expect(store.loadReport.repairedTornMeta)
        #expect(store.count == 2)
        try addAll([summaries[2]], to: store)
        #expect(try store.allRecords().map(\.memoryID) == [1, 2, 3])
        try store.close()
    }

    @Test("an index that disagrees with the metadata is rebuilt from vectors.f32")
    func mismatchRebuilt() throws {
        let layout = try layout()
        let warnings = WarningLog()
        var store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration(warnings: warnings))
        try addAll(summaries, to: store)
        try store.close()

        // A stale snapshot from another history: ids 100 and 101 that meta.jsonl does not have.
        let stale = try MemoryIndex(dims: 64)
        try stale.add(ids: [100, 101], vectors: [embedder.vector(for: "a"), embedder.vector(for: "b")])
        try stale.save(to: store.directory.appendingPathComponent("faiss.index"))

        store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration(warnings: warnings))
        #expect(store.loadReport.rebuilt)
        #expect(try store.index.ids() == [1, 2, 3, 4, 5])
        #expect(try store.search(vector: embedder.vector(for: "Is the user allergic to anything?"), k: 1).first?.record.memoryID == 3)
        let messages = warnings.messages
        #expect(messages.contains { $0.contains("holds 2 ids, metadata has 5") })
        #expect(!messages.joined().contains("beagle"), "warnings carry counts, never text")
        try store.close()
    }

    @Test("vectors without metadata (a crash between the two appends) are dropped")
    func orphanVectors() throws {
        let layout = try layout()
        var store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration(snapshotEvery: 100))
        try addAll(Array(summaries.prefix(2)), to: store)
        try store.vectors.append(ids: [3], vectors: embedder.vector(for: "orphan"))
        try store.close()

        store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        #expect(store.vectors.count == 2)
        #expect(try store.index.ids() == [1, 2])
        try store.close()
    }

    @Test("a different model or dimension is refused")
    func embeddingMismatch() async throws {
        let layout = try layout()
        let store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        try addAll(summaries, to: store)
        try store.close()

        var other = configuration()
        other.embeddingModel = "text-embedding-3-small"
        other.embeddingDims = 32
        #expect(throws: MemoryStoreError.embeddingMismatch(stored: EmbeddingSpec(model: embedder.model, dims: 64), given: EmbeddingSpec(model: "text-embedding-3-small", dims: 32))) {
            try UserMemoryStore.open(userID: "u", layout: layout, configuration: other)
        }

        let smaller = BuiltinEmbedder(dims: 128)
        other.embeddingModel = smaller.model
        other.embeddingDims = 128
        #expect(try await UserMemoryStore.reembed(userID: "u", layout: layout, configuration: other, embedder: smaller) == 5)
        let reopened = try UserMemoryStore.open(userID: "u", layout: layout, configuration: other)
        #expect(reopened.embedding.dims == 128)
        #expect(try reopened.search(vector: smaller.vector(for: "Which instrument, the cello?"), k: 1).first?.record.memoryID == 4)
        try reopened.close()
    }

    @Test("replacing all vectors on an open store")
    func replaceAll() throws {
        let layout = try layout()
        let store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        try addAll(summaries, to: store)
        let wider = BuiltinEmbedder(dims: 96)
        try store.replaceAllVectors(model: "wide", dims: 96, vectors: store.allRecords().map { wider.vector(for: $0.summary) })
        #expect(store.embedding == EmbeddingSpec(model: "wide", dims: 96))
        #expect(try store.search(vector: wider.vector(for: "peanut allergy"), k: 1).first?.record.memoryID == 3)
        try store.close()
    }

    @Test("a second store on the same user is refused until the first closes")
    func lock() throws {
        let layout = try layout()
        let store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        #expect(throws: MemoryStoreError.locked) { try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration()) }
        try store.close()
        try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration()).close()
    }

    @Test("one user's search never returns another user's memories")
    func isolation() async throws {
        let stores = UserMemoryStores(layout: try layout(), configuration: configuration(), maxOpenStores: 1)
        let embedder = embedder
        let summaries = summaries
        for (user, texts) in [("A", Array(summaries.prefix(3))), ("B", Array(summaries.suffix(2)))] {
            try await stores.withStore(userID: user) { store in
                for (i, text) in texts.enumerated() {
                    try store.add(MemoryDraft(convID: "c", turnID: i + 1, summary: text, rawUser: "", rawAssistant: ""), vector: embedder.vector(for: text))
                }
            }
        }
        #expect(await stores.openStoreCount == 1, "the least recently used store was closed")
        for text in summaries {
            let hits = try await stores.withStore(userID: "A") { try $0.search(vector: embedder.vector(for: text), k: 10) }
            #expect(hits.count == 3)
            #expect(hits.allSatisfy { $0.record.userID == "A" && summaries.prefix(3).contains($0.record.summary) })
        }
        let bCount = try await stores.withStore(userID: "B") { $0.count }
        #expect(bCount == 2)
    }

    @Test("operations on one user are serialised, users run in parallel")
    func concurrency() async throws {
        let layout = try layout()
        let stores = UserMemoryStores(layout: layout, configuration: configuration(snapshotEvery: 10), maxOpenStores: 2)
        let embedder = embedder
        try await withThrowingTaskGroup(of: Void.self) { group in
            for user in ["u1", "u2", "u3"] {
                for turn in 1...20 {
                    group.addTask {
                        _ = try await stores.withStore(userID: user) { store in
                            try store.add(MemoryDraft(convID: "c", turnID: turn, summary: "note \(turn)", rawUser: "", rawAssistant: ""), vector: embedder.vector(for: "note \(turn)"))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        for user in ["u1", "u2", "u3"] {
            let ids = try await stores.withStore(userID: user) { try $0.allRecords().map(\.memoryID) }
            #expect(ids == Array(1...20))
        }
        try await stores.closeAll()
        try await stores.deleteUser("u1")
        try await stores.deleteUser("u1")
        #expect(!FileManager.default.fileExists(atPath: try layout.directory(forUser: "u1").path))
        #expect(try await stores.withStore(userID: "u1") { $0.count } == 0)
    }

    @Test("conversation logs live in the user's directory")
    func conversations() throws {
        let layout = try layout()
        let store = try UserMemoryStore.open(userID: "u", layout: layout, configuration: configuration())
        try store.conversation("chat-1").append(user: "hi", assistant: "hello")
        try store.conversation("chat-1").append(user: "again", assistant: "yes")
        #expect(try store.conversation("chat-1").last(6).map(\.turnID) == [1, 2])
        #expect(try store.conversations().map(\.conversationID) == ["chat-1"])
        try store.deleteAll()
        #expect(!FileManager.default.fileExists(atPath: store.directory.path))
        #expect(throws: MemoryStoreError.closed) { try store.search(vector: embedder.vector(for: "hi"), k: 1) }
    }
}

/// Collects warnings from stores under test.
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ message: String) { lock.withLock { stored.append(message) } }
    var messages: [String] { lock.withLock { stored } }
}
