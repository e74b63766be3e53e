import Foundation
import PersonalMem

/// Speed of the conversation-memory storage on random vectors: search latency by index kind and size,
/// adds per second through ``UserMemoryStore`` (fsynced appends, snapshots included), and load time.
/// Returns printable lines; nothing here is a test.
public enum IndexBenchmark {
    public struct Options: Sendable {
        /// Scratch folder (created; user directories inside are deleted afterwards).
        public var directory: URL
        public var dims = 384
        /// Memories per user for the search measurements.
        public var searchSizes = [10_000, 100_000, 1_000_000]
        /// Largest size for which an HNSW graph is built (building is the slow part).
        public var hnswMaxSize = 1_000_000
        /// Queries per measurement, and for flat search over a million vectors.
        public var queries = 200
        public var queriesAtMillionFlat = 30
        /// Results per query (`candidate_n`).
        public var k = 60
        /// Store sizes at which single adds are timed, and how many.
        public var addSizes = [10_000, 100_000]
        public var addsMeasured = 300
        /// Store size for the load-time measurement.
        public var loadSize = 100_000

        public init(directory: URL) { self.directory = directory }
    }

    /// Runs every measurement; `progress` receives each line as it is produced.
    public static func run(_ options: Options, progress: @Sendable (String) -> Void = { _ in }) throws -> String {
        var lines: [String] = []
        func emit(_ line: String) {
            lines.append(line)
            progress(line)
        }
        emit("PersonalMem index benchmark: \(options.dims) dimensions, random unit vectors, k=\(options.k), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        try searchLatency(options, emit: emit)
        try addRate(options, emit: emit)
        try loadTime(options, emit: emit)
        return lines.joined(separator: "\n")
    }

    private static func searchLatency(_ options: Options, emit: (String) -> Void) throws {
        var random = SplitMix64(seed: 42)
        for size in options.searchSizes {
            let data = random.vectors(size, dims: options.dims)
            let ids = (0..<Int64(size)).map { $0 + 1 }
            let queryCount = size >= 1_000_000 ? options.queriesAtMillionFlat : options.queries
            let queries = (0..<options.queries).map { _ in random.vectors(1, dims: options.dims) }

            let flat = try MemoryIndex(dims: options.dims, kind: .flat)
            let flatBuild = try time { try flat.add(ids: ids, flatVectors: data) }
            var truth: [[Int64]] = []
            let flatTimes = try queries.prefix(queryCount).map { query in
                try time { truth.append(try flat.search(query: query, k: options.k).prefix(10).map(\.id)) }
            }
            emit("search flat  n=\(size): p50 \(ms(percentile(flatTimes, 50))) p95 \(ms(percentile(flatTimes, 95))) over \(queryCount) queries (build \(seconds(flatBuild)))")

            guard size <= options.hnswMaxSize else { continue }
            let hnsw = try MemoryIndex(dims: options.dims, kind: .hnsw)
            let hnswBuild = try time { try hnsw.add(ids: ids, flatVectors: data) }
            var found = 0
            let hnswTimes = try queries.enumerated().map { i, query in
                try time {
                    let hits = try hnsw.search(query: query, k: options.k).prefix(10).map(\.id)
                    if i < truth.count { found += Set(hits).intersection(truth[i]).count }
                }
            }
            let recall = Double(found) / Double(max(1, truth.count * 10))
            emit(
                "search hnsw  n=\(size): p50 \(ms(percentile(hnswTimes, 50))) p95 \(ms(percentile(hnswTimes, 95))) over \(queries.count) queries, recall@10 vs flat \(String(format: "%.2f", recall)) (M=32, efSearch=64, build \(seconds(hnswBuild)))"
            )
        }
    }

    private static func addRate(_ options: Options, emit: (String) -> Void) throws {
        var random = SplitMix64(seed: 7)
        for size in options.addSizes {
            let layout = UserDirectory(root: options.directory)
            let userID = "bench-add-\(size)"
            try UserMemoryStore.delete(userID: userID, layout: layout)
            try prefill(layout: layout, userID: userID, count: size, dims: options.dims, random: &random)

            let configuration = UserMemoryStore.Configuration(embeddingModel: "bench", embeddingDims: options.dims)
            let store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: configuration)
            var snapshots = 0
            let times = try (0..<options.addsMeasured).map { i in
                let vector = random.vectors(1, dims: options.dims)
                let before = store.addsSinceSnapshot
                let elapsed = try time { try store.add(draft(i), vector: vector) }
                if store.addsSinceSnapshot <= before { snapshots += 1 }
                return elapsed
            }
            let snapshotTime = try time { try store.snapshot() }
            try store.close()
            let total = times.reduce(0, +)
            emit(
                "add via store at n=\(size): \(Int(Double(times.count) / total)) adds/s (p50 \(ms(percentile(times, 50))), p95 \(ms(percentile(times, 95))); \(snapshots) snapshots in \(times.count) adds; a snapshot at this size takes \(ms(snapshotTime)))"
            )
            try UserMemoryStore.delete(userID: userID, layout: layout)
        }
    }

