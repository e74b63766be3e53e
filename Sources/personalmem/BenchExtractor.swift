import ArgumentParser
import Foundation
import PersonalMem

struct BenchExtractor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-extractor",
        abstract: "Time the built-in rule extractor per message; optionally write every message's facts for an old-versus-new comparison.",
        discussion: """
            Messages are read one a line; a line starting with a double quote is read as a JSON string \
            (so a message may hold line breaks). The time is the extractor alone, with an empty profile, \
            best and median of the rounds. --dump writes one JSON line per message: its facts with an \
            empty profile and with a running profile that every earlier message's facts were applied to \
            (so removals and changes are exercised); two builds' dumps must be identical.
            """)

    @Option(help: "Messages, one a line (plain text or a JSON string).") var messages: String
    @Option(help: "Timed passes over all messages.") var rounds = 5
    @Option(help: "Write every message's facts here, one JSON line per message.") var dump: String?

    func run() throws {
        let texts = try Self.load(messages)
        guard !texts.isEmpty else { throw ValidationError("no messages in \(messages)") }
        let extractor = RuleExtractor()
        if let dump { try Self.write(texts, extractor: extractor, to: dump) }
        var perMessage: [Double] = []
        var facts = 0
        for _ in 0..<max(rounds, 1) {
            let start = ContinuousClock.now
            facts = 0
            for text in texts { facts += extractor.facts(in: text, profile: [:]).count }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            perMessage.append(seconds * 1e6 / Double(texts.count))
        }
        perMessage.sort()
        let best = String(format: "%.1f", perMessage[0])
        let median = String(format: "%.1f", perMessage[perMessage.count / 2])
        print("\(texts.count) messages, \(facts) facts per pass, \(perMessage.count) passes: best \(best) µs, median \(median) µs per message")
    }

    static func load(_ path: String) throws -> [String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        return try lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            guard line.first == "\"" else { return String(line) }
            return try JSONDecoder().decode(String.self, from: Data(line.utf8))
        }
    }

    /// One line per message: `{"empty": [facts], "running": [facts]}`, keys sorted.
    static func write(_ texts: [String], extractor: RuleExtractor, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let catalog = FieldCatalog.standard
        let merger = ProfileMerger(catalog: catalog)
        var running: Profile = [:]
        var out = Data()
        for text in texts {
            let empty = extractor.facts(in: text, profile: [:])
            let current = extractor.facts(in: text, profile: running)
            running = merger.merge(catalog.validate(current).valid, into: running).profile
            out += try encoder.encode(["empty": empty, "running": current])
            out += Data("\n".utf8)
        }
        try out.write(to: URL(fileURLWithPath: path))
    }
}
