import Foundation
import Testing

@testable import PersonalMem

@Suite("UserMemoryStore lifecycle")
struct UserMemoryStoreLifecycleTests {
    private let embedder = BuiltinEmbedder(dims: 64)

    private let summaries = [
        "The user has a beagle called Biscuit.",
        "The user works as a nurse in Lyon.",
        "The user is allergic to peanuts.",
        "The user plays the cello on weekends.",
        "The user is planning a trip to Japan in April.",
    ]

    private func layout() throws -> UserDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-life-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return UserDirectory(root: url)
    }

    private func configuration(_ kind: MemoryIndex.Kind = .flat, snapshotEvery: Int = 100) -> UserMemoryStore.Configuration {
        UserMemoryStore.Configuration(
            embeddingModel: embedder.model, embeddingDims: 64, indexKind: kind, snapshotEvery: snapshotEvery, snapshotFraction: 0)
    }

    private func open(_ layout: UserDirectory, _ user: String = "u", kind: MemoryIndex.Kind = .flat) throws -> UserMemoryStore {
        try UserMemoryStore.open(userID: user, layout: layout, configuration: configuration(kind))
    }

    @discardableResult
    private func addAll(_ texts: [String], to store: UserMemoryStore) throws -> [MemoryRecord] {
        try store.add(texts.enumerated().map { i, text in
            (MemoryDraft(convID: "c1", turnID: i + 1, summary: text, rawUser: "u\(i)", rawAssistant: "a\(i)"), embedder.vector(for: text))
        })
    }

    private func top(_ store: UserMemoryStore, _ query: String, k: Int = 1) throws -> [Int64] {
        try store.search(vector: embedder.vector(for: query), k: k).map(\.record.memoryID)
    }

    private func exists(_ store: UserMemoryStore, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: store.directory.appendingPathComponent(name).path)
    }

    private func mergePlan(removing ids: Set<Int64>, into text: String, access: MemoryAccessStats = MemoryAccessStats()) -> MemoryRewritePlan {
        let draft = MemoryDraft(
            convID: "c1", turnID: 1, summary: text, rawUser: "", rawAssistant: "", kind: "preference", confidence: 0.8,
            mergedFrom: ids.sorted(), speaker: "Ana")
        return MemoryRewritePlan(remove: ids, add: [.init(draft: draft, vector: embedder.vector(for: text), access: access)])
    }

    @Test("attributes round-trip and old meta lines load with defaults")
    func attributes() throws {
        let layout = try layout()
        var store = try open(layout)
        let draft = MemoryDraft(
            convID: "c1", turnID: 1, summary: summaries[0], rawUser: "", rawAssistant: "", kind: "entity", confidence: 0.9,
            mergedFrom: [], speaker: "Ana")
        try store.add(draft, vector: embedder.vector(for: summaries[0]))
        let line = try String(contentsOf: store.directory.appendingPathComponent("meta.jsonl"), encoding: .utf8)
        for key in ["kind", "confidence", "merged_from", "speaker"] { #expect(line.contains("\"\(key)\":")) }
        try addAll([summaries[1]], to: store)
        try store.close()

        // Replace the second line with the format written before these attributes existed.
        let metaURL = store.directory.appendingPathComponent("meta.jsonl")
        let first = try String(contentsOf: metaURL, encoding: .utf8).split(separator: "\n")[0]
        let old = #"{"conv_id":"c1","memory_id":2,"raw_assistant":"a0","raw_user":"u0","summary":"The user works as a nurse in Lyon.","ts":"2024-05-01T10:00:00.000Z","turn_id":2,"user_id":"u"}"#
        try Data((first + "\n" + old + "\n").utf8).write(to: metaURL)

        store = try open(layout)
        let records = try store.allRecords()
        #expect(records.map(\.memoryID) == [1, 2])
        #expect(records[0].kind == "entity" && records[0].confidence == 0.9 && records[0].speaker == "Ana")
        #expect(records[1].kind == "fact" && records[1].confidence == 0.5 && records[1].mergedFrom.isEmpty && records[1].speaker == nil)
        #expect(try top(store, "Where does the user work as a nurse?") == [2])
        try store.close()
    }

    @Test("access counts stay in memory until flushed and survive reopening")
    func accessStats() throws {
        let layout = try layout()
        var store = try open(layout)
        try addAll(summaries, to: store)
        let t1 = Date(timeIntervalSince1970: 1_700_000_000)
        let t2 = t1.addingTimeInterval(60)
        store.noteAccess(ids: [1, 2], at: t2)
        store.noteAccess(ids: [1, 99], at: t1)
        #expect(store.accessStats(1) == MemoryAccessStats(count: 2, lastAccess: t2))
        #expect(store.accessStats(3) == MemoryAccessStats())
        #expect(store.allAccessStats().keys.sorted() == [1, 2])
        #expect(!exists(store, "access.json"), "noting accesses writes nothing")

        try store.flushAccess()
        let accessURL = store.directory.appendingPathComponent("access.json")
        let flushed = try Data(contentsOf: accessURL)
        store.noteAccess(ids: [3], at: t2)
        #expect(try Data(contentsOf: accessURL) == flushed, "no write per access after a flush either")
        try store.close()

        store = try open(layout)
        #expect(store.accessStats(1).count == 2)
        #expect(store.accessStats(1).lastAccess == t2)
        #expect(store.accessStats(3).count == 1, "close flushes")
        try store.close()
    }

    @Test("closing through UserMemoryStores flushes access statistics")
    func accessFlushedByStores() async throws {
        let layout = try layout()
        let stores = UserMemoryStores(layout: layout, configuration: configuration(), maxOpenStores: 1)
        let embedder = embedder
        for user in ["a", "b"] {
            try await stores.withStore(userID: user) { store in
                try store.add(MemoryDraft(convID: "c", turnID: 1, summary: "x", rawUser: "", rawAssistant: ""), vector: embedder.vector(for: "x"))
                store.noteAccess(ids: [1], at: Date())
            }
        }
        try await stores.closeAll()
        for user in ["a", "b"] {
            let count = try await stores.withStore(userID: user) { $0.accessStats(1).count }
            #expect(count == 1, "user \(user): flushed on eviction or closeAll")
        }
        try await stores.closeAll()
    }

    @Test("a rewrite removes and merges, and survives reopening", arguments: MemoryIndex.Kind.allCases)
    func rewrite(kind: MemoryIndex.Kind) throws {
        let layout = try layout()
        var store = try open(layout, kind: kind)
        try addAll(summaries, to: store)
        try store.conversation("c1").append(user: "hi", assistant: "hello")
        store.noteAccess(ids: [1, 2, 2], at: Date(timeIntervalSince1970: 1_700_000_000))
        let combined = store.accessStats(1).combined(with: store.accessStats(2))

        let merged = "The user, a nurse in Lyon, has a beagle called Biscuit."
        let result = try store.rewrite(mergePlan(removing: [1, 2], into: merged, access: combined))
        #expect(result.removed == [1, 2])
        #expect(result.added.map(\.memoryID) == [6])
        #expect(result.added[0].mergedFrom == [1, 2] && result.added[0].userID == "u")
        #expect(store.count == 4 && store.indexedCount == 4)
        #expect(store.accessStats(6).count == 3)
        #expect(store.accessStats(1).count == 0)
        #expect(!exists(store, "rewrite.commit") && !exists(store, "meta.jsonl.next") && !exists(store, "vectors.f32.next"))

        func check(_ store: UserMemoryStore) throws {
            #expect(try store.allRecords().map(\.memoryID) == [3, 4, 5, 6])
            #expect(try top(store, merged) == [6])
            #expect(try !top(store, summaries[0], k: 10).contains(1))
            #expect(try store.record(id: 2) == nil)
            #expect(try store.record(id: 6)?.kind == "preference")
            #expect(try store.conversation("c1").last(5).count == 1, "conversation logs are not touched")
        }
        try check(store)
        try store.close()
        store = try open(layout, kind: kind)
        #expect(!store.loadReport.rebuilt)
        try check(store)
        #expect(store.accessStats(6) == combined)
        try store.close()
    }

    @Test("updates change attributes and keep vectors")
    func update() throws {
        let layout = try layout()
        let store = try open(layout)
        try addAll(summaries, to: store)
        var record = try #require(try store.record(id: 3))
        record.kind = "constraint"
        record.confidence = 0.95
        let result = try store.rewrite(MemoryRewritePlan(update: [record]))
        #expect(result.updated == [3])
        #expect(try store.record(id: 3)?.kind == "constraint")
        #expect(try top(store, "Is the user allergic to anything?") == [3])
        record.memoryID = 42
        #expect(throws: MemoryStoreError.self) { try store.rewrite(MemoryRewritePlan(update: [record])) }
        try store.close()
    }

    @Test("ids are never reused after removal, even of the highest id")
    func idsNeverReused() throws {
        let layout = try layout()
        var store = try open(layout)
        try addAll(summaries, to: store)
        #expect(try store.remove(ids: [5, 4, 77]) == [4, 5])
        try store.close()
        store = try open(layout)
        #expect(try addAll(["new"], to: store).map(\.memoryID) == [6])
        #expect(try store.remove(ids: [6]) == [6])
        #expect(try store.rewrite(mergePlan(removing: [], into: "merged")).added.map(\.memoryID) == [7])
        #expect(try store.remove(ids: [1, 2, 3, 7]).count == 4)
        #expect(store.count == 0)
        try store.close()
        store = try open(layout)
        #expect(try addAll(["again"], to: store).map(\.memoryID) == [8])
        try store.close()
    }

    @Test("a crash after the commit marker is rolled forward on open")
    func crashAfterMarker() throws {
        let layout = try layout()
        var store = try open(layout)
        try addAll(summaries, to: store)
        store.noteAccess(ids: [1], at: Date())
        _ = try #require(try store.prepareRewrite(mergePlan(removing: [1, 2], into: "merged memory", access: MemoryAccessStats(count: 7))))
        try Data().write(to: store.directory.appendingPathComponent("rewrite.commit"))
        // Half the renames were done before the crash.
        let dir = store.directory
        #expect(rename(dir.appendingPathComponent("meta.jsonl.next").path, dir.appendingPathComponent("meta.jsonl").path) == 0)
        store.releaseHandles()
        store.isClosed = true

        store = try open(layout)
        #expect(!exists(store, "rewrite.commit") && !exists(store, "vectors.f32.next") && !exists(store, "access.json.next"))
        #expect(try store.allRecords().map(\.memoryID) == [3, 4, 5, 6])
        #expect(store.indexedCount == 4 && store.loadReport.missingVectors == 0)
        #expect(try top(store, "merged memory") == [6])
        #expect(store.accessStats(6).count == 7 && store.accessStats(1).count == 0)
        try store.close()
    }

    @Test("a crash before the commit marker discards the new files on open")
    func crashBeforeMarker() throws {
        let layout = try layout()
        var store = try open(layout)
        try addAll(summaries, to: store)
        _ = try #require(try store.prepareRewrite(mergePlan(removing: [1, 2], into: "merged memory")))
        #expect(exists(store, "meta.jsonl.next") && exists(store, "vectors.f32.next"))
        store.releaseHandles()
        store.isClosed = true

        store = try open(layout)
        #expect(!exists(store, "meta.jsonl.next") && !exists(store, "vectors.f32.next") && !exists(store, "access.json.next"))
        #expect(try store.allRecords().map(\.memoryID) == [1, 2, 3, 4, 5])
        #expect(try top(store, summaries[0]) == [1])
        #expect(try addAll(["later"], to: store)[0].memoryID >= 6)
        try store.close()
    }

    @Test("import keeps the given ids and refuses used or duplicate ones")
    func importWithIDs() throws {
        let layout = try layout()
        let source = try open(layout, "src")
        try addAll(summaries, to: source)
        try source.remove(ids: [2])
        source.noteAccess(ids: [4, 4], at: Date(timeIntervalSince1970: 1_700_000_000))
        let exported = try source.allRecordsWithVectors()
        let stats = source.allAccessStats()
        try source.close()
        #expect(exported.map(\.record.memoryID) == [1, 3, 4, 5])
        #expect(exported.allSatisfy { $0.vector.count == 64 })

        var target = try open(layout, "dst")
        try target.add(records: exported.reversed().map(\.record), vectors: exported.reversed().map(\.vector), access: stats)
        #expect(try target.allRecords().map(\.memoryID) == [1, 3, 4, 5])
        #expect(try target.allRecords().allSatisfy { $0.userID == "dst" })
        #expect(target.accessStats(4).count == 2)
        #expect(try top(target, "Which instrument does the user play?") == [4])

        let one = exported[0]
        #expect(throws: MemoryStoreError.self) { try target.add(records: [one.record], vectors: [one.vector]) }
        var fresh = one.record
        fresh.memoryID = 10
        #expect(throws: MemoryStoreError.self) { try target.add(records: [fresh, fresh], vectors: [one.vector, one.vector]) }
        #expect(target.count == 4)
        try target.add(records: [fresh], vectors: [one.vector])
        try target.close()

        target = try open(layout, "dst")
        #expect(try target.allRecords().map(\.memoryID) == [1, 3, 4, 5, 10])
        #expect(target.accessStats(4).count == 2)
        #expect(try addAll(["next"], to: target)[0].memoryID == 11)
        try target.close()
    }
}