    private static func loadTime(_ options: Options, emit: (String) -> Void) throws {
        var random = SplitMix64(seed: 9)
        let layout = UserDirectory(root: options.directory)
        let userID = "bench-load"
        try UserMemoryStore.delete(userID: userID, layout: layout)
        let size = options.loadSize
        try prefill(layout: layout, userID: userID, count: size, dims: options.dims, random: &random)
        let configuration = UserMemoryStore.Configuration(embeddingModel: "bench", embeddingDims: options.dims)

        var store: UserMemoryStore?
        let withSnapshot = try time { store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: configuration) }
        try store?.close()

        let tail = size / 10
        store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: configuration)
        let replayConfiguration = UserMemoryStore.Configuration(
            embeddingModel: "bench", embeddingDims: options.dims, snapshotEvery: Int.max, snapshotFraction: 0)
        store = nil
        store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: replayConfiguration)
        for start in stride(from: 0, to: tail, by: 1000) {
            try store?.add((start..<min(tail, start + 1000)).map { (draft($0), random.vectors(1, dims: options.dims)) })
        }
        store = nil  // no close: the snapshot lacks the last 10%
        var replayed = 0
        let withTail = try time {
            store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: replayConfiguration)
            replayed = store?.loadReport.replayed ?? 0
        }
        store = nil

        try FileManager.default.removeItem(at: try layout.directory(forUser: userID).appendingPathComponent("faiss.index"))
        var rebuilt = false
        let withoutSnapshot = try time {
            store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: replayConfiguration)
            rebuilt = store?.loadReport.rebuilt ?? false
        }
        try store?.close()
        store = nil

        var hnswLine = "load hnsw user: skipped (load size above hnswMaxSize)"
        if size + tail <= options.hnswMaxSize {
            let hnswConfiguration = UserMemoryStore.Configuration(embeddingModel: "bench", embeddingDims: options.dims, indexKind: .hnsw)
            let hnswRebuild = try time { store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: hnswConfiguration) }
            try store?.close()
            store = nil
            let hnswLoad = try time { store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: hnswConfiguration) }
            try store?.close()
            store = nil
            hnswLine = "load hnsw user n=\(size + tail): snapshot \(ms(hnswLoad)); switching flat→hnsw (graph build) \(seconds(hnswRebuild))"
        }

        emit("load flat user n=\(size): snapshot \(ms(withSnapshot)); snapshot + replay of \(replayed) \(ms(withTail)); no snapshot (rebuilt=\(rebuilt)) \(ms(withoutSnapshot))")
        emit(hnswLine)
        try UserMemoryStore.delete(userID: userID, layout: layout)
    }

    private static func prefill(layout: UserDirectory, userID: String, count: Int, dims: Int, random: inout SplitMix64) throws {
        let configuration = UserMemoryStore.Configuration(embeddingModel: "bench", embeddingDims: dims, snapshotEvery: Int.max, snapshotFraction: 0)
        let store = try UserMemoryStore.open(userID: userID, layout: layout, configuration: configuration)
        for start in stride(from: 0, to: count, by: 1000) {
            try store.add((start..<min(count, start + 1000)).map { (draft($0), random.vectors(1, dims: dims)) })
        }
        try store.close()
    }

    private static func draft(_ i: Int) -> MemoryDraft {
        MemoryDraft(
            convID: "bench", turnID: i + 1, summary: "Synthetic benchmark memory number \(i) with a sentence of typical length.",
            rawUser: String(repeating: "u", count: 200), rawAssistant: String(repeating: "a", count: 400))
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p / 100).rounded()))]
    }

    private static func ms(_ value: Double) -> String { String(format: "%.2f ms", value * 1000) }
    private static func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
}

/// A small seeded generator so runs are comparable.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// `count` vectors back to back, uniform in [-1, 1).
    mutating func vectors(_ count: Int, dims: Int) -> [Float] {
        (0..<(count * dims)).map { _ in Float(Int64(bitPattern: next()) >> 40) / Float(1 << 23) }
    }
}
