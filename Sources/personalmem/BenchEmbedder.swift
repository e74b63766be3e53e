import ArgumentParser
import Foundation
import PersonalMem
import PersonalMemEval

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
        let start = clock.now
        let embedder = try MiniLMEmbedder(
            directory: URL(fileURLWithPath: modelDir), threads: threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount)
        print("swift  model load \(clock.now - start)")
        print(EmbedderBenchmark.run(embedder: embedder, texts: texts, batchSize: batchSize, queries: queries))
    }
}
