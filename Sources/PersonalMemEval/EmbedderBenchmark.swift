import Foundation
import PersonalMem

#if canImport(Glibc)
import Glibc
#endif

/// Measures the in-process embedder: sentences per second in batches (as ingest and `reembed` call it)
/// and one-text latency (as a search calls it). Each figure is given in wall time and in CPU time of
/// the process: on a machine shared with other work, CPU time is the cost of the computation itself.
public enum EmbedderBenchmark {
    public static func run(embedder: MiniLMEmbedder, texts: [String], batchSize: Int, queries: Int) -> String {
        let clock = ContinuousClock()
        let tokens = texts.reduce(0) { $0 + embedder.tokenizer.encode($1).count }
        _ = embedder.vectors(for: Array(texts.prefix(batchSize)))  // warm-up
        let batchStart = clock.now
        let batchCPUStart = ProcessCPU.seconds()
        for start in stride(from: 0, to: texts.count, by: max(1, batchSize)) {
            _ = embedder.vectors(for: Array(texts[start..<min(texts.count, start + max(1, batchSize))]))
        }
        let batchSeconds = milliseconds(clock.now - batchStart) / 1000
        let batchCPU = ProcessCPU.seconds() - batchCPUStart

        let queryTexts = (0..<queries).map { texts[($0 * 7919) % texts.count] }
        for text in queryTexts.prefix(20) { _ = embedder.vector(for: text) }  // warm-up
        var wall: [Double] = []
        var cpu: [Double] = []
        for text in queryTexts {
            let start = clock.now
            let cpuStart = ProcessCPU.seconds()
            _ = embedder.vector(for: text)
            wall.append(milliseconds(clock.now - start))
            cpu.append((ProcessCPU.seconds() - cpuStart) * 1000)
        }
        wall.sort()
        cpu.sort()
        let average = Double(tokens) / Double(max(1, texts.count))
        return [
            String(format: "swift  %d sentences, %.1f tokens each on average", texts.count, average),
            String(format: "swift  batch: %.1f sentences/s (batch %d, %d workers); %.1f sentences per CPU-second",
                Double(texts.count) / batchSeconds, batchSize, embedder.threads, Double(texts.count) / batchCPU),
            String(format: "swift  one query: p50 %.2f ms, p95 %.2f ms (%d queries); CPU time p50 %.2f ms, p95 %.2f ms",
                percentile(wall, 0.5), percentile(wall, 0.95), queries, percentile(cpu, 0.5), percentile(cpu, 0.95)),
        ].joined(separator: "\n")
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
