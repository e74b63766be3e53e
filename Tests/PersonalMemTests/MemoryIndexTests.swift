import Foundation
import Testing

@testable import PersonalMem

@Suite("MemoryIndex")
struct MemoryIndexTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pm-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Unit vector along axis `i`, with a little of axis `i + 1`.
    private func vector(_ i: Int, dims: Int = 8) -> [Float] {
        var v = [Float](repeating: 0, count: dims)
        v[i % dims] = 3
        v[(i + 1) % dims] = 0.5
        return v
    }

    @Test("add, search, remove, save and load", arguments: MemoryIndex.Kind.allCases)
    func roundTrip(kind: MemoryIndex.Kind) throws {
        let index = try MemoryIndex(dims: 8, kind: kind)
        try index.add(ids: [10, 11, 12, 13], vectors: (0..<4).map { vector($0) })
        #expect(index.count == 4)

        let hits = try index.search(query: vector(2), k: 3)
        #expect(hits.first?.id == 12)
        #expect(abs((hits.first?.score ?? 0) - 1) < 1e-5, "vectors are normalised, so a self-match scores 1")
        #expect(try index.search(query: vector(1), k: 10).count == 4, "empty slots are dropped")

        #expect(try index.remove(ids: [12, 99]) == 1)
        #expect(index.count == 3)
        #expect(try index.ids() == [10, 11, 13])
        #expect(try index.search(query: vector(2), k: 3).allSatisfy { $0.id != 12 })

        let url = try temporaryDirectory().appendingPathComponent("faiss.index")
        try index.save(to: url)
        let loaded = try MemoryIndex.load(from: url)
        #expect(loaded.kind == kind)
        #expect(loaded.dims == 8)
        #expect(try loaded.ids() == [10, 11, 13])
        #expect(try loaded.search(query: vector(3), k: 1).first?.id == 13)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["faiss.index"], "no temporary file is left behind")
    }

    @Test("flat vectors and an empty index")
    func flatInput() throws {
        let index = try MemoryIndex(dims: 4)
        #expect(try index.search(query: [1, 0, 0, 0], k: 5).isEmpty)
        try index.add(ids: [1, 2], flatVectors: [1, 0, 0, 0, 0, 1, 0, 0])
        #expect(try index.search(query: [0, 2, 0, 0], k: 1).map(\.id) == [2])
    }

    @Test("errors carry the shim's message")
    func errors() throws {
        let index = try MemoryIndex(dims: 4)
        #expect(throws: MemoryIndexError.self) { try index.add(ids: [1], flatVectors: [1, 2, 3]) }
        #expect(throws: MemoryIndexError.self) { try index.search(query: [1, 2], k: 1) }
        do {
            _ = try MemoryIndex.load(from: URL(fileURLWithPath: "/nonexistent/faiss.index"))
            Issue.record("loading a missing file should fail")
        } catch let error as MemoryIndexError {
            guard case .faiss(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(!message.isEmpty)
        }
    }
}
