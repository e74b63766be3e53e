import ArgumentParser
import PersonalMem
import PersonalMemServer

struct Reembed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-embed a user's conversation memories from their stored text with the configured embedder (after changing EMB_MODEL or EMBEDDING_DIMS).")

    @OptionGroup var options: ConfigurationOptions
    @Option(help: "The user whose memories to re-embed.") var user: String

    func run() async throws {
        let configuration = try options.configuration()
        let parts = try await ServiceParts(configuration: configuration, logger: options.logger(configuration))
        let memory = parts.conversationMemory
        let count = try await memory.stores.reembed(userID: user, embedder: memory.embedder)
        try await memory.stores.closeAll()
        print("re-embedded \(count) memories with \(memory.embedder.model)")
    }
}
