import ArgumentParser
import Foundation
import Logging
import PersonalMem
import PersonalMemEval
import PersonalMemServer

struct BenchPipeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pipeline",
        abstract: "Measure the chat pipeline's own time per request (recent window, retrieval, de-duplication, prompt, turn storage) with no model: the built-in embedder and no LLM.")

    @OptionGroup var options: ConfigurationOptions
    @Option(help: "Memories the benchmark user holds before measuring.") var memories = 10_000
    @Option(help: "Requests measured.") var requests = 300

    func run() async throws {
        let base = try options.configuration()
        let storage = FileManager.default.temporaryDirectory.appendingPathComponent("pm-bench-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: storage) }
        var values = base.values
        values["STORAGE_DIR"] = storage.path
        for name in ["LLM_BASE_URL", "OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "EMB_BASE_URL"] { values[name] = "" }
        let configuration = ServiceConfiguration(environment: [:], overrides: values)
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        let memory = parts.conversationMemory
        let pipeline = parts.chatPipeline
        let user = "bench-pipeline-\(UUID().uuidString.prefix(8))"
        try await parts.withDatabase {
            try await Migrator(directory: configuration.migrationsDirectory, client: parts.postgres, logger: parts.logger).migrate()
            _ = try await parts.profileMemory.applyBatch(
                userID: user, values: ["name": .string("Bench"), "likes": .array([.string("jazz"), .string("tea")])], mode: .merge)
            // Fill the index directly (the measured path is the request, not the seeding).
            let topics = ["hiking", "jazz", "Lisbon", "the dentist", "a birthday", "Python", "the budget", "a cat named Miso"]
            let embedder = BuiltinEmbedder(dims: 384)
            var batch: [(draft: MemoryDraft, vector: [Float])] = []
            for index in 0..<memories {
                let summary = "The user talked about \(topics[index % topics.count]) on day \(index)."
                batch.append((MemoryDraft(convID: "seed", turnID: index + 1, summary: summary, rawUser: summary, rawAssistant: "Noted."), embedder.vector(for: summary)))
                if batch.count == 1000 || index == memories - 1 {
                    let items = batch
                    try await memory.stores.withStore(userID: user) { store in _ = try store.add(items) }
                    batch.removeAll()
                }
            }
            var prepareTimes: [Double] = []
            var recordTimes: [Double] = []
            var knobs = memory.defaults
            knobs.useGate = false
            knobs.useRerank = false
            // The search index is built on the first search: build it before measuring.
            _ = try await memory.stores.withStoreOffloaded(userID: user) { store in try store.searchIndex() }
            let cpuBefore = ProcessCPU.seconds()
            for index in 0..<requests {
                let message = "What did I say about \(topics[index % topics.count])?"
                let started = ContinuousClock.now
                let prepared = try await pipeline.prepare(userID: user, conversationID: "bench", message: message, knobs: knobs)
                let prepared_ = ContinuousClock.now
                guard case .queued = await pipeline.record(prepared, answer: "You mentioned it.") else { throw BenchFailed() }
                prepareTimes.append((prepared_ - started).seconds * 1000)
                recordTimes.append((ContinuousClock.now - prepared_).seconds * 1000)
            }
            func percentile(_ values: [Double], _ p: Double) -> String {
                let sorted = values.sorted()
                return String(format: "%.2f ms", sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))])
            }
            print("pipeline overhead, \(memories) memories, \(requests) requests, built-in embedder, no LLM:")
            print("  prepare (recent window + retrieval + de-dup + profile + prompt): p50 \(percentile(prepareTimes, 0.5)), p95 \(percentile(prepareTimes, 0.95))")
            print("  record (log append with fdatasync + record_turn job committed; indexing runs after): p50 \(percentile(recordTimes, 0.5)), p95 \(percentile(recordTimes, 0.95))")
            let cpu = (ProcessCPU.seconds() - cpuBefore) / Double(requests) * 1000
            let totals = zip(prepareTimes, recordTimes).map { $0 + $1 }
            print("  total per request: p50 \(percentile(totals, 0.5)), p95 \(percentile(totals, 0.95))")
            print(String(format: "  this process's CPU per request (all threads, PostgreSQL not included): %.2f ms", cpu))
            _ = try await parts.profileMemory.deleteUser(user)
            try await parts.eraseUserFiles(user)
        }
    }
}

struct BenchFailed: Error {}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
