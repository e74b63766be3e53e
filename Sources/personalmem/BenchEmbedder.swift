import ArgumentParser
import Foundation
import PersonalMem

struct BenchEmbedder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-embedder",
        abstract: "Benchmark the in-process all-MiniLM-L6-v2: batch sentences/s and one-query latency (bench/embedder.sh runs it beside PyTorch).")

    @Option(help: "Model folder (config.json, vocab.txt, model.safetensors).") var modelDir = MiniLMEmbedder.defaultDirectory
    @Option(help: "File of sentences, one a line.") var sentences: String
    @Option(help: "Texts per embed call in the batch measurement (as ingest and reembed pass them).") var batchSize = 64
    @Option(help: "Worker threads for a batch (0: every core).") var threads = 0
    @Option(help: "OpenBLAS threads per matrix product (as FAISS_THREADS sets them in the server).") var blasThreads = 1
    @Option(help: "Single-text queries timed for the latency figures.") var queries = 300

    func run() throws {
        MemoryIndex.setThreads(blasThreads)
        let texts = try String(contentsOfFile: sentences, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        guard !texts.isEmpty else { throw ValidationError("no sentences in \(sentences)") }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let embedder = try MiniLMEmbedder(
            directory: URL(fileURLWithPath: modelDir), threads: threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount)
        let load = clock.now - loadStart
        let tokens = texts.reduce(0) { $0 + embedder.tokenizer.encode($1).count }

        _ = embedder.vectors(for: Array(texts.prefix(batchSize)))  // warm-up
        let batchStart = clock.now
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            _ = embedder.vectors(for: Array(texts[start..<min(texts.count, start + batchSize)]))
        }
        let batch = clock.now - batchStart

        let queryTexts = (0..<queries).map { texts[($0 * 7919) % texts.count] }
        for text in queryTexts.prefix(20) { _ = embedder.vector(for: text) }  // warm-up
        var latencies: [Double] = []
        for text in queryTexts {
            let start = clock.now
            _ = embedder.vector(for: text)
            latencies.append(Self.milliseconds(clock.now - start))
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let seconds = Self.milliseconds(batch) / 1000
        print("swift  model load \(String(format: "%.0f", Self.milliseconds(load))) ms; \(texts.count) sentences, \(String(format: "%.1f", Double(tokens) / Double(texts.count))) tokens each on average")
        print(String(format: "swift  batch: %.1f sentences/s (batch %d, %d workers, %d BLAS thread(s))", Double(texts.count) / seconds, batchSize, embedder.threads, blasThreads))
        print(String(format: "swift  one query: p50 %.2f ms, p95 %.2f ms (%d queries)", percentile(0.50), percentile(0.95), queries))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
