import ArgumentParser
import PersonalMem
import PersonalMemServer

struct ExtractPending: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-pending",
        abstract: "Extract stored messages whose extraction failed or never ran (for example after an LLM outage).")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Only this user's messages.") var user: String?
    @Option(help: "At most this many messages.") var limit = 1000

    func run() async throws {
        let configuration = try options.configuration()
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        try await parts.withDatabase {
            let messages = try await parts.profileMemory.messages.pendingMessages(userID: user, limit: limit)
            var extracted = 0
            var failed = 0
            for message in messages {
                do {
                    let outcome = try await parts.profileMemory.reextract(message)
                    extracted += 1
                    print("message \(message.id): \(outcome.events.count) change(s)")
                } catch {
                    failed += 1
                    print("message \(message.id): still failing (\(type(of: error)))")
                }
            }
            print("\(extracted) extracted, \(failed) still failing, of \(messages.count) pending")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
