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

    @Test("exact search gives the plain scan's best k, in order, with its scores", arguments: [8, 50, 384])
    func exactSearch(dims: Int) throws {
        var generator = SystemRandomNumberGenerator()
        var flat = (0..<1000 * dims).map { _ in Float.random(in: -1...1, using: &generator) }
        var query = (0..<dims).map { _ in Float.random(in: -1...1, using: &generator) }
        let index = try MemoryIndex(dims: dims)
        try index.add(ids: (0..<1000).map { Int64($0) * 3 + 7 }, flatVectors: flat)
        let hits = try index.search(query: query, k: 10)
        VectorMath.normaliseRows(&flat, dims: dims)
        VectorMath.normaliseRows(&query, dims: dims)
        var scans: [(id: Int64, score: Float)] = []
        for row in 0..<1000 {
            var dot: Float = 0
            for d in 0..<dims { dot += flat[row * dims + d] * query[d] }
            scans.append((id: Int64(row) * 3 + 7, score: dot))
        }
        let expected = scans.sorted { $0.score > $1.score }.prefix(10)
        #expect(hits.map { $0.id } == expected.map { $0.id })
        #expect(zip(hits, expected).allSatisfy { abs($0.score - $1.score) < 1e-4 })
        #expect(try index.search(query: query, k: 2000).count == 1000, "slots beyond the stored vectors are dropped")
    }

    @Test("exact search orders rows that the 8-bit copy cannot tell apart by their real scores")
    func nearTies() throws {
        let dims = 384
        var generator = SystemRandomNumberGenerator()
        var u = (0..<dims).map { _ in Float.random(in: -1...1, using: &generator) }
        VectorMath.normaliseRows(&u, dims: dims)
        var v = (0..<dims).map { _ in Float.random(in: -1...1, using: &generator) }
        let along = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        for d in 0..<dims { v[d] -= along * u[d] }
        VectorMath.normaliseRows(&v, dims: dims)
        // Row r is u + r·10⁻⁵·v: its cosine with u + v grows by about 7·10⁻⁶ per row, far above
        // single-precision rounding, while each value moves by far less than one 8-bit step.
        let rows = (0..<600).shuffled(using: &generator)
        var flat: [Float] = []
        for row in rows { for d in 0..<dims { flat.append(u[d] + Float(row) * 1e-5 * v[d]) } }
        let index = try MemoryIndex(dims: dims)
        try index.add(ids: rows.map { Int64($0) }, flatVectors: flat)
        let query = zip(u, v).map { $0 + $1 }
        let hits = try index.search(query: query, k: 20)
        #expect(hits.map(\.id) == (580..<600).reversed().map { Int64($0) })
        let exact = try index.cosines(query: query, ids: hits.map(\.id))
        for hit in hits { #expect(abs(hit.score - (exact[hit.id] ?? 0)) < 1e-5) }
    }

    @Test("exact search gives the exact scan's ids and scores with exact ties, zero rows, one dominant value and a short last block")
    func duplicatesAndTies() throws {
        for dims in [384, 100] {
            var generator = SystemRandomNumberGenerator()
            let bases = (0..<12).map { _ in (0..<dims).map { _ in Float.random(in: -1...1, using: &generator) } }
            var flat: [Float] = []
            for row in 0..<900 {
                switch row % 10 {
                case 0: flat += [Float](repeating: 0, count: dims)
                case 1: flat += (0..<dims).map { $0 == 0 ? 1000 : Float.random(in: -0.001...0.001, using: &generator) }
                default: flat += bases[row % bases.count]
                }
            }
            let index = try MemoryIndex(dims: dims)
            try index.add(ids: (0..<900).map { Int64($0) }, flatVectors: flat)
            let query = zip(bases[0], bases[1]).map { $0 + 0.5 * $1 }
            // Every row's score as the exact scan computes it (ids are rows here).
            let all = try index.cosines(query: query, ids: (0..<900).map { Int64($0) })
            let scores = (0..<900).map { all[Int64($0)]! }
            for k in [1, 7, 80, 300] {
                let expected = Self.exactScan(scores, k: k)
                let hits = try index.search(query: query, k: k)
                #expect(hits.map(\.id) == expected.map { Int64($0) }, "dims \(dims), k \(k)")
                #expect(hits.map(\.score) == expected.map { scores[$0] }, "dims \(dims), k \(k)")
            }
        }
    }

    /// The rows FAISS's exact scan keeps, best first: a heap of `k` whose top, the next to go, is the
    /// lowest score (of equal scores, the lowest row); a row goes in only above the top's score.
    private static func exactScan(_ scores: [Float], k: Int) -> [Int] {
        var kept = [(score: Float, row: Int)](repeating: (-.greatestFiniteMagnitude, -1), count: k)
        for (row, score) in scores.enumerated() {
            let top = kept.indices.min { (kept[$0].score, kept[$0].row) < (kept[$1].score, kept[$1].row) }!
            if score > kept[top].score { kept[top] = (score, row) }
        }
        return kept.filter { $0.row >= 0 }.sorted { ($0.score, $0.row) > ($1.score, $1.row) }.map(\.row)
    }

    @Test("cosines of given ids come from the stored vectors, for both layouts", arguments: MemoryIndex.Kind.allCases)
    func cosinesOfIDs(kind: MemoryIndex.Kind) throws {
        let index = try MemoryIndex(dims: 4, kind: kind)
        try index.add(ids: [5, 9], flatVectors: [3, 4, 0, 0, 0, 0, 2, 0])
        let cosines = try index.cosines(query: [0, 2, 0, 0], ids: [9, 5, 77])
        #expect(cosines.count == 2, "an id not in the index is left out")
        #expect(abs((cosines[5] ?? 0) - 0.8) < 1e-6)
        #expect(abs(cosines[9] ?? 1) < 1e-6)
        try index.remove(ids: [5])
        #expect(try index.cosines(query: [0, 2, 0, 0], ids: [5]).isEmpty)
        #expect(throws: MemoryIndexError.self) { try index.cosines(query: [1, 0], ids: [9]) }
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
