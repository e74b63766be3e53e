import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemEval

struct BenchIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-index",
        abstract: "Benchmark the FAISS memory index and store: search latency, adds per second, load time (random 384-d vectors).")

    @Option(help: "Memories per user to search, comma-separated.") var sizes = "10000,100000,1000000"
    @Option(help: "Largest size measured with HNSW (its graph build is slow).") var hnswMax = 100_000
    @Option(help: "Queries per measurement.") var queries = 200
    @Option(help: "FAISS threads per search (0: OpenMP default).") var threads = 1

    func run() throws {
        MemoryIndex.setThreads(threads)
        MemoryIndex.useBLASForSingleQueries()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pm-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = IndexBenchmark.Options(directory: directory)
        options.searchSizes = sizes.split(separator: ",").compactMap { Int($0) }
        options.hnswMaxSize = hnswMax
        options.queries = queries
        let report = try IndexBenchmark.run(options) { line in
            FileHandle.standardError.write(Data("… \(line)\n".utf8))
        }
        print(report)
    }
}
